package org.mymnist.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Checks Layer against the notebook's formulas written out with plain doubles. */
class LayerTest {

    private static final double[][] X = {{0.5, 0.0, 1.0}, {0.25, 0.75, 0.0}};
    private static final double[][] W = {{0.1, -0.2}, {0.3, 0.4}, {-0.5, 0.6}};
    private static final double[][] E2 = {{0.2, -0.1}, {-0.3, 0.05}};
    private static final double LR = 0.5;

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    @Test
    void calculateIsSigmoidOfTheWeightedSum() {
        Layer layer = new Layer(Nd4j.createFromArray(W), LR, new Sigmoid());
        INDArray z = layer.calculate(Nd4j.createFromArray(X));
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 2; c++) {
                double y = X[r][0] * W[0][c] + X[r][1] * W[1][c] + X[r][2] * W[2][c];
                assertEquals(y, layer.predictedOutput_().getDouble(r, c), 1e-15);
                assertEquals(sigmoid(y), z.getDouble(r, c), 1e-15);
            }
        }
    }

    @Test
    void learnFollowsTheNotebook() {
        Layer layer = new Layer(Nd4j.createFromArray(W), LR, new Sigmoid());
        layer.calculate(Nd4j.createFromArray(X));
        INDArray e0 = layer.learn(Nd4j.createFromArray(E2), true);

        // e1 = e_2 / output_n * sigmoid'(y)
        double[][] e1 = new double[2][2];
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 2; c++) {
                double y = X[r][0] * W[0][c] + X[r][1] * W[1][c] + X[r][2] * W[2][c];
                double s = sigmoid(y);
                e1[r][c] = E2[r][c] / 2 * (s * (1 - s));
            }
        }
        for (int r = 0; r < 2; r++) {
            for (int i = 0; i < 3; i++) {
                // e_0 = e1 . W^T, with the weights before the update
                double expected = e1[r][0] * W[i][0] + e1[r][1] * W[i][1];
                assertEquals(expected, e0.getDouble(r, i), 1e-15);
            }
        }
        for (int i = 0; i < 3; i++) {
            for (int c = 0; c < 2; c++) {
                // W -= (e1^T . x)^T * lr
                double dw = e1[0][c] * X[0][i] + e1[1][c] * X[1][i];
                assertEquals(W[i][c] - dw * LR, layer.weight().getDouble(i, c), 1e-15);
            }
        }
    }

    @Test
    void firstLayerMaySkipTheErrorItWouldPassBack() {
        Layer a = new Layer(Nd4j.createFromArray(W), LR, new Sigmoid());
        Layer b = new Layer(Nd4j.createFromArray(W), LR, new Sigmoid());
        a.calculate(Nd4j.createFromArray(X));
        b.calculate(Nd4j.createFromArray(X));
        a.learn(Nd4j.createFromArray(E2), true);
        assertNull(b.learn(Nd4j.createFromArray(E2), false));
        assertArrayEquals(a.weight().toDoubleMatrix(), b.weight().toDoubleMatrix());
    }

    @Test
    void learnBeforeCalculateIsAnError() {
        Layer layer = new Layer(Nd4j.createFromArray(W), LR, new Sigmoid());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> layer.learn(Nd4j.createFromArray(E2), true));
        assertEquals("learn called before calculate", e.getMessage());
    }

    @Test
    void modelRefusesLayersThatDoNotFit() {
        Layer first = new Layer(Nd4j.createFromArray(W), LR, new Sigmoid());
        Layer second = new Layer(Nd4j.createFromArray(W), LR, new Softmax());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Model(List.of(first, second), new MeanSquaredError()));
        assertEquals("layer 1 takes 3 inputs but layer 0 gives 2", e.getMessage());
    }

    @Test
    void gradientBeforeCalculateIsAnError() {
        Layer layer = new Layer(Nd4j.createFromArray(W), LR, new Sigmoid());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> layer.gradient(Nd4j.createFromArray(E2)));
        assertEquals("gradient called before calculate", e.getMessage());
    }

    @Test
    void softmaxRowsSumToOneAndDerivativeIsTheDiagonal() {
        INDArray x = Nd4j.createFromArray(new double[][] {{1, 2, 3}, {1000, 1000, 1000}, {-5, 0.5, 700}});
        Softmax softmax = new Softmax();
        INDArray s = softmax.apply(x);
        for (int r = 0; r < 3; r++) {
            double sum = 0;
            for (int c = 0; c < 3; c++) {
                assertTrue(s.getDouble(r, c) >= 0 && s.getDouble(r, c) <= 1, "row " + r + " column " + c);
                sum += s.getDouble(r, c);
            }
            assertEquals(1.0, sum, 1e-15, "row " + r);
        }
        double e = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertEquals(Math.exp(1) / e, s.getDouble(0, 0), 1e-15);
        assertEquals(Math.exp(3) / e, s.getDouble(0, 2), 1e-15);
        // Large sums do not overflow: the row's largest is subtracted first.
        assertEquals(1.0 / 3, s.getDouble(1, 0), 1e-15);
        assertEquals(1.0, s.getDouble(2, 2), 1e-15);
        INDArray d = softmax.derivative(x);
        for (int c = 0; c < 3; c++) {
            assertEquals(s.getDouble(0, c) * (1 - s.getDouble(0, c)), d.getDouble(0, c), 1e-15);
        }
        // apply leaves its input as it was
        assertEquals(1000.0, x.getDouble(1, 0), 0.0);
    }

    @Test
    void meanSquaredErrorIsTheMeanAndItsDerivativeTwiceTheDifference() {
        INDArray p = Nd4j.createFromArray(new double[][] {{0.5, 0.5}, {1, 0}});
        INDArray t = Nd4j.createFromArray(new double[][] {{1, 0}, {1, 0}});
        MeanSquaredError mse = new MeanSquaredError();
        assertEquals((0.25 + 0.25) / 4, mse.value(p, t), 1e-15);
        assertArrayEquals(new double[][] {{-1, 1}, {0, 0}}, mse.derivative(p, t).toDoubleMatrix());
    }
}
