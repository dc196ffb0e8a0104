package org.mymnist.exercises;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mymnist.backend.NativeBackend;
import org.mymnist.nn.Activation;
import org.mymnist.nn.Layer;
import org.mymnist.nn.Loss;
import org.mymnist.nn.MeanSquaredError;
import org.mymnist.nn.Sigmoid;
import org.mymnist.nn.Softmax;
import org.mymnist.nn.SoftmaxCrossEntropy;
import org.mymnist.training.Epoch;
import org.mymnist.training.History;
import org.mymnist.training.SeedLog;
import org.mymnist.view.Language;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checks that teach: each runs the student's piece against the library's on fixed and random inputs
 * (edge cases included: large sums, one-row batches, float32) and returns a {@link Verdict}, passed,
 * or naming the likely mistake and what to do. A check never throws for a wrong answer: the notebook
 * shows the verdict, then calls {@link Verdict#orThrow()}, so that a wrong answer fails its cell.
 */
public final class Check {

    static {
        NativeBackend.configure();
    }

    /** The seed's printed losses, epochs 0 to 4 ({@code Epoch : 0 loss : 0.151419233487184, ...}). */
    static final double[] SEED_LOSSES = {0.151419233487184, 0.1157290798817189, 0.1081752170670607,
        0.10180303771541105, 0.09722655973188295};
    /** The seed's printed accuracies in percent, epochs 0 to 4. */
    static final double[] SEED_ACCURACIES = {11.51, 12.01, 10.0, 10.32, 13.24};
    /** The lowest last accuracy, in percent, for the short mean-gradient run. */
    static final double CLIMB_MIN = 85.0;

    private static final String NOTHING_TRAINED_FR = "aucune époque entraînée : la cellule d'entraînement plus haut"
            + " a échoué ou n'a pas été lancée. Si elle dit qu'un morceau n'est pas encore écrit, écrivez-le, passez sa"
            + " vérification, puis relancez la cellule d'entraînement et celle-ci.";
    private static final String NOTHING_TRAINED_EN = "no epoch trained: the training cell above failed or was not run."
            + " If it says a piece is not written yet, write it, pass its check, then run the training cell and this"
            + " one again.";

    private Check() {
    }

    // ---------------------------------------------------------------------------------------------
    // Exercise 1: the sigmoid and its derivative

    /**
     * Checks a sigmoid: {@code apply} is {@code 1 / (1 + exp(-x))}, {@code derivative} is
     * {@code s(x) (1 - s(x))}, both finite for large sums, shape and number type kept, input left unchanged.
     *
     * @param mine the student's activation
     * @param lang the language of the verdict
     * @return the verdict
     */
    public static Verdict sigmoid(Activation mine, Language lang) {
        return run("sigmoid", lang, c -> {
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
    private static void sameValues(Context c, List<INDArray> inputs, String method,
            java.util.function.UnaryOperator<INDArray> mine, java.util.function.UnaryOperator<INDArray> ref,
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

    // ---------------------------------------------------------------------------------------------
    // Exercise 2: the mean squared error and its derivative

    /**
     * Checks a mean squared error: {@code value} is the mean of {@code (p - t)²} over every value,
     * {@code derivative} is {@code 2 (p - t)}, inputs left unchanged.
     *
     * @param mine the student's loss
     * @param lang the language of the verdict
     * @return the verdict
     */
    public static Verdict meanSquaredError(Loss mine, Language lang) {
        return run("mse", lang, c -> {
            if (mine == null) {
                c.fail("l'objet est null : créez-le avec new MyMse()", "the object is null: create it with new MyMse()");
            }
            Loss ref = new MeanSquaredError();
            List<INDArray[]> cases = lossCases(false);
            for (INDArray[] pt : cases) {
                INDArray p = pt[0].dup(), t = pt[1].dup();
                Double v = c.call(() -> mine.value(p, t), "value");
                c.unchanged(p, pt[0], "value", "predicted");
                c.unchanged(t, pt[1], "value", "target");
                double want = ref.value(p, t);
                if (!(Math.abs(v - want) <= tol(p) * Math.abs(want))) {
                    c.fail(mseValueMistake(lang, v, want, p));
                }
            }
            for (INDArray[] pt : cases) {
                INDArray p = pt[0].dup(), t = pt[1].dup();
                INDArray d = c.call(() -> mine.derivative(p, t), "derivative");
                c.unchanged(p, pt[0], "derivative", "predicted");
                c.unchanged(t, pt[1], "derivative", "target");
                c.shapeAndType(d, p, "derivative", "predicted");
                double[][] got = m(d), want = m(ref.derivative(p, t));
                if (!close(got, want, tol(p))) {
                    c.fail(mseDerivativeMistake(lang, got, m(p), m(t)));
                }
            }
            return t(lang, "value et derivative donnent celles de la bibliothèque sur " + cases.size()
                    + " lots (dont une seule ligne et du float32). Bravo !", "value and derivative give the library's on "
                    + cases.size() + " batches (a single row and float32 among them). Well done!");
        });
    }

    private static String mseValueMistake(Language lang, double v, double want, INDArray p) {
        long n = p.length(), m = p.rows(), k = p.columns();
        double[][] pp = m(p);
        if (Math.abs(v - want * n) <= 1e-6 * Math.abs(want * n)) {
            return t(lang, "votre value est la somme des carrés (" + num(v) + "), on attend la moyenne (" + num(want)
                    + ") : divisez par le nombre de valeurs, " + n + " ici (meanNumber() le fait).",
                    "your value is the sum of the squares (" + num(v) + "), expected the mean (" + num(want)
                    + "): divide by the number of values, " + n + " here (meanNumber() does).");
        }
        if (m != n && Math.abs(v - want * k) <= 1e-6 * Math.abs(want * k)) {
            return t(lang, "votre value divise par le nombre de lignes (" + m + ") ; la mse du carnet fait la moyenne sur"
                    + " toutes les valeurs, lignes × colonnes (" + n + ").", "your value divides by the number of rows ("
                    + m + "); the seed's mse averages over every value, rows x columns (" + n + ").");
        }
        if (Math.abs(v * v - want) <= 1e-6 * want) {
            return t(lang, "votre value est la racine de la moyenne des carrés : la mse ne prend pas de racine.",
                    "your value is the square root of the mean of the squares: the mse takes no root.");
        }
        if (Math.abs(v - want / 2) <= 1e-6 * want) {
            return t(lang, "votre value est la moitié de la moyenne des carrés : ne divisez pas par 2.",
                    "your value is half the mean of the squares: do not divide by 2.");
        }
        return t(lang, "votre value donne " + num(v) + ", on attend " + num(want)
                + " = ((p - t)²).mean() : avez-vous bien mis au carré (Transforms.pow(d, 2)) puis fait la moyenne ?",
                "your value gives " + num(v) + ", expected " + num(want)
                + " = ((p - t)²).mean(): did you square (Transforms.pow(d, 2)), then take the mean?");
    }

    private static String mseDerivativeMistake(Language lang, double[][] got, double[][] p, double[][] t) {
        int rows = p.length, cols = p[0].length;
        double[][] diff = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                diff[i][j] = p[i][j] - t[i][j];
            }
        }
        if (matches(got, scale(diff, 1))) {
            return t(lang, "votre derivative donne p - t : il manque le facteur 2, c'est 2 (p - t).",
                    "your derivative gives p - t: the factor 2 is missing, it is 2 (p - t).");
        }
        if (matches(got, scale(diff, -2))) {
            return t(lang, "votre derivative donne 2 (t - p) : le signe est inversé, c'est 2 (p - t).",
                    "your derivative gives 2 (t - p): the sign is reversed, it is 2 (p - t).");
        }
        if (matches(got, scale(diff, 2.0 / (rows * cols))) || (rows > 1 && matches(got, scale(diff, 2.0 / rows)))) {
            return t(lang, "votre derivative est divisée par le nombre de valeurs : celle du carnet, mse(p, t, True),"
                    + " vaut 2 (p - t) sans division (c'est learn qui divise par output_n).",
                    "your derivative is divided by the number of values: the seed's, mse(p, t, True), is 2 (p - t),"
                    + " with no division (learn divides by output_n).");
        }
        boolean squares = true;
        for (int i = 0; i < rows && squares; i++) {
            for (int j = 0; j < cols; j++) {
                if (!(Math.abs(got[i][j] - diff[i][j] * diff[i][j]) <= 1e-6)) {
                    squares = false;
                    break;
                }
            }
        }
        if (squares) {
            return t(lang, "votre derivative renvoie les carrés (p - t)² : la dérivée de (p - t)² est 2 (p - t).",
                    "your derivative returns the squares (p - t)²: the derivative of (p - t)² is 2 (p - t).");
        }
        int[] at = firstDifference(got, scale(diff, 2), 1e-4);
        return t(lang, "ligne " + at[0] + ", colonne " + at[1] + " : votre derivative donne " + num(got[at[0]][at[1]])
                + ", on attend 2 (p - t) = " + num(2 * diff[at[0]][at[1]]) + ".", "row " + at[0] + ", column " + at[1]
                + ": your derivative gives " + num(got[at[0]][at[1]]) + ", expected 2 (p - t) = "
                + num(2 * diff[at[0]][at[1]]) + ".");
    }

    /** Predictions and one-hot targets: fixed, random, one row, float32; with softmax outputs when asked. */
    private static List<INDArray[]> lossCases(boolean softmax) {
        List<INDArray[]> cases = new ArrayList<>();
        cases.add(new INDArray[] {Nd4j.createFromArray(new double[][] {{0.1, 0.7, 0.2}, {0.5, 0.25, 0.25}}),
            Nd4j.createFromArray(new double[][] {{0, 1, 0}, {1, 0, 0}})});
        cases.add(new INDArray[] {probabilities(5, 10, 3, DataType.DOUBLE, softmax), oneHot(5, 10, 4, DataType.DOUBLE)});
        cases.add(new INDArray[] {probabilities(1, 10, 5, DataType.DOUBLE, softmax), oneHot(1, 10, 6, DataType.DOUBLE)});
        cases.add(new INDArray[] {probabilities(4, 10, 7, DataType.FLOAT, softmax), oneHot(4, 10, 8, DataType.FLOAT)});
        if (softmax) {
            cases.set(0, new INDArray[] {new Softmax().apply(cases.get(0)[0]), cases.get(0)[1]});
        }
        return cases;
    }

    // ---------------------------------------------------------------------------------------------
    // Exercise 3: calculate, the forward pass

    /**
     * Checks a layer's forward pass: returns {@code z1 = self.activation(inputData . self.weight)},
     * keeps {@code self.inputData} and the sums {@code self.predictedOutput_}, leaves the weights.
     *
     * @param mine the student's calculate
     * @param lang the language of the verdict
     * @return the verdict
     */
    public static Verdict calculate(Calculate mine, Language lang) {
        return run("calculate", lang, c -> {
            Object[][] cases = {
                {random(5, 3, 1.0, 11, DataType.DOUBLE), random(4, 5, 1.0, 12, DataType.DOUBLE), new Sigmoid()},
                {random(5, 3, 1.0, 13, DataType.DOUBLE), random(4, 5, 1.0, 14, DataType.DOUBLE), new Softmax()},
                {random(5, 3, 1.0, 15, DataType.DOUBLE), random(1, 5, 1.0, 16, DataType.DOUBLE), new Sigmoid()},
                {random(5, 3, 1.0, 17, DataType.FLOAT), random(2, 5, 1.0, 18, DataType.FLOAT), new Sigmoid()},
            };
            for (Object[] k : cases) {
                INDArray w = (INDArray) k[0], x = ((INDArray) k[1]).dup();
                Activation act = (Activation) k[2];
                StudentLayer self = new StudentLayer(w, 0.1, act);
                INDArray z = c.call(() -> mine.calculate(self, x), "calculate",
                        shapeHint(lang, x, w));
                c.unchanged(x, (INDArray) k[1], "calculate", "inputData");
                if (!close(m(self.weight), m(w), 0)) {
                    c.fail("calculate a changé self.weight : elle ne fait que le lire (c'est learn qui le change).",
                            "calculate changed self.weight: it only reads it (learn changes it).");
                }
                INDArray y = x.mmul(w);
                INDArray want = act.apply(y);
                if (z == null) {
                    c.fail("calculate a renvoyé null : renvoyez z1 = self.activation.apply(y1).",
                            "calculate returned null: return z1 = self.activation.apply(y1).");
                }
                if (!Arrays.equals(z.shape(), want.shape())) {
                    c.fail("calculate renvoie la forme " + shape(z) + " pour une entrée " + shape(x) + " et des poids "
                            + shape(w) + " : on attend " + shape(want) + ", une ligne par exemple, inputData.mmul(self.weight).",
                            "calculate returns shape " + shape(z) + " for an input " + shape(x) + " and weights "
                            + shape(w) + ": expected " + shape(want) + ", one row per example, inputData.mmul(self.weight).");
                }
                if (close(m(z), m(y), tol(x)) && !close(m(want), m(y), tol(x))) {
                    c.fail("calculate renvoie les sommes y1 : elle renvoie z1 = self.activation.apply(y1).",
                            "calculate returns the sums y1: it returns z1 = self.activation.apply(y1).");
                }
                if (act instanceof Softmax && close(m(z), m(new Sigmoid().apply(y)), tol(x))) {
                    c.fail("calculate applique une sigmoïde à une couche softmax : utilisez self.activation, la fonction de"
                            + " la couche (la dernière couche du carnet est une softmax).",
                            "calculate applies a sigmoid to a softmax layer: use self.activation, the layer's own function"
                            + " (the seed's last layer is a softmax).");
                }
                if (!close(m(z), m(want), tol(x))) {
                    int[] at = firstDifference(m(z), m(want), tol(x));
                    c.fail("ligne " + at[0] + ", colonne " + at[1] + " : votre z1 vaut " + num(m(z)[at[0]][at[1]])
                            + ", on attend " + num(m(want)[at[0]][at[1]]) + " = self.activation.apply(inputData.mmul(self.weight)).",
                            "row " + at[0] + ", column " + at[1] + ": your z1 is " + num(m(z)[at[0]][at[1]])
                            + ", expected " + num(m(want)[at[0]][at[1]]) + " = self.activation.apply(inputData.mmul(self.weight)).");
                }
                if (z.dataType() != x.dataType()) {
                    c.fail("pour une entrée " + x.dataType() + " calculate renvoie du " + z.dataType()
                            + " : calculez à partir de inputData et self.weight, sans créer de tableau d'un autre type.",
                            "for a " + x.dataType() + " input calculate returns " + z.dataType()
                            + ": compute from inputData and self.weight, without creating an array of another type.");
                }
                if (self.inputData == null) {
                    c.fail("self.inputData est null : gardez l'entrée (self.inputData = inputData), learn en a besoin pour dw1.",
                            "self.inputData is null: keep the input (self.inputData = inputData), learn needs it for dw1.");
                }
                if (!close(m(self.inputData), m(x), 0)) {
                    c.fail("self.inputData n'est pas l'entrée : écrivez self.inputData = inputData.",
                            "self.inputData is not the input: write self.inputData = inputData.");
                }
                if (self.predictedOutput_ == null) {
                    c.fail("self.predictedOutput_ est null : gardez-y les sommes y1 (self.predictedOutput_ = y1) ; learn y"
                            + " prend la dérivée de l'activation.", "self.predictedOutput_ is null: keep the sums y1 in it"
                            + " (self.predictedOutput_ = y1); learn takes the activation's derivative there.");
                }
                if (close(m(self.predictedOutput_), m(want), tol(x)) && !close(m(want), m(y), tol(x))) {
                    c.fail("self.predictedOutput_ garde z1, après l'activation : il doit garder les sommes y1, avant elle.",
                            "self.predictedOutput_ holds z1, after the activation: it must hold the sums y1, before it.");
                }
                if (!close(m(self.predictedOutput_), m(y), tol(x))) {
                    c.fail("self.predictedOutput_ doit valoir les sommes y1 = inputData.mmul(self.weight).",
                            "self.predictedOutput_ must be the sums y1 = inputData.mmul(self.weight).");
                }
            }
            return t(lang, "z1, self.inputData et self.predictedOutput_ sont ceux de la bibliothèque sur " + cases.length
                    + " couches (sigmoïde, softmax, une seule ligne, float32). Bravo !", "z1, self.inputData and"
                    + " self.predictedOutput_ are the library's on " + cases.length
                    + " layers (sigmoid, softmax, a single row, float32). Well done!");
        });
    }

    private static String shapeHint(Language lang, INDArray x, INDArray w) {
        return t(lang, "inputData est " + dims(x) + " et self.weight " + dims(w) + " : les sommes sont inputData.mmul(self.weight),"
                + " " + x.rows() + " × " + w.columns() + ".", "inputData is " + dims(x) + " and self.weight " + dims(w)
                + ": the sums are inputData.mmul(self.weight), " + x.rows() + " x " + w.columns() + ".");
    }

    // ---------------------------------------------------------------------------------------------
    // Exercise 4: learn, the seed's rule

    /**
     * Checks a layer's backward pass, the seed's rule: {@code e1 = e_2 / output_n * f'(y1)},
     * {@code e_0 = e1 . W^T} with the weights before the update, {@code W -= (e1^T . x)^T * lr} in place.
     *
     * @param mine the student's learn
     * @param lang the language of the verdict
     * @return the verdict
     */
    public static Verdict learn(Learn mine, Language lang) {
        return run("learn", lang, c -> {
            Object[][] cases = {
                {random(5, 3, 1.0, 21, DataType.DOUBLE), random(4, 5, 1.0, 22, DataType.DOUBLE), 0.1, new Sigmoid()},
                {random(3, 4, 1.0, 23, DataType.DOUBLE), random(2, 3, 1.0, 24, DataType.DOUBLE), 0.5, new Softmax()},
                {random(5, 3, 1.0, 25, DataType.DOUBLE), random(1, 5, 1.0, 26, DataType.DOUBLE), 0.1, new Sigmoid()},
                {random(4, 2, 1.0, 27, DataType.FLOAT), random(3, 4, 1.0, 28, DataType.FLOAT), 0.2, new Sigmoid()},
            };
            for (Object[] k : cases) {
                INDArray w0 = (INDArray) k[0], x = (INDArray) k[1];
                double lr = (Double) k[2];
                Activation act = (Activation) k[3];
                INDArray e2 = random((int) x.rows(), (int) w0.columns(), 1.0, 29, x.dataType());
                Layer ref = new Layer(w0, lr, act);
                ref.calculate(x);
                INDArray wantE0 = ref.learn(e2.dup(), true);
                INDArray wantW = ref.weight();

                StudentLayer self = new StudentLayer(w0, lr, act);
                self.inputData = x.dup();
                self.predictedOutput_ = x.mmul(w0);
                INDArray y = self.predictedOutput_.dup(), xs = self.inputData.dup(), e2s = e2.dup();
                INDArray e0 = c.call(() -> mine.learn(self, e2s), "learn", learnShapeHint(lang, w0));
                c.unchanged(e2s, e2, "learn", "e_2");
                c.unchanged(self.inputData, xs, "learn", "self.inputData");
                c.unchanged(self.predictedOutput_, y, "learn", "self.predictedOutput_");
                learnWeights(c, lang, self, w0, wantW, x, y, e2, lr, act);
                learnError(c, lang, self, e0, wantE0, w0, e2, y, act);
            }
            return t(lang, "self.weight et e_0 sont ceux du Layer.learn de la bibliothèque sur " + cases.length
                    + " couches (sigmoïde, softmax, une seule ligne, float32). Bravo !", "self.weight and e_0 are those of"
                    + " the library's Layer.learn on " + cases.length
                    + " layers (sigmoid, softmax, a single row, float32). Well done!");
        });
    }

    private static String learnShapeHint(Language lang, INDArray w) {
        return t(lang, "self.weight est " + dims(w) + " : dw1 = e1ᵀ · x est " + w.columns() + " × " + w.rows()
                + ", transposez-le (dw1.transpose()) avant de le retirer de self.weight ; e_0 = e1.mmul(self.weight.transpose()).",
                "self.weight is " + dims(w) + ": dw1 = e1ᵀ · x is " + w.columns() + " x " + w.rows()
                + ", transpose it (dw1.transpose()) before subtracting it from self.weight; e_0 = e1.mmul(self.weight.transpose()).");
    }

    private static void learnWeights(Context c, Language lang, StudentLayer self, INDArray w0, INDArray wantW,
                                     INDArray x, INDArray y, INDArray e2, double lr, Activation act) {
        double tol = tol(x);
        double[][] got = minus(m(self.weight), m(w0)), want = minus(m(wantW), m(w0));
        if (close(m(self.weight), m(w0), 0)) {
            c.fail("self.weight n'a pas changé : sub() renvoie un nouveau tableau et laisse self.weight tel quel ;"
                    + " subi() le change sur place : self.weight.subi(dw1.transpose().mul(self.lr)).",
                    "self.weight did not change: sub() returns a new array and leaves self.weight as it was;"
                    + " subi() changes it in place: self.weight.subi(dw1.transpose().mul(self.lr)).");
        }
        if (close(got, want, tol)) {
            if (self.weight.dataType() != w0.dataType()) {
                c.fail("self.weight a changé de type", "self.weight changed type");
            }
            return;
        }
        int n = self.outputN;
        long rows = x.rows();
        if (n > 1 && close(got, scale(want, n), tol)) {
            c.fail("le pas de self.weight est " + n + " fois trop grand : avez-vous oublié le / self.outputN de"
                    + " e1 = e_2 / self.outputN × f'(y1) ?", "the step of self.weight is " + n + " times too large:"
                    + " did you forget the / self.outputN in e1 = e_2 / self.outputN x f'(y1)?");
        }
        if (close(got, scale(want, -1), tol)) {
            c.fail("self.weight va dans le mauvais sens : le carnet retire le pas (self.weight -= dw1.T * self.lr),"
                    + " subi, pas addi.", "self.weight moves the wrong way: the seed subtracts the step"
                    + " (self.weight -= dw1.T * self.lr), subi, not addi.");
        }
        if (close(got, scale(want, 1 / lr), tol)) {
            c.fail("le pas de self.weight n'est pas multiplié par le taux d'apprentissage : dw1.transpose().mul(self.lr).",
                    "the step of self.weight is not multiplied by the learning rate: dw1.transpose().mul(self.lr).");
        }
        if (rows > 1 && close(got, scale(want, 1.0 / rows), tol)) {
            c.fail("le pas de self.weight est " + rows + " fois trop petit : une moyenne au lieu d'une somme ? Le carnet"
                    + " additionne les erreurs du lot (e1ᵀ · x), sans diviser par le nombre de lignes.",
                    "the step of self.weight is " + rows + " times too small: a mean instead of a sum? The seed"
                    + " adds up the batch's errors (e1ᵀ · x), without dividing by the number of rows.");
        }
        INDArray xd = x.castTo(DataType.DOUBLE), e2d = e2.castTo(DataType.DOUBLE), yd = y.castTo(DataType.DOUBLE);
        INDArray atZ = e2d.div(n).mul(act.derivative(act.apply(yd)));
        if (close(got, m(xd.transpose().mmul(atZ).mul(-lr)), tol)) {
            c.fail("vous prenez la dérivée en z1 = activation(y1) ; le carnet la prend en y1, self.predictedOutput_ :"
                    + " self.activation.derivative(self.predictedOutput_).", "you take the derivative at z1 = activation(y1);"
                    + " the seed takes it at y1, self.predictedOutput_: self.activation.derivative(self.predictedOutput_).");
        }
        INDArray noDerivative = e2d.div(n);
        if (close(got, m(xd.transpose().mmul(noDerivative).mul(-lr)), tol)) {
            c.fail("il manque la dérivée de l'activation : e1 = e_2 / self.outputN × self.activation.derivative(self.predictedOutput_).",
                    "the activation's derivative is missing: e1 = e_2 / self.outputN x self.activation.derivative(self.predictedOutput_).");
        }
        int[] at = firstDifference(got, want, tol);
        c.fail("self.weight[" + at[0] + ", " + at[1] + "] a bougé de " + num(got[at[0]][at[1]]) + ", on attend "
                + num(want[at[0]][at[1]]) + " = -(e1ᵀ · x)ᵀ × lr, avec e1 = e_2 / self.outputN × f'(y1).",
                "self.weight[" + at[0] + ", " + at[1] + "] moved by " + num(got[at[0]][at[1]]) + ", expected "
                + num(want[at[0]][at[1]]) + " = -(e1ᵀ · x)ᵀ x lr, with e1 = e_2 / self.outputN x f'(y1).");
    }

    private static void learnError(Context c, Language lang, StudentLayer self, INDArray e0, INDArray want,
                                   INDArray w0, INDArray e2, INDArray y, Activation act) {
        double tol = tol(w0);
        if (e0 == null) {
            c.fail("learn a renvoyé null : renvoyez e_0 = e1.mmul(self.weight.transpose()), l'erreur de la couche d'avant.",
                    "learn returned null: return e_0 = e1.mmul(self.weight.transpose()), the error of the layer before.");
        }
        if (!Arrays.equals(e0.shape(), want.shape())) {
            c.fail("e_0 a la forme " + shape(e0) + ", on attend " + shape(want) + " (une ligne par exemple, self.inputN"
                    + " colonnes) : e_0 = e1.mmul(self.weight.transpose()).", "e_0 has shape " + shape(e0) + ", expected "
                    + shape(want) + " (one row per example, self.inputN columns): e_0 = e1.mmul(self.weight.transpose()).");
        }
        if (close(m(e0), m(want), tol)) {
            if (e0.dataType() != want.dataType()) {
                c.fail("e_0 est du " + e0.dataType() + " pour une couche " + want.dataType(),
                        "e_0 is " + e0.dataType() + " for a " + want.dataType() + " layer");
            }
            return;
        }
        INDArray e2d = e2.castTo(DataType.DOUBLE), yd = y.castTo(DataType.DOUBLE);
        INDArray e1 = e2d.div(self.outputN).mul(act.derivative(yd));
        if (close(m(e0), m(e1.mmul(self.weight.castTo(DataType.DOUBLE).transpose())), tol)) {
            c.fail("e_0 est calculée avec les poids déjà mis à jour : calculez e_0 avant self.weight.subi(...),"
                    + " comme le carnet.", "e_0 is computed with the updated weights: compute e_0 before"
                    + " self.weight.subi(...), as the seed does.");
        }
        if (close(m(e0), m(e2d.mmul(w0.castTo(DataType.DOUBLE).transpose())), tol)) {
            c.fail("e_0 est e_2 · Wᵀ : c'est e1 · Wᵀ, avec e1 = e_2 / self.outputN × f'(y1).",
                    "e_0 is e_2 · Wᵀ: it is e1 · Wᵀ, with e1 = e_2 / self.outputN x f'(y1).");
        }
        if (close(m(e0), scale(m(want), self.outputN), tol)) {
            c.fail("e_0 est " + self.outputN + " fois trop grande : il manque le / self.outputN de e1.",
                    "e_0 is " + self.outputN + " times too large: the / self.outputN of e1 is missing.");
        }
        int[] at = firstDifference(m(e0), m(want), tol);
        c.fail("e_0[" + at[0] + ", " + at[1] + "] vaut " + num(m(e0)[at[0]][at[1]]) + ", on attend "
                + num(m(want)[at[0]][at[1]]) + " = (e1 · Wᵀ), avec les poids d'avant la mise à jour.",
                "e_0[" + at[0] + ", " + at[1] + "] is " + num(m(e0)[at[0]][at[1]]) + ", expected "
                + num(m(want)[at[0]][at[1]]) + " = (e1 · Wᵀ), with the weights from before the update.");
    }

    // ---------------------------------------------------------------------------------------------
    // Exercise 5: the accuracy

    /**
     * Checks an accuracy: the share, in [0, 1], of rows whose largest output is where the target's 1 is.
     *
     * @param mine the student's accuracy
     * @param lang the language of the verdict
     * @return the verdict
     */
    public static Verdict accuracy(Accuracy mine, Language lang) {
        return run("accuracy", lang, c -> {
            List<INDArray[]> cases = new ArrayList<>();
            cases.add(new INDArray[] {Nd4j.createFromArray(new double[][] {
                {0.7, 0.2, 0.1}, {0.1, 0.3, 0.6}, {0.2, 0.5, 0.3}, {0.3, 0.6, 0.1}}),
                Nd4j.createFromArray(new double[][] {{1, 0, 0}, {0, 0, 1}, {0, 0, 1}, {0, 1, 0}})});
            cases.add(new INDArray[] {Nd4j.createFromArray(new double[][] {{0.1, 0.9}}),
                Nd4j.createFromArray(new double[][] {{0, 1}})});
            cases.add(new INDArray[] {Nd4j.createFromArray(new double[][] {{0.1, 0.9}}),
                Nd4j.createFromArray(new double[][] {{1, 0}})});
            cases.add(new INDArray[] {probabilities(50, 10, 31, DataType.DOUBLE, true), oneHot(50, 10, 32, DataType.DOUBLE)});
            cases.add(new INDArray[] {probabilities(20, 10, 33, DataType.FLOAT, true), oneHot(20, 10, 34, DataType.FLOAT)});
            for (INDArray[] pt : cases) {
                INDArray p = pt[0].dup(), t = pt[1].dup();
                Double got = c.call(() -> mine.accuracy(p, t), "accuracy");
                c.unchanged(p, pt[0], "accuracy", "predicted");
                c.unchanged(t, pt[1], "accuracy", "target");
                double want = p.argMax(1).eq(t.argMax(1)).castTo(DataType.DOUBLE).meanNumber().doubleValue();
                if (Math.abs(got - want) <= 1e-12) {
                    continue;
                }
                long rows = p.rows();
                if (want != 0 && Math.abs(got - 100 * want) <= 1e-9) {
                    c.fail("votre accuracy donne " + num(got) + " : un pourcentage ; on attend la part, entre 0 et 1 ("
                            + num(want) + ") : ne multipliez pas par 100.", "your accuracy gives " + num(got)
                            + ": a percentage; expected the share, between 0 and 1 (" + num(want) + "): do not multiply by 100.");
                }
                if (rows > 1 && want != 0 && Math.abs(got - rows * want) <= 1e-9) {
                    c.fail("votre accuracy donne " + num(got) + " : le nombre de bonnes réponses ; divisez par le nombre de"
                            + " lignes (" + rows + ") pour la part, ou prenez la moyenne (meanNumber()).",
                            "your accuracy gives " + num(got) + ": the number of right answers; divide by the number of rows ("
                            + rows + ") for the share, or take the mean (meanNumber()).");
                }
                if (Math.abs(got - (1 - want)) <= 1e-9) {
                    c.fail("votre accuracy donne la part des erreurs (" + num(got) + ") : comptez les lignes où les deux"
                            + " argMax sont égaux (eq), pas différents.", "your accuracy gives the share of mistakes ("
                            + num(got) + "): count the rows where both argMax are equal (eq), not different.");
                }
                double columns = p.argMax(0).eq(t.argMax(0)).castTo(DataType.DOUBLE).meanNumber().doubleValue();
                if (Math.abs(got - columns) <= 1e-9) {
                    c.fail("votre accuracy compare des argMax(0), le plus grand de chaque colonne : la prédiction d'une"
                            + " ligne est son argMax(1).", "your accuracy compares argMax(0), the largest of each column:"
                            + " the prediction of a row is its argMax(1).");
                }
                c.fail("pour " + rows + " ligne(s) votre accuracy donne " + num(got) + ", on attend " + num(want)
                        + " : la part des lignes où predicted.argMax(1) est égal à target.argMax(1).",
                        "for " + rows + " row(s) your accuracy gives " + num(got) + ", expected " + num(want)
                        + ": the share of rows where predicted.argMax(1) equals target.argMax(1).");
            }
            return t(lang, "votre accuracy donne celle de la bibliothèque sur " + cases.size()
                    + " lots (dont une seule ligne, juste puis fausse, et du float32). Bravo !",
                    "your accuracy gives the library's on " + cases.size()
                    + " batches (a single row, right then wrong, and float32 among them). Well done!");
        });
    }

    // ---------------------------------------------------------------------------------------------
    // Exercise 6: softmax with cross-entropy

    /**
     * Checks the gradient of the mean cross-entropy of softmax outputs with respect to the sums,
     * {@code (p - t) / m}.
     *
     * @param mine the student's gradient
     * @param lang the language of the verdict
     * @return the verdict
     */
    public static Verdict softmaxCrossEntropy(SumsGradient mine, Language lang) {
        return run("softmax + cross-entropy", lang, c -> {
            List<INDArray[]> cases = lossCases(true);
            for (INDArray[] pt : cases) {
                INDArray p = pt[0].dup(), t = pt[1].dup();
                INDArray g = c.call(() -> mine.gradient(p, t), "gradientOfSums");
                c.unchanged(p, pt[0], "gradientOfSums", "predicted");
                c.unchanged(t, pt[1], "gradientOfSums", "target");
                c.shapeAndType(g, p, "gradientOfSums", "predicted");
                INDArray want = new SoftmaxCrossEntropy().gradientOfSums(new Softmax(), null, p, t);
                double tol = tol(p);
                double[][] got = m(g);
                if (close(got, m(want), tol)) {
                    continue;
                }
                long rows = p.rows(), cols = p.columns();
                INDArray pd = p.castTo(DataType.DOUBLE), td = t.castTo(DataType.DOUBLE);
                INDArray diff = pd.sub(td);
                if (rows > 1 && close(got, m(diff), tol)) {
                    c.fail("votre gradient est p - t : il est " + rows + " fois trop grand ; la cross-entropy est la moyenne"
                            + " sur les m lignes, divisez par m = predicted.rows().", "your gradient is p - t: it is " + rows
                            + " times too large; cross-entropy is the mean over the m rows, divide by m = predicted.rows().");
                }
                if (close(got, m(diff.div(rows * cols)), tol) || close(got, m(diff.div(cols)), tol)) {
                    c.fail("votre gradient divise par " + (rows * cols) + " ou par " + cols + " : la cross-entropy a un terme"
                            + " par ligne, divisez par le nombre de lignes m = " + rows + ".", "your gradient divides by "
                            + (rows * cols) + " or by " + cols + ": cross-entropy has one term per row, divide by the number"
                            + " of rows m = " + rows + ".");
                }
                if (close(got, m(diff.div(-rows)), tol)) {
                    c.fail("votre gradient est (t - p) / m : le signe est inversé, c'est (p - t) / m.",
                            "your gradient is (t - p) / m: the sign is reversed, it is (p - t) / m.");
                }
                if (close(got, m(diff.mul(pd).mul(pd.rsub(1)).div(rows)), tol)) {
                    c.fail("votre gradient garde le facteur p (1 - p) : avec la cross-entropy, softmax et perte se"
                            + " simplifient en (p - t) / m, sans ce facteur qui s'annule.", "your gradient keeps the factor"
                            + " p (1 - p): with cross-entropy, softmax and loss simplify to (p - t) / m, without that"
                            + " vanishing factor.");
                }
                INDArray overP = td.div(pd).negi();
                if (close(got, m(overP), tol) || close(got, m(overP.div(rows)), tol)) {
                    c.fail("votre gradient est -t / p : c'est le gradient par rapport aux probabilités p ; par rapport aux"
                            + " sommes y (avant la softmax), il vaut (p - t) / m.", "your gradient is -t / p: that is the"
                            + " gradient with respect to the probabilities p; with respect to the sums y (before the"
                            + " softmax) it is (p - t) / m.");
                }
                int[] at = firstDifference(got, m(want), tol);
                c.fail("ligne " + at[0] + ", colonne " + at[1] + " : votre gradient vaut " + num(got[at[0]][at[1]])
                        + ", on attend (p - t) / m = " + num(m(want)[at[0]][at[1]]) + ".", "row " + at[0] + ", column "
                        + at[1] + ": your gradient is " + num(got[at[0]][at[1]]) + ", expected (p - t) / m = "
                        + num(m(want)[at[0]][at[1]]) + ".");
            }
            return t(lang, "votre gradient est celui de la bibliothèque (SoftmaxCrossEntropy.gradientOfSums) sur "
                    + cases.size() + " lots (dont une seule ligne et du float32). Bravo !", "your gradient is the library's"
                    + " (SoftmaxCrossEntropy.gradientOfSums) on " + cases.size()
                    + " batches (a single row and float32 among them). Well done!");
        });
    }

    // ---------------------------------------------------------------------------------------------
    // The payoff

    /**
     * Checks that a network trained by the seed's rule printed the seed's first lines: each loss to
     * 10 significant digits and each accuracy to the hundredth, as the original notebook printed them.
     *
     * @param history the epochs trained, from epoch 0 (at most 5 are compared)
     * @param lang the language of the verdict
     * @return the verdict
     */
    public static Verdict seedLines(History history, Language lang) {
        return run("Epoch : 0 ...", lang, c -> {
            List<Epoch> epochs = history == null ? List.of() : history.epochs();
            if (epochs.isEmpty()) {
                c.fail(NOTHING_TRAINED_FR, NOTHING_TRAINED_EN);
            }
            int n = Math.min(epochs.size(), SEED_LOSSES.length);
            for (int i = 0; i < n; i++) {
                Epoch e = epochs.get(i);
                double accuracy = SeedLog.round(e.accuracy(), 2);
                if (e.epoch() != i || !(Math.abs(e.loss() - SEED_LOSSES[i]) <= 1e-10 * SEED_LOSSES[i])
                        || accuracy != SEED_ACCURACIES[i]) {
                    c.fail("époque " + i + " : votre réseau affiche « " + SeedLog.epochLine(e) + " », le carnet"
                            + " « Epoch : " + i + " loss : " + SeedLog.repr(SEED_LOSSES[i]) + ", acc : "
                            + SeedLog.repr(SEED_ACCURACIES[i]) + " % ». Un de vos morceaux diffère de ceux du carnet :"
                            + " les vérifications plus haut disent lequel (relancez-les). Pour repartir des poids du carnet,"
                            + " relancez la cellule qui crée le réseau.", "epoch " + i + ": your network prints \""
                            + SeedLog.epochLine(e) + "\", the seed \"Epoch : " + i + " loss : " + SeedLog.repr(SEED_LOSSES[i])
                            + ", acc : " + SeedLog.repr(SEED_ACCURACIES[i]) + " %\". One of your pieces differs from the"
                            + " seed's: the checks above say which (run them again). To start again from the seed's"
                            + " weights, run the cell that creates the network.");
                }
            }
            return t(lang, "vos " + n + " lignes sont celles du carnet d'origine (la perte à 10 chiffres près, l'exactitude"
                    + " au centième), calculées par votre code. Bravo !", "your " + n + " lines are the original"
                    + " notebook's (the loss to 10 digits, the accuracy to the hundredth), computed by your code. Well done!");
        });
    }

    /**
     * Checks that a short run by the mean-gradient rule climbed: each epoch's accuracy higher than the
     * first's, the last at {@value #CLIMB_MIN} % or more.
     *
     * @param history the epochs trained
     * @param lang the language of the verdict
     * @return the verdict
     */
    public static Verdict climbs(History history, Language lang) {
        return run("mean gradient", lang, c -> {
            if (history == null || history.size() == 0) {
                c.fail(NOTHING_TRAINED_FR, NOTHING_TRAINED_EN);
            }
            double last = history.last().accuracy();
            if (!(last >= CLIMB_MIN)) {
                c.fail("l'exactitude finit à " + num(SeedLog.round(last, 2)) + " %, on attend " + num(CLIMB_MIN)
                        + " % ou plus : vérifiez la sigmoïde et le gradient de softmax + cross-entropy (leurs vérifications"
                        + " plus haut).", "the accuracy ends at " + num(SeedLog.round(last, 2)) + " %, expected "
                        + num(CLIMB_MIN) + " % or more: check the sigmoid and the gradient of softmax + cross-entropy"
                        + " (their checks above).");
            }
            return t(lang, "de " + num(SeedLog.round(history.epochs().get(0).accuracy(), 2)) + " % à "
                    + num(SeedLog.round(last, 2)) + " % en " + history.size() + " époques, avec votre sigmoïde et votre"
                    + " gradient.", "from " + num(SeedLog.round(history.epochs().get(0).accuracy(), 2)) + " % to "
                    + num(SeedLog.round(last, 2)) + " % in " + history.size() + " epochs, with your sigmoid and your gradient.");
        });
    }

    // ---------------------------------------------------------------------------------------------
    // Machinery

    /** A check's body: returns the message of success, or calls {@link Context#fail}. */
    @FunctionalInterface
    private interface Body {
        String run(Context c);
    }

    /** Stops a check at its first finding. */
    private static final class Finding extends RuntimeException {
        Finding(String message) {
            super(message, null, false, false);
        }
    }

    private static Verdict run(String exercise, Language lang, Body body) {
        Language language = lang == null ? Language.FRENCH : lang;
        try {
            return new Verdict(exercise, true, body.run(new Context(language)), language);
        } catch (Finding f) {
            return new Verdict(exercise, false, f.getMessage(), language);
        }
    }

    /** What a check body uses: the language, calls into the student's code, failures. */
    private static final class Context {
        final Language lang;

        Context(Language lang) {
            this.lang = lang;
        }

        void fail(String message) {
            throw new Finding(message);
        }

        void fail(String french, String english) {
            throw new Finding(t(lang, french, english));
        }

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

        void unchanged(INDArray now, INDArray before, String method, String name) {
            if (now == null || !close(m(now), m(before), 0)) {
                fail(method + " a changé " + name + " sur place (les méthodes en i, comme subi, muli, divi, negi, changent"
                        + " leur tableau) : utilisez sub, mul, div, neg, qui en créent un nouveau.", method + " changed "
                        + name + " in place (the methods ending in i, like subi, muli, divi, negi, change their array):"
                        + " use sub, mul, div, neg, which make a new one.");
            }
        }

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
    }

    private static final Pattern SHAPE = Pattern.compile("\\[\\d+, ?\\d+\\]");

    private static boolean mentionsShapes(RuntimeException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase();
        Matcher m = SHAPE.matcher(message);
        return m.find() || message.contains("shape") || message.contains("mmul") || message.contains("broadcast");
    }

    static String t(Language lang, String french, String english) {
        return lang == Language.ENGLISH ? english : french;
    }

    private static String num(double v) {
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

    private static String shape(INDArray a) {
        return Arrays.toString(a.shape());
    }

    private static String dims(INDArray a) {
        return a.rows() + " x " + a.columns();
    }

    /** The values of a matrix (a vector counts as one row), in double. */
    static double[][] m(INDArray a) {
        if (a == null) {
            return new double[0][0];
        }
        INDArray d = a.castTo(DataType.DOUBLE);
        if (d.rank() == 2) {
            return d.toDoubleMatrix();
        }
        return new double[][] {d.reshape(d.length()).toDoubleVector()};
    }

    /** The relative tolerance for arrays of this type. */
    private static double tol(INDArray a) {
        return a.dataType() == DataType.FLOAT ? 1e-4 : 1e-9;
    }

    /** Same shape, and every value within {@code tol} (relative, with an absolute floor), NaN only equal to NaN. */
    static boolean close(double[][] a, double[][] b, double tol) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i].length != b[i].length) {
                return false;
            }
            for (int j = 0; j < a[i].length; j++) {
                double x = a[i][j], y = b[i][j];
                if (Double.isNaN(x) || Double.isNaN(y)) {
                    if (!(Double.isNaN(x) && Double.isNaN(y))) {
                        return false;
                    }
                } else if (x != y && !(Math.abs(x - y) <= tol * Math.max(Math.abs(y), 1e-6))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean matches(double[][] got, double[][] candidate) {
        return close(got, candidate, 1e-4);
    }

    private static int[] firstDifference(double[][] a, double[][] b, double tol) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            for (int j = 0; j < Math.min(a[i].length, b[i].length); j++) {
                if (!close(new double[][] {{a[i][j]}}, new double[][] {{b[i][j]}}, tol)) {
                    return new int[] {i, j};
                }
            }
        }
        return new int[] {0, 0};
    }

    private static double[][] map(double[][] x, DoubleUnaryOperator f) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = Arrays.stream(x[i]).map(f).toArray();
        }
        return out;
    }

    private static double[][] scale(double[][] x, double factor) {
        return map(x, v -> v * factor);
    }

    private static double[][] minus(double[][] a, double[][] b) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = new double[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                out[i][j] = a[i][j] - (j < b[i].length ? b[i][j] : 0);
            }
        }
        return out;
    }

    /** A rows x cols matrix of normal draws times {@code scale}, from a fixed seed. */
    static INDArray random(int rows, int cols, double scale, long seed, DataType type) {
        Random r = new Random(seed);
        double[][] v = new double[rows][cols];
        for (double[] row : v) {
            for (int j = 0; j < cols; j++) {
                row[j] = r.nextGaussian() * scale;
            }
        }
        return Nd4j.createFromArray(v).castTo(type);
    }

    /** Rows of outputs in (0, 1): a softmax of random sums, or independent values. */
    private static INDArray probabilities(int rows, int cols, long seed, DataType type, boolean softmax) {
        INDArray sums = random(rows, cols, 2.0, seed, DataType.DOUBLE);
        INDArray p = softmax ? new Softmax().apply(sums) : new Sigmoid().apply(sums);
        return p.castTo(type);
    }

    /** Random one-hot rows. */
    private static INDArray oneHot(int rows, int cols, long seed, DataType type) {
        Random r = new Random(seed);
        double[][] v = new double[rows][cols];
        for (double[] row : v) {
            row[r.nextInt(cols)] = 1;
        }
        return Nd4j.createFromArray(v).castTo(type);
    }
}
