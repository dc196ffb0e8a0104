package org.mymnist.exercises;

import static org.mymnist.exercises.CheckRun.num;
import static org.mymnist.exercises.CheckRun.text;
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
                    c.fail("softmax-ce.gradient-p-t-times", rows);
                }
                if (close(got, m(diff.div(rows * cols)), tol) || close(got, m(diff.div(cols)), tol)) {
                    c.fail("softmax-ce.gradient-divides-by-or", (rows * cols), cols, rows);
                }
                if (close(got, m(diff.div(-rows)), tol)) {
                    c.fail("softmax-ce.gradient-t-p-m");
                }
                if (close(got, m(diff.mul(pd).mul(pd.rsub(1)).div(rows)), tol)) {
                    c.fail("softmax-ce.gradient-keeps-factor-p");
                }
                INDArray overP = td.div(pd).negi();
                if (close(got, m(overP), tol) || close(got, m(overP.div(rows)), tol)) {
                    c.fail("softmax-ce.gradient-t-p-that");
                }
                int[] at = firstDifference(got, m(want), tol);
                c.fail("softmax-ce.row-column-gradient-expected",
                        at[0], at[1], num(got[at[0]][at[1]]), num(m(want)[at[0]][at[1]]));
            }
            return text(lang, "softmax-ce.gradient-library-s-softmaxcrossentropy", cases.size());
        });
    }
}
