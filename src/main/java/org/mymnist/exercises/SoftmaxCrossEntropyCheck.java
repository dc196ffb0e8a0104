package org.mymnist.exercises;

import static org.mymnist.exercises.CheckRun.num;
import static org.mymnist.exercises.CheckRun.t;
import static org.mymnist.exercises.Matrices.close;
import static org.mymnist.exercises.Matrices.firstDifference;
import static org.mymnist.exercises.Matrices.m;
import static org.mymnist.exercises.Matrices.tol;

import java.util.List;
import org.mymnist.nn.Softmax;
import org.mymnist.nn.SoftmaxCrossEntropy;
import org.mymnist.view.Language;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Exercise 6, the gradient of softmax with cross-entropy with respect to the sums: the check, on the
 * {@link Batch#lossBatches} of softmax outputs, and the diagnosis of a wrong gradient (no division by
 * m, another division, the wrong sign, the factor p (1 - p), the gradient with respect to p).
 */
final class SoftmaxCrossEntropyCheck {

    private SoftmaxCrossEntropyCheck() {
    }

    /**
     * Checks the gradient of the mean cross-entropy of softmax outputs with respect to the sums,
     * {@code (p - t) / m}.
     *
     * @param mine the student's gradient
     * @param lang the language of the verdict
     * @return the verdict
     */
    static Verdict check(SumsGradient mine, Language lang) {
        return CheckRun.verdict("softmax + cross-entropy", lang, c -> {
            List<Batch> cases = Batch.lossBatches(true);
            for (Batch pt : cases) {
                INDArray p = pt.predicted().dup(), t = pt.target().dup();
                INDArray g = c.call(() -> mine.gradient(p, t), "gradientOfSums");
                c.unchanged(p, pt.predicted(), "gradientOfSums", "predicted");
                c.unchanged(t, pt.target(), "gradientOfSums", "target");
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
}
