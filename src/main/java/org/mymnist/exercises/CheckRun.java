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
 * that says what to do, and stops at the first {@link #fail}. Every sentence comes from the
 * bundles ({@link org.mymnist.messages.Messages}), so that a teacher can reword a hint there.
 */
final class CheckRun {

    /** A check's body: returns the message of success, or calls {@link CheckRun#fail} or {@link CheckRun#failWith}. */
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

    /**
     * Stops the check with a finding already put in words (by a diagnosis).
     *
     * @param sentence the finding, in the run's language
     */
    void failWith(String sentence) {
        throw new Finding(sentence);
    }

    /**
     * Stops the check with a finding from the bundles.
     *
     * @param key the finding's key in {@code messages_*.properties}
     * @param args the values of its placeholders
     */
    void fail(String key, Object... args) {
        throw new Finding(text(lang, key, args));
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
            throw new Finding(text(lang, "check.not-written-yet-replace", method));
        } catch (NullPointerException e) {
            String which = method.equals("learn") ? text(lang, "check.null-pointer.learn")
                    : text(lang, "check.null-pointer.value");
            throw new Finding(text(lang, "check.null-pointer", method, e.getMessage(), which));
        } catch (RuntimeException e) {
            String what = e.getClass().getSimpleName() + ": " + e.getMessage();
            String hint = shapeHint != null && mentionsShapes(e) ? " " + shapeHint : "";
            if (method.equals("accuracy") && String.valueOf(e.getMessage()).toUpperCase().contains("BOOL")) {
                hint = text(lang, "check.eq-gives-true-false");
            }
            throw new Finding(text(lang, "check.threw", method, what, hint));
        }
    }

    /** Fails when the student's method changed one of its inputs. */
    void unchanged(INDArray now, INDArray before, String method, String name) {
        if (now == null || !close(m(now), m(before), 0)) {
            fail("check.changed-place-methods-ending", method, name);
        }
    }

    /** Fails when an element-wise result is null, or not of its input's shape and number type. */
    void shapeAndType(INDArray result, INDArray input, String method, String name) {
        if (result == null) {
            fail("check.returned-null-return-array", method);
        }
        if (!Arrays.equals(result.shape(), input.shape())) {
            fail("check.returns-shape-for-shape", method, shape(result), name, shape(input));
        }
        if (result.dataType() != input.dataType()) {
            fail("check.returns-for-compute-from", method, result.dataType(), name, input.dataType());
        }
    }

    private static final Pattern SHAPE = Pattern.compile("\\[\\d+, ?\\d+\\]");

    /** Whether an exception's message speaks of shapes (a matrix product or broadcast that did not fit). */
    private static boolean mentionsShapes(RuntimeException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase();
        Matcher m = SHAPE.matcher(message);
        return m.find() || message.contains("shape") || message.contains("mmul") || message.contains("broadcast");
    }

    /**
     * A sentence of the bundles in a language.
     *
     * @param lang the language (French when null)
     * @param key the sentence's key in {@code messages_*.properties}
     * @param args the values of its placeholders
     * @return the sentence
     */
    static String text(Language lang, String key, Object... args) {
        return (lang == null ? Language.FRENCH : lang).text(key, args);
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
