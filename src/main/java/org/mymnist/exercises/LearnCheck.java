package org.mymnist.exercises;

import static org.mymnist.exercises.CheckRun.num;
import static org.mymnist.exercises.CheckRun.text;
import static org.mymnist.exercises.Matrices.close;
import static org.mymnist.exercises.Matrices.dims;
import static org.mymnist.exercises.Matrices.firstDifference;
import static org.mymnist.exercises.Matrices.m;
import static org.mymnist.exercises.Matrices.minus;
import static org.mymnist.exercises.Matrices.random;
import static org.mymnist.exercises.Matrices.scale;
import static org.mymnist.exercises.Matrices.shape;
import static org.mymnist.exercises.Matrices.tol;

import java.util.Arrays;
import java.util.List;
import org.mymnist.nn.Activation;
import org.mymnist.nn.Layer;
import org.mymnist.nn.Sigmoid;
import org.mymnist.nn.Softmax;
import org.mymnist.view.Language;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Exercise 4, a layer's {@code learn}, the seed's rule: the check, on four {@link Case}s (sigmoid,
 * softmax, a single row, float32), and the diagnosis of a wrong weight step (no {@code / outputN},
 * the wrong way, no learning rate, a mean, the derivative at z1) or a wrong error {@code e_0}.
 */
final class LearnCheck {

    /**
     * One layer to run the student's learn on.
     *
     * @param weight the layer's weights before the step, inputs x outputs
     * @param input the batch the layer calculated, one row per example
     * @param learningRate the layer's learning rate
     * @param activation the layer's activation
     */
    record Case(INDArray weight, INDArray input, double learningRate, Activation activation) {
    }

    private LearnCheck() {
    }

    /** Sigmoid, softmax, a single row, float32; new arrays each time, so that no check sees another's changes. */
    static List<Case> cases() {
        return List.of(
                new Case(random(5, 3, 1.0, 21, DataType.DOUBLE), random(4, 5, 1.0, 22, DataType.DOUBLE), 0.1, new Sigmoid()),
                new Case(random(3, 4, 1.0, 23, DataType.DOUBLE), random(2, 3, 1.0, 24, DataType.DOUBLE), 0.5, new Softmax()),
                new Case(random(5, 3, 1.0, 25, DataType.DOUBLE), random(1, 5, 1.0, 26, DataType.DOUBLE), 0.1, new Sigmoid()),
                new Case(random(4, 2, 1.0, 27, DataType.FLOAT), random(3, 4, 1.0, 28, DataType.FLOAT), 0.2, new Sigmoid()));
    }

    /**
     * Checks a layer's backward pass, the seed's rule: {@code e1 = e_2 / output_n * f'(y1)},
     * {@code e_0 = e1 . W^T} with the weights before the update, {@code W -= (e1^T . x)^T * lr} in place.
     *
     * @param mine the student's learn
     * @param lang the language of the verdict
     * @return the verdict
     */
    static Verdict check(Learn mine, Language lang) {
        return CheckRun.verdict("learn", lang, c -> {
            List<Case> cases = cases();
            for (Case k : cases) {
                INDArray w0 = k.weight(), x = k.input();
                double lr = k.learningRate();
                Activation act = k.activation();
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
                learnWeights(c, self, w0, wantW, x, y, e2, lr, act);
                learnError(c, self, e0, wantE0, w0, e2, y, act);
            }
            return text(lang, "learn.self-weight-e-0", cases.size());
        });
    }

    private static String learnShapeHint(Language lang, INDArray w) {
        return text(lang, "learn.self-weight-dw1-e1", dims(w), w.columns(), w.rows());
    }

    private static void learnWeights(CheckRun c, StudentLayer self, INDArray w0, INDArray wantW,
                                     INDArray x, INDArray y, INDArray e2, double lr, Activation act) {
        double tol = tol(x);
        double[][] got = minus(m(self.weight), m(w0)), want = minus(m(wantW), m(w0));
        if (close(m(self.weight), m(w0), 0)) {
            c.fail("learn.self-weight-did-not");
        }
        if (close(got, want, tol)) {
            if (self.weight.dataType() != w0.dataType()) {
                c.fail("learn.self-weight-changed-type");
            }
            return;
        }
        int n = self.outputN;
        long rows = x.rows();
        if (n > 1 && close(got, scale(want, n), tol)) {
            c.fail("learn.step-self-weight-times", n);
        }
        if (close(got, scale(want, -1), tol)) {
            c.fail("learn.self-weight-moves-wrong");
        }
        if (close(got, scale(want, 1 / lr), tol)) {
            c.fail("learn.step-self-weight-not");
        }
        if (rows > 1 && close(got, scale(want, 1.0 / rows), tol)) {
            c.fail("learn.step-self-weight-times-2", rows);
        }
        INDArray xd = x.castTo(DataType.DOUBLE), e2d = e2.castTo(DataType.DOUBLE), yd = y.castTo(DataType.DOUBLE);
        INDArray atZ = e2d.div(n).mul(act.derivative(act.apply(yd)));
        if (close(got, m(xd.transpose().mmul(atZ).mul(-lr)), tol)) {
            c.fail("learn.you-take-derivative-at");
        }
        INDArray noDerivative = e2d.div(n);
        if (close(got, m(xd.transpose().mmul(noDerivative).mul(-lr)), tol)) {
            c.fail("learn.activation-s-derivative-missing");
        }
        int[] at = firstDifference(got, want, tol);
        c.fail("learn.self-weight-moved-by", at[0], at[1], num(got[at[0]][at[1]]), num(want[at[0]][at[1]]));
    }

    private static void learnError(CheckRun c, StudentLayer self, INDArray e0, INDArray want,
                                   INDArray w0, INDArray e2, INDArray y, Activation act) {
        double tol = tol(w0);
        if (e0 == null) {
            c.fail("learn.returned-null-return");
        }
        if (!Arrays.equals(e0.shape(), want.shape())) {
            c.fail("learn.e-0-has-shape", shape(e0), shape(want));
        }
        if (close(m(e0), m(want), tol)) {
            if (e0.dataType() != want.dataType()) {
                c.fail("learn.e-0-for-layer", e0.dataType(), want.dataType());
            }
            return;
        }
        INDArray e2d = e2.castTo(DataType.DOUBLE), yd = y.castTo(DataType.DOUBLE);
        INDArray e1 = e2d.div(self.outputN).mul(act.derivative(yd));
        if (close(m(e0), m(e1.mmul(self.weight.castTo(DataType.DOUBLE).transpose())), tol)) {
            c.fail("learn.e-0-computed-with");
        }
        if (close(m(e0), m(e2d.mmul(w0.castTo(DataType.DOUBLE).transpose())), tol)) {
            c.fail("learn.e-0-e-2");
        }
        if (close(m(e0), scale(m(want), self.outputN), tol)) {
            c.fail("learn.e-0-times-too", self.outputN);
        }
        int[] at = firstDifference(m(e0), m(want), tol);
        c.fail("learn.e-0-expected-e1", at[0], at[1], num(m(e0)[at[0]][at[1]]), num(m(want)[at[0]][at[1]]));
    }
}
