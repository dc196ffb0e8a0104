package org.mymnist.exercises;

import static org.mymnist.exercises.CheckRun.num;
import static org.mymnist.exercises.CheckRun.text;
import static org.mymnist.exercises.Matrices.oneHot;
import static org.mymnist.exercises.Matrices.probabilities;

import java.util.List;
import org.mymnist.view.Language;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Exercise 5, the accuracy: the check, on five {@link Batch}es (a single row right then wrong,
 * float32), and the diagnosis of a wrong share (a percentage, a count, the mistakes, columns).
 */
final class AccuracyCheck {

    private AccuracyCheck() {
    }

    /** Four rows, one row right then wrong, softmax outputs in float64 and float32. */
    static List<Batch> batches() {
        return List.of(
                new Batch(Nd4j.createFromArray(new double[][] {
                    {0.7, 0.2, 0.1}, {0.1, 0.3, 0.6}, {0.2, 0.5, 0.3}, {0.3, 0.6, 0.1}}),
                    Nd4j.createFromArray(new double[][] {{1, 0, 0}, {0, 0, 1}, {0, 0, 1}, {0, 1, 0}})),
                new Batch(Nd4j.createFromArray(new double[][] {{0.1, 0.9}}), Nd4j.createFromArray(new double[][] {{0, 1}})),
                new Batch(Nd4j.createFromArray(new double[][] {{0.1, 0.9}}), Nd4j.createFromArray(new double[][] {{1, 0}})),
                new Batch(probabilities(50, 10, 31, DataType.DOUBLE, true), oneHot(50, 10, 32, DataType.DOUBLE)),
                new Batch(probabilities(20, 10, 33, DataType.FLOAT, true), oneHot(20, 10, 34, DataType.FLOAT)));
    }

    /**
     * Checks an accuracy: the share, in [0, 1], of rows whose largest output is where the target's 1 is.
     *
     * @param mine the student's accuracy
     * @param lang the language of the verdict
     * @return the verdict
     */
    static Verdict check(Accuracy mine, Language lang) {
        return CheckRun.verdict("accuracy", lang, c -> {
            List<Batch> cases = batches();
            for (Batch pt : cases) {
                INDArray p = pt.predicted().dup(), t = pt.target().dup();
                Double got = c.call(() -> mine.accuracy(p, t), "accuracy");
                c.unchanged(p, pt.predicted(), "accuracy", "predicted");
                c.unchanged(t, pt.target(), "accuracy", "target");
                double want = p.argMax(1).eq(t.argMax(1)).castTo(DataType.DOUBLE).meanNumber().doubleValue();
                if (Math.abs(got - want) <= 1e-12) {
                    continue;
                }
                long rows = p.rows();
                if (want != 0 && Math.abs(got - 100 * want) <= 1e-9) {
                    c.fail("accuracy.gives-percentage-expected", num(got), num(want));
                }
                if (rows > 1 && want != 0 && Math.abs(got - rows * want) <= 1e-9) {
                    c.fail("accuracy.gives-number-right", num(got), rows);
                }
                if (Math.abs(got - (1 - want)) <= 1e-9) {
                    c.fail("accuracy.gives-share-mistakes", num(got));
                }
                double columns = p.argMax(0).eq(t.argMax(0)).castTo(DataType.DOUBLE).meanNumber().doubleValue();
                if (Math.abs(got - columns) <= 1e-9) {
                    c.fail("accuracy.compares-argmax-0");
                }
                c.fail("accuracy.for-row-s-accuracy", rows, num(got), num(want));
            }
            return text(lang, "accuracy.gives-library-s", cases.size());
        });
    }
}
