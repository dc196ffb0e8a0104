package org.mymnist.exercises;

import static org.mymnist.exercises.Matrices.close;
import static org.mymnist.exercises.Matrices.m;
import static org.mymnist.exercises.Matrices.shape;

import java.util.Arrays;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mymnist.view.Language;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One run of a check, the verdict runner that every exercise shares: {@link #verdict} runs a check's
 * body and turns its message of success, or its first finding, into a {@link Verdict}. The body
 * calls the student's code through {@link #call}, which turns a stub or an exception into a finding
 * that says what to do, and stops at the first {@link #fail}.
 */
final class CheckRun {

    /** A check's body: returns the message of success, or calls {@link CheckRun#fail}. */
    @FunctionalInterface
    interface Body {
        String run(CheckRun c);
    }

    /** Stops a check at its first finding. */
    private static final class Finding extends RuntimeException {
        Finding(String message) {
            super(message, null, false, false);
        }
    }

    /** The language of the run's messages. */
    final Language lang;

    private CheckRun(Language lang) {
        this.lang = lang;
    }

    /**
     * Runs a check's body.
     *
     * @param exercise the exercise's name, as the verdict shows it
     * @param lang the language of the verdict (French when null)
     * @param body the check
     * @return passed with the body's message, or failed with its first finding
     */
    static Verdict verdict(String exercise, Language lang, Body body) {
        Language language = lang == null ? Language.FRENCH : lang;
        try {
            return new Verdict(exercise, true, body.run(new CheckRun(language)), language);
        } catch (Finding f) {
            return new Verdict(exercise, false, f.getMessage(), language);
        }
    }

    /** Stops the check with this finding. */
    void fail(String message) {
        throw new Finding(message);
    }

    /** Stops the check with the finding in the run's language. */
    void fail(String french, String english) {
        throw new Finding(t(lang, french, english));
    }

    /** Runs the student's code, as {@link #call(Supplier, String, String)} with no hint on shapes. */
    <T> T call(Supplier<T> code, String method) {
        return call(code, method, null);
    }

    /** Runs the student's code; a stub or an exception becomes a finding that says what to do. */
    <T> T call(Supplier<T> code, String method, String shapeHint) {
        try {
            return code.get();
        } catch (UnsupportedOperationException e) {
            throw new Finding(t(lang, method + " n'est pas encore écrite : remplacez la ligne throw new"
                    + " UnsupportedOperationException(...) par votre code (la formule est au-dessus), exécutez la"
                    + " cellule, puis cette vérification.", method + " is not written yet: replace the line throw new"
                    + " UnsupportedOperationException(...) with your code (the formula is above), run the cell,"
                    + " then this check."));
        } catch (NullPointerException e) {
            String fr = method.equals("learn") ? " : un tableau est null ; self.inputData et self.predictedOutput_"
                    + " sont remplis par calculate, et learn les lit." : " : une valeur est null.";
            String en = method.equals("learn") ? ": an array is null; self.inputData and self.predictedOutput_"
                    + " are filled by calculate, and learn reads them." : ": a value is null.";
            throw new Finding(t(lang, method + " a lancé une NullPointerException (" + e.getMessage() + ")" + fr,
                    method + " threw a NullPointerException (" + e.getMessage() + ")" + en));
        } catch (RuntimeException e) {
            String what = e.getClass().getSimpleName() + ": " + e.getMessage();
            String hint = shapeHint != null && mentionsShapes(e) ? " " + shapeHint : "";
            if (method.equals("accuracy") && String.valueOf(e.getMessage()).toUpperCase().contains("BOOL")) {
                hint = t(lang, " eq donne des vrai/faux (BOOL) : convertissez-les en nombres avec"
                        + " castTo(DataType.DOUBLE) avant meanNumber().", " eq gives true/false values (BOOL):"
                        + " turn them into numbers with castTo(DataType.DOUBLE) before meanNumber().");
            }
            throw new Finding(t(lang, method + " a lancé " + what + "." + hint, method + " threw " + what + "." + hint));
        }
    }

    /** Fails when the student's method changed one of its inputs. */
    void unchanged(INDArray now, INDArray before, String method, String name) {
        if (now == null || !close(m(now), m(before), 0)) {
            fail(method + " a changé " + name + " sur place (les méthodes en i, comme subi, muli, divi, negi, changent"
                    + " leur tableau) : utilisez sub, mul, div, neg, qui en créent un nouveau.", method + " changed "
                    + name + " in place (the methods ending in i, like subi, muli, divi, negi, change their array):"
                    + " use sub, mul, div, neg, which make a new one.");
        }
    }

    /** Fails when an element-wise result is null, or not of its input's shape and number type. */
    void shapeAndType(INDArray result, INDArray input, String method, String name) {
        if (result == null) {
            fail(method + " a renvoyé null : renvoyez le tableau calculé.", method + " returned null: return the"
                    + " array it computes.");
        }
        if (!Arrays.equals(result.shape(), input.shape())) {
            fail(method + " renvoie la forme " + shape(result) + " pour " + name + " de forme " + shape(input)
                    + " : on attend la même forme, valeur par valeur.", method + " returns shape " + shape(result)
                    + " for " + name + " of shape " + shape(input) + ": expected the same shape, value by value.");
        }
        if (result.dataType() != input.dataType()) {
            fail(method + " renvoie du " + result.dataType() + " pour " + name + " en " + input.dataType()
                    + " : calculez à partir de " + name + " (par ex. " + name + ".neg(), Transforms.exp(...)) sans créer"
                    + " de tableau d'un autre type.", method + " returns " + result.dataType() + " for " + name + " in "
                    + input.dataType() + ": compute from " + name + " (e.g. " + name + ".neg(), Transforms.exp(...))"
                    + " without creating an array of another type.");
        }
    }

    private static final Pattern SHAPE = Pattern.compile("\\[\\d+, ?\\d+\\]");

    /** Whether an exception's message speaks of shapes (a matrix product or broadcast that did not fit). */
    private static boolean mentionsShapes(RuntimeException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase();
        Matcher m = SHAPE.matcher(message);
        return m.find() || message.contains("shape") || message.contains("mmul") || message.contains("broadcast");
    }

    /** The French or the English text, French unless English is asked. */
    static String t(Language lang, String french, String english) {
        return lang == Language.ENGLISH ? english : french;
    }

    /** A number as a hint shows it: whole numbers without a decimal point, else 6 significant digits. */
    static String num(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+∞" : "-∞";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return String.valueOf((long) v);
        }
        return String.format(java.util.Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replace(".e", "e");
    }
}
