package org.mymnist.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mymnist.random.NumpyRandomState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The mean-gradient rule's gradients are the true ones: {@link Model#gradients} against central
 * differences of the loss {@link Model#predictLoss} reports, for every loss and activation, with
 * and without biases, in float64.
 */
class GradientTest {

    private static final double H = 1e-6;
    private static final double TOLERANCE = 1e-7;
    private static final int ROWS = 5;

    /** A 4 -> 5 -> 4 -> 3 model: two hidden layers, so that the error goes through a hidden activation twice. */
    static Model model(String hidden, String output, String loss, boolean bias) {
        NumpyRandomState random = new NumpyRandomState(11);
        int[] sizes = {4, 5, 4, 3};
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            INDArray w = Nd4j.createFromArray(random.randn(sizes[i], sizes[i + 1])).muli(0.8);
            INDArray b = bias ? Nd4j.createFromArray(random.randn(1, sizes[i + 1])).muli(0.3) : null;
            layers.add(new Layer(w, b, 0.1, Activation.named(i == 2 ? output : hidden)));
        }
        return new Model(layers, Loss.named(loss));
    }

    static INDArray inputs() {
        return Nd4j.createFromArray(new NumpyRandomState(5).randn(ROWS, 4));
    }

    static INDArray targets() {
        INDArray t = Nd4j.zeros(DataType.DOUBLE, ROWS, 3);
        for (int r = 0; r < ROWS; r++) {
            t.putScalar(r, (r * 2) % 3, 1.0);
        }
        return t;
    }

    static Stream<Arguments> models() {
        List<Arguments> cases = new ArrayList<>();
        for (String hidden : new String[] {"sigmoid", "relu", "identity", "softmax"}) {
            for (boolean bias : new boolean[] {true, false}) {
                cases.add(Arguments.of(hidden, "softmax", "cross-entropy", bias));
                for (String output : new String[] {"softmax", "sigmoid", "relu", "identity"}) {
                    cases.add(Arguments.of(hidden, output, "mse", bias));
                }
            }
        }
        return cases.stream();
    }

    /** Central differences of the model's loss with respect to each element of {@code parameter}. */
    static double[] numeric(Model model, INDArray parameter, INDArray x, INDArray t) {
        double[] g = new double[(int) parameter.length()];
        for (int k = 0; k < g.length; k++) {
            long r = k / parameter.columns();
            long c = k % parameter.columns();
            double v = parameter.getDouble(r, c);
            parameter.putScalar(r, c, v + H);
            double up = model.predictLoss(x, t).loss();
            parameter.putScalar(r, c, v - H);
            double down = model.predictLoss(x, t).loss();
            parameter.putScalar(r, c, v);
            g[k] = (up - down) / (2 * H);
        }
        return g;
    }

    static void assertClose(double[] expected, INDArray actual, String what) {
        double[] a = actual.dup('c').data().asDouble();
        assertEquals(expected.length, a.length, what);
        for (int k = 0; k < a.length; k++) {
            assertEquals(expected[k], a[k], TOLERANCE * Math.max(1, Math.abs(expected[k])), what + " element " + k);
        }
    }

    @ParameterizedTest(name = "{0} hidden, {1} output, {2}, bias {3}")
    @MethodSource("models")
    void gradientsAreTheCentralDifferencesOfTheLoss(String hidden, String output, String loss, boolean bias) {
        Model model = model(hidden, output, loss, bias);
        INDArray x = inputs();
        INDArray t = targets();
        List<double[]> before = new ArrayList<>();
        model.layers().forEach(l -> before.add(l.weight().dup().data().asDouble()));

        Model.Gradients gradients = model.gradients(x, t);

        assertEquals(model.predictLoss(x, t).loss(), gradients.loss(), 0.0);
        assertEquals(3, gradients.layers().size());
        double largest = 0;
        for (int i = 0; i < 3; i++) {
            Layer layer = model.layers().get(i);
            LayerGradient g = gradients.layers().get(i);
            assertArrayEquals(before.get(i), layer.weight().data().asDouble(), 0.0, "gradients changes nothing");
            assertArrayEquals(layer.weight().shape(), g.weight().shape());
            double[] dW = numeric(model, layer.weight(), x, t);
            assertClose(dW, g.weight(), "layer " + i + " weight");
            for (double v : dW) {
                largest = Math.max(largest, Math.abs(v));
            }
            if (bias) {
                assertArrayEquals(new long[] {1, layer.outputN}, g.bias().shape());
                assertClose(numeric(model, layer.bias(), x, t), g.bias(), "layer " + i + " bias");
            } else {
                assertNull(g.bias());
            }
        }
        assertTrue(largest > 1e-4, "the fixture has gradients worth checking: " + largest);
    }

    @Test
    void lossGradientIsTheDerivativeOfTheValue() {
        INDArray p = Nd4j.createFromArray(new double[][] {{0.2, 0.5, 0.3}, {0.6, 0.1, 0.3}});
        INDArray t = Nd4j.createFromArray(new double[][] {{0, 1, 0}, {1, 0, 0}});
        for (Loss loss : new Loss[] {new MeanSquaredError(), new SoftmaxCrossEntropy()}) {
            double[] numeric = new double[6];
            for (int k = 0; k < 6; k++) {
                INDArray up = p.dup();
                INDArray down = p.dup();
                up.putScalar(k / 3, k % 3, p.getDouble(k / 3, k % 3) + H);
                down.putScalar(k / 3, k % 3, p.getDouble(k / 3, k % 3) - H);
                numeric[k] = (loss.value(up, t) - loss.value(down, t)) / (2 * H);
            }
            assertClose(numeric, loss.gradient(p, t), loss.name());
            // derivative is the gradient of the sum of the terms: count times the gradient of their mean
            assertArrayEquals(loss.gradient(p, t).muli(loss.count(p)).data().asDouble(),
                    loss.derivative(p, t).data().asDouble(), 1e-15, loss.name());
        }
        assertEquals(6, new MeanSquaredError().count(p));
        assertEquals(2, new SoftmaxCrossEntropy().count(p));
    }

    @Test
    void softmaxBackwardIsTheJacobianProduct() {
        INDArray y = Nd4j.createFromArray(new double[][] {{0.3, -1.2, 2.0, 0.1}, {5.0, 4.5, -3.0, 0.0}});
        INDArray dz = Nd4j.createFromArray(new double[][] {{0.7, -0.2, 0.1, 1.5}, {-1.0, 0.4, 0.3, 0.25}});
        Softmax softmax = new Softmax();
        // d/dy of sum(dz * softmax(y))
        double[] numeric = new double[8];
        for (int k = 0; k < 8; k++) {
            INDArray up = y.dup();
            INDArray down = y.dup();
            up.putScalar(k / 4, k % 4, y.getDouble(k / 4, k % 4) + H);
            down.putScalar(k / 4, k % 4, y.getDouble(k / 4, k % 4) - H);
            numeric[k] = (softmax.apply(up).muli(dz).sumNumber().doubleValue()
                    - softmax.apply(down).muli(dz).sumNumber().doubleValue()) / (2 * H);
        }
        INDArray backward = softmax.backward(y, dz);
        assertClose(numeric, backward, "softmax backward");
        // Not the seed's diagonal: the full Jacobian differs from dz * s (1 - s).
        double[] diagonal = dz.mul(softmax.derivative(y)).data().asDouble();
        double differs = 0;
        for (int k = 0; k < 8; k++) {
            differs = Math.max(differs, Math.abs(diagonal[k] - backward.getDouble(k / 4, k % 4)));
        }
        assertTrue(differs > 1e-3, "the diagonal alone is not the chain rule: " + differs);
    }

    @Test
    void elementWiseBackwardIsTheDerivativeTimesTheError() {
        INDArray y = Nd4j.createFromArray(new double[][] {{0.3, -1.2, 2.0}, {-0.5, 4.5, 0.7}});
        INDArray dz = Nd4j.createFromArray(new double[][] {{0.7, -0.2, 0.1}, {-1.0, 0.4, 0.3}});
        for (Activation a : new Activation[] {new Sigmoid(), new Relu(), new Identity()}) {
            double[] numeric = new double[6];
            for (int k = 0; k < 6; k++) {
                INDArray up = y.dup();
                INDArray down = y.dup();
                up.putScalar(k / 3, k % 3, y.getDouble(k / 3, k % 3) + H);
                down.putScalar(k / 3, k % 3, y.getDouble(k / 3, k % 3) - H);
                numeric[k] = (a.apply(up).muli(dz).sumNumber().doubleValue()
                        - a.apply(down).muli(dz).sumNumber().doubleValue()) / (2 * H);
            }
            assertClose(numeric, a.backward(y, dz), a.name());
        }
    }

    @Test
    void crossEntropysFusionIsTheChainRuleThroughSoftmax() {
        INDArray y = Nd4j.createFromArray(new double[][] {{0.3, -1.2, 2.0}, {5.0, 4.5, -3.0}, {0.0, 0.1, 0.2}});
        INDArray t = Nd4j.createFromArray(new double[][] {{0, 1, 0}, {1, 0, 0}, {0, 0, 1}});
        Softmax softmax = new Softmax();
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        INDArray p = softmax.apply(y);
        INDArray fused = loss.gradientOfSums(softmax, y, p, t);
        INDArray chain = softmax.backward(y, loss.gradient(p, t));
        assertArrayEquals(chain.data().asDouble(), fused.data().asDouble(), 1e-15);
        // (p - t) / m, written out
        assertEquals((p.getDouble(1, 0) - 1) / 3, fused.getDouble(1, 0), 1e-16);
        assertEquals(p.getDouble(2, 0) / 3, fused.getDouble(2, 0), 1e-16);
        // The mean squared error keeps the default: the chain rule.
        MeanSquaredError mse = new MeanSquaredError();
        assertArrayEquals(softmax.backward(y, mse.gradient(p, t)).data().asDouble(),
                mse.gradientOfSums(softmax, y, p, t).data().asDouble(), 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loss.gradientOfSums(new Sigmoid(), y, p, t));
        assertTrue(e.getMessage().contains("softmax"), e.getMessage());
    }
}
