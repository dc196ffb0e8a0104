package org.mymnist.exercises;

import static org.mymnist.exercises.CheckRun.num;
import static org.mymnist.exercises.CheckRun.t;
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
                c.fail("l'objet est null : créez-le avec new MySigmoid()", "the object is null: create it with new MySigmoid()");
            }
            Activation ref = new Sigmoid();
            List<INDArray> inputs = sigmoidInputs();
            sameValues(c, inputs, "apply", mine::apply, ref::apply, (xs, got, want) -> applyMistake(lang, xs, got, want));
            sameValues(c, inputs, "derivative", mine::derivative, ref::derivative,
                    (xs, got, want) -> derivativeMistake(lang, xs, got, want));
            return t(lang, "apply et derivative donnent les valeurs de la bibliothèque sur " + inputs.size()
                    + " jeux d'entrées (dont x = ±800, une seule valeur, du float32). Bravo !",
                    "apply and derivative give the library's values on " + inputs.size()
                    + " sets of inputs (x = ±800, a single value and float32 among them). Well done!");
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
                c.fail(mistake.of(xs, got, want));
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
            return t(lang, "pour x = " + num(v) + " votre apply donne " + num(g) + " : une exponentielle déborde."
                    + " Écrivez 1 / (1 + exp(-x)), qui reste fini pour tout x.",
                    "for x = " + num(v) + " your apply gives " + num(g) + ": an exponential overflows."
                    + " Write 1 / (1 + exp(-x)), which stays finite for every x.");
        }
        if (matches(got, map(x, z -> 1 / (1 + Math.exp(z))))) {
            return t(lang, "votre apply calcule 1 / (1 + exp(x)) : il manque le signe moins, c'est exp(-x).",
                    "your apply computes 1 / (1 + exp(x)): the minus sign is missing, it is exp(-x).");
        }
        if (matches(got, map(x, z -> Math.exp(-z))) || matches(got, map(x, Math::exp))) {
            return t(lang, "votre apply calcule une exponentielle seule : la formule est 1 / (1 + exp(-x)).",
                    "your apply computes an exponential alone: the formula is 1 / (1 + exp(-x)).");
        }
        if (matches(got, map(x, z -> 1 + Math.exp(-z)))) {
            return t(lang, "votre apply calcule 1 + exp(-x) : il reste à en prendre l'inverse, 1 / (1 + exp(-x))"
                    + " (rdiv(1) en ND4J).", "your apply computes 1 + exp(-x): take its inverse, 1 / (1 + exp(-x))"
                    + " (rdiv(1) in ND4J).");
        }
        return t(lang, "pour x = " + num(v) + " votre apply donne " + num(g) + ", on attend " + num(w)
                + " = 1 / (1 + exp(-x)).", "for x = " + num(v) + " your apply gives " + num(g) + ", expected "
                + num(w) + " = 1 / (1 + exp(-x)).");
    }

    private static String derivativeMistake(Language lang, double[][] x, double[][] got, double[][] want) {
        int[] at = firstDifference(got, want, 1e-4);
        double v = x[at[0]][at[1]], g = got[at[0]][at[1]], w = want[at[0]][at[1]];
        DoubleUnaryOperator s = z -> 1 / (1 + Math.exp(-z));
        if (Double.isNaN(g) || Double.isInfinite(g)) {
            return t(lang, "pour x = " + num(v) + " votre derivative donne " + num(g) + " : dans exp(-x) / (1 + exp(-x))²,"
                    + " exp(" + num(-v) + ") déborde vers l'infini et infini / infini donne NaN. Écrivez-la s(x) (1 - s(x)),"
                    + " avec s(x) = apply(x) : la même valeur, toujours finie.",
                    "for x = " + num(v) + " your derivative gives " + num(g) + ": in exp(-x) / (1 + exp(-x))², exp("
                    + num(-v) + ") overflows to infinity and infinity / infinity is NaN. Write it s(x) (1 - s(x)),"
                    + " with s(x) = apply(x): the same value, always finite.");
        }
        if (matches(got, map(x, s))) {
            return t(lang, "votre derivative en 0 donne 0.5, on attend 0.25 : avez-vous renvoyé s(x) au lieu de s(x) (1 - s(x)) ?",
                    "your derivative at 0 gives 0.5, expected 0.25: did you return s(x) instead of s(x)(1 - s(x))?");
        }
        if (matches(got, map(x, z -> z * (1 - z)))) {
            return t(lang, "votre derivative calcule x (1 - x) : c'est s(x) (1 - s(x)), avec s(x) = apply(x), pas x.",
                    "your derivative computes x (1 - x): it is s(x) (1 - s(x)), with s(x) = apply(x), not x.");
        }
        if (matches(got, map(x, z -> -s.applyAsDouble(z) * (1 - s.applyAsDouble(z))))) {
            return t(lang, "votre derivative a le mauvais signe : s(x) (1 - s(x)) est positive.",
                    "your derivative has the wrong sign: s(x) (1 - s(x)) is positive.");
        }
        if (matches(got, map(x, z -> 1 - s.applyAsDouble(z)))) {
            return t(lang, "votre derivative calcule 1 - s(x) : il manque le facteur s(x), c'est s(x) (1 - s(x)).",
                    "your derivative computes 1 - s(x): the factor s(x) is missing, it is s(x) (1 - s(x)).");
        }
        return t(lang, "pour x = " + num(v) + " votre derivative donne " + num(g) + ", on attend " + num(w)
                + " = s(x) (1 - s(x)).", "for x = " + num(v) + " your derivative gives " + num(g) + ", expected "
                + num(w) + " = s(x) (1 - s(x)).");
    }
}
