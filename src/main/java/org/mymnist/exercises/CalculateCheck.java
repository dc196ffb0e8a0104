package org.mymnist.exercises;

import static org.mymnist.exercises.CheckRun.num;
import static org.mymnist.exercises.CheckRun.text;
import static org.mymnist.exercises.Matrices.close;
import static org.mymnist.exercises.Matrices.dims;
import static org.mymnist.exercises.Matrices.firstDifference;
import static org.mymnist.exercises.Matrices.m;
import static org.mymnist.exercises.Matrices.random;
import static org.mymnist.exercises.Matrices.shape;
import static org.mymnist.exercises.Matrices.tol;

import java.util.Arrays;
import java.util.List;
import org.mymnist.nn.Activation;
import org.mymnist.nn.Sigmoid;
import org.mymnist.nn.Softmax;
import org.mymnist.view.Language;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Exercise 3, a layer's {@code calculate}, the forward pass: the check, on four {@link Case}s
 * (sigmoid, softmax, a single row, float32), with the diagnosis of each finding beside it (the sums
 * returned, the wrong activation, {@code self.inputData} or {@code self.predictedOutput_} not kept).
 */
final class CalculateCheck {

    /**
     * One layer to run the student's calculate on.
     *
     * @param weight the layer's weights, inputs x outputs
     * @param input the batch, one row per example
     * @param activation the layer's activation
     */
    record Case(INDArray weight, INDArray input, Activation activation) {
    }

    private CalculateCheck() {
    }

    /** Sigmoid, softmax, a single row, float32; new arrays each time, so that no check sees another's changes. */
    static List<Case> cases() {
        return List.of(
                new Case(random(5, 3, 1.0, 11, DataType.DOUBLE), random(4, 5, 1.0, 12, DataType.DOUBLE), new Sigmoid()),
                new Case(random(5, 3, 1.0, 13, DataType.DOUBLE), random(4, 5, 1.0, 14, DataType.DOUBLE), new Softmax()),
                new Case(random(5, 3, 1.0, 15, DataType.DOUBLE), random(1, 5, 1.0, 16, DataType.DOUBLE), new Sigmoid()),
                new Case(random(5, 3, 1.0, 17, DataType.FLOAT), random(2, 5, 1.0, 18, DataType.FLOAT), new Sigmoid()));
    }

    /**
     * Checks a layer's forward pass: returns {@code z1 = self.activation(inputData . self.weight)},
     * keeps {@code self.inputData} and the sums {@code self.predictedOutput_}, leaves the weights.
     *
     * @param mine the student's calculate
     * @param lang the language of the verdict
     * @return the verdict
     */
    static Verdict check(Calculate mine, Language lang) {
        return CheckRun.verdict("calculate", lang, c -> {
            List<Case> cases = cases();
            for (Case k : cases) {
                INDArray w = k.weight(), x = k.input().dup();
                Activation act = k.activation();
                StudentLayer self = new StudentLayer(w, 0.1, act);
                INDArray z = c.call(() -> mine.calculate(self, x), "calculate",
                        shapeHint(lang, x, w));
                c.unchanged(x, k.input(), "calculate", "inputData");
                if (!close(m(self.weight), m(w), 0)) {
                    c.fail("calculate.changed-self-weight");
                }
                INDArray y = x.mmul(w);
                INDArray want = act.apply(y);
                if (z == null) {
                    c.fail("calculate.returned-null-return");
                }
                if (!Arrays.equals(z.shape(), want.shape())) {
                    c.fail("calculate.returns-shape-for", shape(z), shape(x), shape(w), shape(want));
                }
                if (close(m(z), m(y), tol(x)) && !close(m(want), m(y), tol(x))) {
                    c.fail("calculate.returns-sums-y1");
                }
                if (act instanceof Softmax && close(m(z), m(new Sigmoid().apply(y)), tol(x))) {
                    c.fail("calculate.applies-sigmoid-softmax");
                }
                if (!close(m(z), m(want), tol(x))) {
                    int[] at = firstDifference(m(z), m(want), tol(x));
                    c.fail("calculate.row-column-z1-expected",
                            at[0], at[1], num(m(z)[at[0]][at[1]]), num(m(want)[at[0]][at[1]]));
                }
                if (z.dataType() != x.dataType()) {
                    c.fail("calculate.for-input-calculate-returns", x.dataType(), z.dataType());
                }
                if (self.inputData == null) {
                    c.fail("calculate.self-inputdata-null-keep");
                }
                if (!close(m(self.inputData), m(x), 0)) {
                    c.fail("calculate.self-inputdata-not-input");
                }
                if (self.predictedOutput_ == null) {
                    c.fail("calculate.self-predictedoutput-null-keep");
                }
                if (close(m(self.predictedOutput_), m(want), tol(x)) && !close(m(want), m(y), tol(x))) {
                    c.fail("calculate.self-predictedoutput-holds-z1");
                }
                if (!close(m(self.predictedOutput_), m(y), tol(x))) {
                    c.fail("calculate.self-predictedoutput-must-be");
                }
            }
            return text(lang, "calculate.z1-self-inputdata-self", cases.size());
        });
    }

    private static String shapeHint(Language lang, INDArray x, INDArray w) {
        return text(lang, "calculate.inputdata-self-weight-sums", dims(x), dims(w), x.rows(), w.columns());
    }
}
