package org.mymnist.exercises;

import static org.mymnist.exercises.CheckRun.num;
import static org.mymnist.exercises.CheckRun.text;
import static org.mymnist.exercises.Matrices.close;
import static org.mymnist.exercises.Matrices.firstDifference;
import static org.mymnist.exercises.Matrices.m;
import static org.mymnist.exercises.Matrices.map;
import static org.mymnist.exercises.Matrices.matches;
import static org.mymnist.exercises.Matrices.random;
import static org.mymnist.exercises.Matrices.tol;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import org.mymnist.nn.Activation;
import org.mymnist.nn.Sigmoid;
import org.mymnist.view.Language;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Exercise 1, the sigmoid and its derivative: the check, on fixed and random inputs (x = ±800, a
 * single value, float32), and the diagnosis of a wrong {@code apply} or {@code derivative} (a missing
 * minus sign, an overflowing exponential, s(x) for s(x) (1 - s(x)), ...).
 */
final class SigmoidCheck {

    private SigmoidCheck() {
    }

    /**
     * Checks a sigmoid: {@code apply} is {@code 1 / (1 + exp(-x))}, {@code derivative} is
     * {@code s(x) (1 - s(x))}, both finite for large sums, shape and number type kept, input left unchanged.
     *
     * @param mine the student's activation
     * @param lang the language of the verdict
     * @return the verdict
     */
    static Verdict check(Activation mine, Language lang) {
        return CheckRun.verdict("sigmoid", lang, c -> {
            if (mine == null) {
                c.fail("sigmoid.object-null-create-with");
            }
            Activation ref = new Sigmoid();
            List<INDArray> inputs = sigmoidInputs();
            sameValues(c, inputs, "apply", mine::apply, ref::apply, (xs, got, want) -> applyMistake(lang, xs, got, want));
            sameValues(c, inputs, "derivative", mine::derivative, ref::derivative,
                    (xs, got, want) -> derivativeMistake(lang, xs, got, want));
            return text(lang, "sigmoid.apply-derivative-give-library", inputs.size());
        });
    }

    /** What a wrong element-wise result most likely means, from the inputs, the result and the right one. */
    private interface Mistake {
        String of(double[][] x, double[][] got, double[][] want);
    }

    /**
     * Checks an element-wise method of the student's on every input against the library's: input
     * left unchanged, shape and type kept, the same values to the input type's tolerance.
     */
    private static void sameValues(CheckRun c, List<INDArray> inputs, String method,
            UnaryOperator<INDArray> mine, UnaryOperator<INDArray> ref,
            Mistake mistake) {
        for (INDArray input : inputs) {
            INDArray x = input.dup();
            INDArray y = c.call(() -> mine.apply(x), method);
            c.unchanged(x, input, method, "x");
            c.shapeAndType(y, x, method, "x");
            double[][] xs = m(x), got = m(y), want = m(ref.apply(x));
            if (!close(got, want, tol(x))) {
                c.failWith(mistake.of(xs, got, want));
            }
        }
    }

    private static List<INDArray> sigmoidInputs() {
        List<INDArray> inputs = new ArrayList<>();
        inputs.add(Nd4j.createFromArray(new double[][] {{0}}));
        inputs.add(Nd4j.createFromArray(new double[][] {{-2, -1, 0, 1, 2}}));
        inputs.add(random(3, 4, 4.0, 1, DataType.DOUBLE));
        inputs.add(Nd4j.createFromArray(new double[][] {{-800, -100, -30, 0, 30, 100, 800}}));
        inputs.add(random(2, 5, 4.0, 2, DataType.FLOAT));
        inputs.add(Nd4j.createFromArray(new float[][] {{-100, -30, 30, 100}}));
        return inputs;
    }

    private static String applyMistake(Language lang, double[][] x, double[][] got, double[][] want) {
        int[] at = firstDifference(got, want, 1e-4);
        double v = x[at[0]][at[1]], g = got[at[0]][at[1]], w = want[at[0]][at[1]];
        if (Double.isNaN(g) || Double.isInfinite(g)) {
            return text(lang, "sigmoid.for-x-apply-gives", num(v), num(g));
        }
        if (matches(got, map(x, z -> 1 / (1 + Math.exp(z))))) {
            return text(lang, "sigmoid.apply-computes-1-1");
        }
        if (matches(got, map(x, z -> Math.exp(-z))) || matches(got, map(x, Math::exp))) {
            return text(lang, "sigmoid.apply-computes-exponential-alone");
        }
        if (matches(got, map(x, z -> 1 + Math.exp(-z)))) {
            return text(lang, "sigmoid.apply-computes-1-exp");
        }
        return text(lang, "sigmoid.for-x-apply-gives-2", num(v), num(g), num(w));
    }

    private static String derivativeMistake(Language lang, double[][] x, double[][] got, double[][] want) {
        int[] at = firstDifference(got, want, 1e-4);
        double v = x[at[0]][at[1]], g = got[at[0]][at[1]], w = want[at[0]][at[1]];
        DoubleUnaryOperator s = z -> 1 / (1 + Math.exp(-z));
        if (Double.isNaN(g) || Double.isInfinite(g)) {
            return text(lang, "sigmoid.for-x-derivative-gives", num(v), num(g), num(-v));
        }
        if (matches(got, map(x, s))) {
            return text(lang, "sigmoid.derivative-at-0-gives");
        }
        if (matches(got, map(x, z -> z * (1 - z)))) {
            return text(lang, "sigmoid.derivative-computes-x-1");
        }
        if (matches(got, map(x, z -> -s.applyAsDouble(z) * (1 - s.applyAsDouble(z))))) {
            return text(lang, "sigmoid.derivative-has-wrong-sign");
        }
        if (matches(got, map(x, z -> 1 - s.applyAsDouble(z)))) {
            return text(lang, "sigmoid.derivative-computes-1-s");
        }
        return text(lang, "sigmoid.for-x-derivative-gives-2", num(v), num(g), num(w));
    }
}
