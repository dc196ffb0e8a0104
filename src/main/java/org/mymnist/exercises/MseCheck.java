package org.mymnist.exercises;

import static org.mymnist.exercises.CheckRun.num;
import static org.mymnist.exercises.CheckRun.t;
import static org.mymnist.exercises.Matrices.close;
import static org.mymnist.exercises.Matrices.firstDifference;
import static org.mymnist.exercises.Matrices.m;
import static org.mymnist.exercises.Matrices.matches;
import static org.mymnist.exercises.Matrices.scale;
import static org.mymnist.exercises.Matrices.tol;

import java.util.List;
import org.mymnist.nn.Loss;
import org.mymnist.nn.MeanSquaredError;
import org.mymnist.view.Language;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Exercise 2, the mean squared error and its derivative: the check, on the {@link Batch#lossBatches}
 * batches, and the diagnosis of a wrong {@code value} (a sum, a mean over rows, a root, a half) or
 * {@code derivative} (no factor 2, the wrong sign, a division, the squares).
 */
final class MseCheck {

    private MseCheck() {
    }

    /**
     * Checks a mean squared error: {@code value} is the mean of {@code (p - t)²} over every value,
     * {@code derivative} is {@code 2 (p - t)}, inputs left unchanged.
     *
     * @param mine the student's loss
     * @param lang the language of the verdict
     * @return the verdict
     */
    static Verdict check(Loss mine, Language lang) {
        return CheckRun.verdict("mse", lang, c -> {
            if (mine == null) {
                c.fail("l'objet est null : créez-le avec new MyMse()", "the object is null: create it with new MyMse()");
            }
            Loss ref = new MeanSquaredError();
            List<Batch> cases = Batch.lossBatches(false);
            for (Batch pt : cases) {
                INDArray p = pt.predicted().dup(), t = pt.target().dup();
                Double v = c.call(() -> mine.value(p, t), "value");
                c.unchanged(p, pt.predicted(), "value", "predicted");
                c.unchanged(t, pt.target(), "value", "target");
                double want = ref.value(p, t);
                if (!(Math.abs(v - want) <= tol(p) * Math.abs(want))) {
                    c.fail(mseValueMistake(lang, v, want, p));
                }
            }
            for (Batch pt : cases) {
                INDArray p = pt.predicted().dup(), t = pt.target().dup();
                INDArray d = c.call(() -> mine.derivative(p, t), "derivative");
                c.unchanged(p, pt.predicted(), "derivative", "predicted");
                c.unchanged(t, pt.target(), "derivative", "target");
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
}
