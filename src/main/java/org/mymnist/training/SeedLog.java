package org.mymnist.training;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The lines the original notebook prints, formatted as Python prints them, so that our log can be
 * compared with the notebook's character for character.
 */
public final class SeedLog {

    private SeedLog() {
    }

    /**
     * The training line, {@code f"Epoch : {i} loss : {loss}, acc : {round(acc*100, 2)} %"}.
     *
     * @param epoch the epoch, with accuracy in percent
     * @return e.g. {@code Epoch : 0 loss : 0.151419233487184, acc : 11.51 %}
     */
    public static String epochLine(Epoch epoch) {
        return "Epoch : " + epoch.epoch() + " loss : " + repr(epoch.loss()) + ", acc : "
                + repr(round(epoch.accuracy(), 2)) + " %";
    }

    /**
     * The per-digit line, {@code f"For {i} accuracy is {round(acc * 100, 2)}"}.
     *
     * @param digit the digit
     * @param accuracyPercent its accuracy in percent
     * @return e.g. {@code For 1 accuracy is 80.0}
     */
    public static String digitLine(int digit, double accuracyPercent) {
        return "For " + digit + " accuracy is " + repr(round(accuracyPercent, 2));
    }

    /**
     * Python's {@code round(x, digits)}: the exact binary value rounded half to even.
     *
     * @param x a finite number
     * @param digits digits after the decimal point
     * @return the rounded number
     */
    public static double round(double x, int digits) {
        if (!Double.isFinite(x)) {
            return x;
        }
        return new BigDecimal(x).setScale(digits, RoundingMode.HALF_EVEN).doubleValue();
    }

    /**
     * Python's {@code repr(x)} of a float: the shortest decimal that reads back as the same double,
     * in positional notation for 1e-4 &lt;= |x| &lt; 1e16 and scientific notation otherwise.
     *
     * @param x a number
     * @return e.g. {@code 0.1}, {@code 27.11}, {@code 10.0}, {@code 1e-05}, {@code nan}
     */
    public static String repr(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0) {
            return (1 / x < 0) ? "-0.0" : "0.0";
        }
        BigDecimal shortest = null;
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal candidate = new BigDecimal(x).round(new java.math.MathContext(precision,
                    RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == x) {
                shortest = candidate.stripTrailingZeros();
                break;
            }
        }
        int exponent = shortest.precision() - shortest.scale() - 1;
        if (exponent < -4 || exponent >= 16) {
            String digits = shortest.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String sign = x < 0 ? "-" : "";
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        String plain = shortest.toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }
}
