package org.mymnist.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mymnist.nn.Activation;
import org.mymnist.nn.KernelFreeSigmoid;
import org.mymnist.nn.Layer;
import org.mymnist.nn.Loss;
import org.mymnist.nn.MeanSquaredError;
import org.mymnist.nn.Model;
import org.mymnist.nn.Sigmoid;
import org.mymnist.nn.Softmax;
import org.mymnist.optim.Adam;
import org.mymnist.optim.Momentum;
import org.mymnist.optim.Optimizer;
import org.mymnist.optim.Sgd;
import org.mymnist.random.NumpyRandomState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fast engine computes the readable code's step: for every model and optimizer it accepts,
 * {@link MiniBatchEngine#learn} gives the weights, biases and losses of
 * {@link Model#learnMeanGradient} with a fresh optimizer of the same kind (float64 to 1e-12,
 * float32 to 1e-5), and it says which models it cannot run.
 */
class MiniBatchEngineTest {

    private static final int ROWS = 11;
    private static final int[] SIZES = {6, 5, 4, 3};
    /** Four steps: batches of 4, 4 and 3 in one order, then 4 in another (a batch size seen again). */
    private static final int[][] STEPS = {{0, 4}, {4, 4}, {8, 3}, {0, 4}};
    private static final int[] FIRST_ORDER = {3, 7, 0, 10, 5, 1, 9, 2, 8, 6, 4};
    private static final int[] SECOND_ORDER = {8, 2, 4, 0, 9, 1, 6, 10, 3, 5, 7};

    /** A 6 -> 5 -> 4 -> 3 softmax model, the same for the same arguments. */
    static Model model(Loss loss, Activation hidden, boolean bias, DataType type) {
        NumpyRandomState random = new NumpyRandomState(17);
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            INDArray w = Nd4j.createFromArray(random.randn(SIZES[i], SIZES[i + 1])).muli(0.7).castTo(type);
            INDArray b = bias ? Nd4j.createFromArray(random.randn(1, SIZES[i + 1])).muli(0.2).castTo(type) : null;
            layers.add(new Layer(w, b, 0.1, i == 2 ? new Softmax() : hidden));
        }
        return new Model(layers, loss);
    }

    static INDArray images(DataType type) {
        return Nd4j.createFromArray(new NumpyRandomState(23).randn(ROWS, SIZES[0])).castTo(type).dup('c');
    }

    static INDArray targets(DataType type) {
        INDArray t = Nd4j.zeros(type, ROWS, 3);
        for (int r = 0; r < ROWS; r++) {
            t.putScalar(r, (r * 7) % 3, 1.0);
        }
        return t;
    }

    static Optimizer optimizer(String kind) {
        switch (kind) {
            case "sgd":
                return new Sgd(0.3);
            case "momentum":
                return new Momentum(0.2, 0.9);
            default:
                return new Adam(0.02);
        }
    }

    static int[] order(int step) {
        return step < 3 ? FIRST_ORDER : SECOND_ORDER;
    }

    static Stream<Arguments> accepted() {
        List<Arguments> cases = new ArrayList<>();
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            for (String loss : new String[] {"mse", "cross-entropy"}) {
                for (String hidden : new String[] {"sigmoid", "relu", "identity"}) {
                    for (String optimizer : new String[] {"sgd", "momentum", "adam"}) {
                        for (boolean bias : new boolean[] {true, false}) {
                            cases.add(Arguments.of(type, loss, hidden, optimizer, bias));
                        }
                    }
                }
            }
        }
        return cases.stream();
    }

    static double tolerance(DataType type) {
        return type == DataType.DOUBLE ? 1e-12 : 1e-5;
    }

    /** Every weight and bias of {@code actual} equals {@code expected}'s to the tolerance. */
    static void assertSameParameters(Model expected, Model actual, double tolerance, String what) {
        for (int i = 0; i < expected.layers().size(); i++) {
            Layer e = expected.layers().get(i);
            Layer a = actual.layers().get(i);
            assertArrayEquals(e.weight().data().asDouble(), a.weight().data().asDouble(), tolerance,
                    what + ": layer " + i + " weight");
            assertEquals(e.hasBias(), a.hasBias());
            if (e.hasBias()) {
                assertArrayEquals(e.bias().data().asDouble(), a.bias().data().asDouble(), tolerance,
                        what + ": layer " + i + " bias");
            }
        }
    }

    static double largestChange(Model before, Model after) {
        double largest = 0;
        for (int i = 0; i < before.layers().size(); i++) {
            double[] b = before.layers().get(i).weight().data().asDouble();
            double[] a = after.layers().get(i).weight().data().asDouble();
            for (int k = 0; k < a.length; k++) {
                largest = Math.max(largest, Math.abs(a[k] - b[k]));
            }
        }
        return largest;
    }

    /** One step on the readable path: the same rows, gathered with ND4J. */
    static double readableStep(Model model, INDArray x, INDArray t, int[] order, int from, int count,
                               Optimizer optimizer) {
        int[] rows = Arrays.copyOfRange(order, from, from + count);
        return model.learnMeanGradient(x.getRows(rows), t.getRows(rows), optimizer);
    }

    @ParameterizedTest(name = "{0} {1}, {2} hidden, {3}, bias {4}")
    @MethodSource("accepted")
    void engineGivesTheReadableCodesWeightsAndLosses(DataType type, String loss, String hidden, String kind,
                                                    boolean bias) {
        Model readable = model(Loss.named(loss), Activation.named(hidden), bias, type);
        Model fast = model(Loss.named(loss), Activation.named(hidden), bias, type);
        Model untouched = model(Loss.named(loss), Activation.named(hidden), bias, type);
        INDArray x = images(type);
        INDArray t = targets(type);
        Optimizer readableOptimizer = optimizer(kind);
        Optimizer fastOptimizer = optimizer(kind);
        assertNull(MiniBatchEngine.unsupported(fast));
        double tolerance = tolerance(type);
        try (MiniBatchEngine engine = new MiniBatchEngine(fast, fastOptimizer)) {
            for (int s = 0; s < STEPS.length; s++) {
                int from = STEPS[s][0];
                int count = STEPS[s][1];
                double expected = readableStep(readable, x, t, order(s), from, count, readableOptimizer);
                double actual = engine.learn(x, t, order(s), from, count);
                assertEquals(expected, actual, tolerance * Math.max(1, Math.abs(expected)), "loss of step " + s);
            }
            // The engine trains its own copy: the model changes at push.
            assertSameParameters(untouched, fast, 0.0, "before push");
            engine.push();
        }
        assertSameParameters(readable, fast, tolerance, "after " + STEPS.length + " steps");
        assertTrue(largestChange(untouched, readable) > 100 * tolerance, "the steps move the weights");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void pullSeesWeightsChangedInTheModelBetweenSteps(String kind) {
        Model readable = model(Loss.named("cross-entropy"), Activation.named("relu"), true, DataType.DOUBLE);
        Model fast = model(Loss.named("cross-entropy"), Activation.named("relu"), true, DataType.DOUBLE);
        INDArray x = images(DataType.DOUBLE);
        INDArray t = targets(DataType.DOUBLE);
        Optimizer readableOptimizer = optimizer(kind);
        Optimizer fastOptimizer = optimizer(kind);
        try (MiniBatchEngine engine = new MiniBatchEngine(fast, fastOptimizer)) {
            readableStep(readable, x, t, FIRST_ORDER, 0, 4, readableOptimizer);
            engine.learn(x, t, FIRST_ORDER, 0, 4);
            engine.push();
            assertSameParameters(readable, fast, 1e-12, "after the first step");
            for (Model m : List.of(readable, fast)) {
                m.layers().get(0).weight().muli(0.5);
                m.layers().get(1).bias().addi(0.25);
            }
            engine.pull();
            readableStep(readable, x, t, FIRST_ORDER, 4, 4, readableOptimizer);
            engine.learn(x, t, FIRST_ORDER, 4, 4);
            engine.push();
        }
        assertSameParameters(readable, fast, 1e-12, "after a change in the model and a second step");
    }

    static Stream<String> kinds() {
        return Stream.of("sgd", "momentum", "adam");
    }

    @Test
    void sgdStepIsMinusTheNumericGradient() {
        for (String loss : new String[] {"mse", "cross-entropy"}) {
            Model model = model(Loss.named(loss), Activation.named("sigmoid"), true, DataType.DOUBLE);
            INDArray x = images(DataType.DOUBLE);
            INDArray t = targets(DataType.DOUBLE);
            double lr = 0.5;
            double h = 1e-6;
            List<double[]> numeric = new ArrayList<>();
            List<double[]> before = new ArrayList<>();
            for (Layer layer : model.layers()) {
                for (INDArray p : new INDArray[] {layer.weight(), layer.bias()}) {
                    double[] g = new double[(int) p.length()];
                    for (int k = 0; k < g.length; k++) {
                        long r = k / p.columns();
                        long c = k % p.columns();
                        double v = p.getDouble(r, c);
                        p.putScalar(r, c, v + h);
                        double up = model.predictLoss(x, t).loss();
                        p.putScalar(r, c, v - h);
                        double down = model.predictLoss(x, t).loss();
                        p.putScalar(r, c, v);
                        g[k] = (up - down) / (2 * h);
                    }
                    numeric.add(g);
                    before.add(p.dup().data().asDouble());
                }
            }
            double expectedLoss = model.predictLoss(x, t).loss();
            try (MiniBatchEngine engine = new MiniBatchEngine(model, new Sgd(lr))) {
                assertEquals(expectedLoss, engine.learn(x, t, FIRST_ORDER, 0, ROWS), 1e-12);
                engine.push();
            }
            int k = 0;
            for (Layer layer : model.layers()) {
                for (INDArray p : new INDArray[] {layer.weight(), layer.bias()}) {
                    double[] after = p.dup().data().asDouble();
                    for (int e = 0; e < after.length; e++) {
                        double moved = (before.get(k)[e] - after[e]) / lr;
                        assertEquals(numeric.get(k)[e], moved, 1e-7, loss + ": parameter " + k + " element " + e);
                    }
                    k++;
                }
            }
        }
    }

    static void assertUnsupported(Model model, String... parts) {
        String reason = MiniBatchEngine.unsupported(model);
        assertTrue(reason != null, "the engine should refuse " + model);
        for (String part : parts) {
            assertTrue(reason.contains(part), "lacks \"" + part + "\": " + reason);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MiniBatchEngine(model, new Sgd(0.1)));
        assertEquals(reason, e.getMessage());
    }

    @Test
    void unsupportedSaysWhyForEachModelTheEngineCannotRun() {
        assertNull(MiniBatchEngine.unsupported(model(new MeanSquaredError(), new Sigmoid(), false, DataType.DOUBLE)));
        assertUnsupported(model(new MeanSquaredError(), new KernelFreeSigmoid(), false, DataType.DOUBLE),
                "hidden activation", "custom-sigmoid");
        assertUnsupported(model(new MeanSquaredError(), new Softmax(), false, DataType.DOUBLE),
                "hidden activation", "softmax");
        List<Layer> sigmoidLast = new ArrayList<>(model(new MeanSquaredError(), new Sigmoid(), false,
                DataType.DOUBLE).layers());
        Layer last = sigmoidLast.get(2);
        sigmoidLast.set(2, new Layer(last.weight(), 0.1, new Sigmoid()));
        assertUnsupported(new Model(sigmoidLast, new MeanSquaredError()), "softmax last layer", "sigmoid");
        Loss customLoss = new Loss() {
            private final MeanSquaredError mse = new MeanSquaredError();

            @Override
            public double value(INDArray predicted, INDArray target) {
                return mse.value(predicted, target);
            }

            @Override
            public INDArray derivative(INDArray predicted, INDArray target) {
                return mse.derivative(predicted, target);
            }

            @Override
            public long count(INDArray predicted) {
                return mse.count(predicted);
            }

            @Override
            public String name() {
                return "my-mse";
            }
        };
        assertUnsupported(model(customLoss, new Sigmoid(), false, DataType.DOUBLE), "loss", "my-mse");
    }
}
