package org.mymnist.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The seed's rule, against the notebook's statements written out with plain doubles:
 * <pre>
 * e1 = e_2 / self.output_n * self.activation(self.predicted_output_, True)
 * e_0 = np.dot(e1, self.weight.T)
 * dw1 = np.dot(e1.T, self.input_data)
 * self.weight -= dw1.T * self.lr
 * return e_0
 * </pre>
 * and the model's loop that calls it ({@code learnOn}, {@code backpropagation}).
 */
class SeedRuleTest {

    private static final double[][] X = {{0.5, -1.0, 1.0}, {0.25, 0.75, 0.0}, {-0.3, 0.2, 0.9}};
    private static final double[][] W1 = {{0.1, -0.2}, {0.3, 0.4}, {-0.5, 0.6}};
    private static final double[][] W2 = {{0.7, -0.1, 0.2}, {-0.4, 0.5, 0.3}};
    private static final double[][] T = {{1, 0, 0}, {0, 0, 1}, {0, 1, 0}};

    static double[][] dot(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b[0].length; j++) {
                for (int k = 0; k < b.length; k++) {
                    c[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return c;
    }

    static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    static double[][] sigmoid(double[][] y) {
        double[][] s = new double[y.length][y[0].length];
        for (int i = 0; i < y.length; i++) {
            for (int j = 0; j < y[0].length; j++) {
                s[i][j] = 1 / (1 + Math.exp(-y[i][j]));
            }
        }
        return s;
    }

    static double[][] softmax(double[][] y) {
        double[][] s = new double[y.length][y[0].length];
        for (int i = 0; i < y.length; i++) {
            double sum = 0;
            for (int j = 0; j < y[0].length; j++) {
                sum += Math.exp(y[i][j]);
            }
            for (int j = 0; j < y[0].length; j++) {
                s[i][j] = Math.exp(y[i][j]) / sum;
            }
        }
        return s;
    }

    /** {@code s * (1 - s)} element by element: the seed's derivative of sigmoid and of softmax. */
    static double[][] diagonal(double[][] s) {
        double[][] d = new double[s.length][s[0].length];
        for (int i = 0; i < s.length; i++) {
            for (int j = 0; j < s[0].length; j++) {
                d[i][j] = s[i][j] * (1 - s[i][j]);
            }
        }
        return d;
    }

    /**
     * The seed's five statements on plain arrays: updates {@code w} (and {@code b}, by the sum of
     * {@code e1} over rows, when not null) and returns {@code e_0}.
     */
    static double[][] seedLearn(double[][] w, double[] b, double lr, double[][] input, double[][] derivative,
                                double[][] e2) {
        int rows = e2.length;
        int out = e2[0].length;
        double[][] e1 = new double[rows][out];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < out; c++) {
                e1[r][c] = e2[r][c] / out * derivative[r][c];
            }
        }
        double[][] e0 = dot(e1, transpose(w));
        double[][] dw1 = dot(transpose(e1), input);
        for (int i = 0; i < w.length; i++) {
            for (int c = 0; c < out; c++) {
                w[i][c] -= dw1[c][i] * lr;
            }
        }
        if (b != null) {
            for (int c = 0; c < out; c++) {
                double sum = 0;
                for (int r = 0; r < rows; r++) {
                    sum += e1[r][c];
                }
                b[c] -= sum * lr;
            }
        }
        return e0;
    }

