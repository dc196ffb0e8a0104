package org.mymnist.exercises;

import static org.mymnist.exercises.CheckRun.num;
import static org.mymnist.exercises.CheckRun.text;
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
                c.fail("mse.object-null-create-with");
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
                    c.failWith(mseValueMistake(lang, v, want, p));
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
                    c.failWith(mseDerivativeMistake(lang, got, m(p), m(t)));
                }
            }
            return text(lang, "mse.value-derivative-give-library", cases.size());
        });
    }

    private static String mseValueMistake(Language lang, double v, double want, INDArray p) {
        long n = p.length(), m = p.rows(), k = p.columns();
        double[][] pp = m(p);
        if (Math.abs(v - want * n) <= 1e-6 * Math.abs(want * n)) {
            return text(lang, "mse.value-sum-squares-expected", num(v), num(want), n);
        }
        if (m != n && Math.abs(v - want * k) <= 1e-6 * Math.abs(want * k)) {
            return text(lang, "mse.value-divides-by-number", m, n);
        }
        if (Math.abs(v * v - want) <= 1e-6 * want) {
            return text(lang, "mse.value-square-root-mean");
        }
        if (Math.abs(v - want / 2) <= 1e-6 * want) {
            return text(lang, "mse.value-half-mean-squares");
        }
        return text(lang, "mse.value-gives-expected-p", num(v), num(want));
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
            return text(lang, "mse.derivative-gives-p-t");
        }
        if (matches(got, scale(diff, -2))) {
            return text(lang, "mse.derivative-gives-2-t");
        }
        if (matches(got, scale(diff, 2.0 / (rows * cols))) || (rows > 1 && matches(got, scale(diff, 2.0 / rows)))) {
            return text(lang, "mse.derivative-divided-by-number");
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
            return text(lang, "mse.derivative-returns-squares-p");
        }
        int[] at = firstDifference(got, scale(diff, 2), 1e-4);
        return text(lang, "mse.row-column-derivative-gives",
                at[0], at[1], num(got[at[0]][at[1]]), num(2 * diff[at[0]][at[1]]));
    }
}