    static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    static void assertMatrix(double[][] expected, INDArray actual, double tolerance, String what) {
        assertArrayEquals(new long[] {expected.length, expected[0].length}, actual.shape(), what);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual.getRow(i).toDoubleVector(), tolerance, what + " row " + i);
        }
    }

    @Test
    void learnWithABiasAndSoftmaxsDiagonalIsTheSeedsStatements() {
        double[] b = {0.05, -0.1, 0.2};
        double lr = 0.3;
        double[][] e2 = {{0.2, -0.1, 0.4}, {-0.3, 0.05, 0.1}};
        double[][] input = {{0.5, -1.0}, {0.25, 0.75}};
        Layer layer = new Layer(Nd4j.createFromArray(W2), Nd4j.createFromArray(b), lr, new Softmax());
        INDArray z = layer.calculate(Nd4j.createFromArray(input));

        double[][] y = dot(input, W2);
        for (double[] row : y) {
            for (int c = 0; c < 3; c++) {
                row[c] += b[c];
            }
        }
        assertMatrix(softmax(y), z, 1e-15, "z");
        double[][] w = copy(W2);
        double[] bias = b.clone();
        double[][] e0 = seedLearn(w, bias, lr, input, diagonal(softmax(y)), e2);

        INDArray e0Layer = layer.learn(Nd4j.createFromArray(e2), true);
        assertMatrix(e0, e0Layer, 1e-15, "e_0");
        assertMatrix(w, layer.weight(), 1e-15, "weight");
        assertArrayEquals(bias, layer.bias().toDoubleVector(), 1e-15, "bias");
        assertTrue(Math.abs(bias[0] - b[0]) > 1e-4, "the fixture moves the bias");
    }

    @Test
    void learnOnIsTheNotebooksLoopBody() {
        double lr1 = 0.5;
        double lr2 = 0.25;
        Layer first = new Layer(Nd4j.createFromArray(W1), lr1, new Sigmoid());
        Layer second = new Layer(Nd4j.createFromArray(W2), lr2, new Softmax());
        Model model = new Model(List.of(first, second), new MeanSquaredError());

        // predict, the loss, mse(p, t, True) = 2 (p - t), then learn last to first
        double[][] z1 = sigmoid(dot(X, W1));
        double[][] p = softmax(dot(z1, W2));
        double loss = 0;
        double[][] dLoss = new double[3][3];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                loss += (p[r][c] - T[r][c]) * (p[r][c] - T[r][c]) / 9;
                dLoss[r][c] = (p[r][c] - T[r][c]) * 2;
            }
        }
        double[][] w1 = copy(W1);
        double[][] w2 = copy(W2);
        double[][] e0 = seedLearn(w2, null, lr2, z1, diagonal(p), dLoss);
        seedLearn(w1, null, lr1, X, diagonal(z1), e0);

        assertEquals(loss, model.learnOn(Nd4j.createFromArray(X), Nd4j.createFromArray(T)), 1e-15);
        assertMatrix(w2, second.weight(), 1e-15, "last layer");
        assertMatrix(w1, first.weight(), 1e-15, "first layer");
    }

    @Test
    void learnOnRefusesALossOtherThanTheMeanSquaredErrorAndChangesNothing() {
        Layer first = new Layer(Nd4j.createFromArray(W1), 0.5, new Sigmoid());
        Layer second = new Layer(Nd4j.createFromArray(W2), 0.5, new Softmax());
        Model model = new Model(List.of(first, second), new SoftmaxCrossEntropy());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> model.learnOn(Nd4j.createFromArray(X), Nd4j.createFromArray(T)));
        assertTrue(e.getMessage().contains("mean-gradient rule"), e.getMessage());
        assertTrue(e.getMessage().contains("cross-entropy"), e.getMessage());
        assertMatrix(W1, first.weight(), 0.0, "first layer");
        assertMatrix(W2, second.weight(), 0.0, "last layer");
    }

    @Test
    void backpropagationRepeatsTheStridedSliceNOverBatchTimes() {
        // n = 7, batch 3: step = 7 // 3 = 2, two updates, each on input_data[::2] = rows 0, 2, 4, 6.
        double[][] x = new double[7][3];
        double[][] t = new double[7][3];
        for (int r = 0; r < 7; r++) {
            for (int c = 0; c < 3; c++) {
                x[r][c] = Math.sin(r * 3 + c);
            }
            t[r][r % 3] = 1;
        }
        Model model = new Model(List.of(new Layer(Nd4j.createFromArray(W1), 0.5, new Sigmoid()),
                new Layer(Nd4j.createFromArray(W2), 0.5, new Softmax())), new MeanSquaredError());
        Model byHand = new Model(List.of(new Layer(Nd4j.createFromArray(W1), 0.5, new Sigmoid()),
                new Layer(Nd4j.createFromArray(W2), 0.5, new Softmax())), new MeanSquaredError());

        double mean = model.backpropagation(Nd4j.createFromArray(x), Nd4j.createFromArray(t), 3);

        INDArray rows = Nd4j.createFromArray(x).get(NDArrayIndex.interval(0, 2, 7), NDArrayIndex.all());
        INDArray targets = Nd4j.createFromArray(t).get(NDArrayIndex.interval(0, 2, 7), NDArrayIndex.all());
        assertEquals(4, rows.rows());
        double l1 = byHand.learnOn(rows, targets);
        double l2 = byHand.learnOn(rows, targets);
        assertEquals((l1 + l2) / 2, mean, 0.0);
        assertEquals(List.of(mean), model.loss());
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(byHand.layers().get(i).weight().toDoubleMatrix(), model.layers().get(i).weight().toDoubleMatrix(),
                    "layer " + i);
        }
        assertTrue(l2 != l1, "the second update starts from the first's weights");
    }
}
