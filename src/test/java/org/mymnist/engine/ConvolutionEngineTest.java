package org.mymnist.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mymnist.nn.Layer;
import org.mymnist.nn.Model;
import org.mymnist.nn.ModelParameters;
import org.mymnist.nn.Relu;
import org.mymnist.nn.Sigmoid;
import org.mymnist.nn.Softmax;
import org.mymnist.nn.SoftmaxCrossEntropy;
import org.mymnist.nn.Stage;
import org.mymnist.nn.conv.Activated;
import org.mymnist.nn.conv.Convolution;
import org.mymnist.nn.conv.Flatten;
import org.mymnist.nn.conv.MaxPooling;
import org.mymnist.nn.conv.Unflatten;
import org.mymnist.optim.Adam;
import org.mymnist.optim.Momentum;
import org.mymnist.optim.Optimizer;
import org.mymnist.optim.Sgd;
import org.mymnist.random.NumpyRandomState;
import org.mymnist.training.Recipe;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The convolution engine (libnd4j's im2col, col2im, maxpool2d and maxpool2d_bp bound once, the
 * products straight to OpenBLAS) computes the teaching stages' step: the same weights, biases and losses as
 * {@link Model#learnMeanGradient} over several steps (float64 to 1e-10), the same predictions, on
 * images with blank regions, whose pooling windows tie.
 */
class ConvolutionEngineTest {

    private static final int ROWS = 11;
    private static final int[][] STEPS = {{0, 4}, {4, 4}, {8, 3}, {0, 4}, {4, 4}};
    private static final int[] ORDER = {3, 7, 0, 10, 5, 1, 9, 2, 8, 6, 4};

    /** 1 x 12 x 12: conv 3x3 x 3, relu, pool 2, conv 2x2 x 4, relu, pool 2, flatten 16, dense 16 -> 5 relu -> 3 softmax. */
    static Model network(DataType type) {
        NumpyRandomState random = new NumpyRandomState(31);
        INDArray w1 = Nd4j.createFromArray(random.randn(3, 9)).reshape(3, 1, 3, 3).muli(0.5).castTo(type);
        INDArray w2 = Nd4j.createFromArray(random.randn(4, 12)).reshape(4, 3, 2, 2).muli(0.5).castTo(type);
        INDArray w3 = Nd4j.createFromArray(random.randn(16, 5)).muli(0.4).castTo(type);
        INDArray w4 = Nd4j.createFromArray(random.randn(5, 3)).muli(0.4).castTo(type);
        List<Stage> stages = List.of(new Unflatten(1, 12, 12), new Convolution(w1, Nd4j.zeros(type, 3)),
                new Activated(new Relu()), new MaxPooling(2), new Convolution(w2, Nd4j.zeros(type, 4)),
                new Activated(new Relu()), new MaxPooling(2), new Flatten());
        List<Layer> layers = List.of(new Layer(w3, Nd4j.zeros(type, 1, 5), 0.1, new Relu()),
                new Layer(w4, Nd4j.zeros(type, 1, 3), 0.1, new Softmax()));
        return new Model(stages, layers, new SoftmaxCrossEntropy());
    }

    /** Images like digits: a blank border (pooling windows of equal values) around random strokes. */
    static INDArray images(DataType type, int rows, int side) {
        double[][] v = new NumpyRandomState(41).randn(rows, side * side);
        for (double[] row : v) {
            for (int k = 0; k < row.length; k++) {
                int r = k / side;
                int c = k % side;
                boolean border = r < 3 || c < 3 || r >= side - 3 || c >= side - 3;
                row[k] = border || row[k] < 0 ? 0 : Math.min(1, row[k]);
            }
        }
        return Nd4j.createFromArray(v).castTo(type).dup('c');
    }

    static INDArray targets(DataType type, int rows) {
        INDArray t = Nd4j.zeros(type, rows, 3);
        for (int r = 0; r < rows; r++) {
            t.putScalar(r, (r * 7) % 3, 1.0);
        }
        return t;
    }

    static List<INDArray> parameters(Model m) {
        return ModelParameters.of(m);
    }

    static void assertSameParameters(Model expected, Model actual, double tolerance, String what) {
        List<INDArray> e = parameters(expected);
        List<INDArray> a = parameters(actual);
        for (int i = 0; i < e.size(); i++) {
            assertArrayEquals(e.get(i).data().asDouble(), a.get(i).data().asDouble(), tolerance, what + " parameter " + i);
        }
    }

    /** Runs the steps on both paths, checking losses and parameters after every step. */
    static void assertSameSteps(Model readable, Model fast, INDArray x, INDArray t, Optimizer o1, Optimizer o2,
                                double tolerance) {
        double moved = 0;
        List<INDArray> start = new ArrayList<>();
        parameters(readable).forEach(p -> start.add(p.dup()));
        try (ConvolutionEngine engine = new ConvolutionEngine(fast, o2)) {
            for (int[] step : STEPS) {
                int[] rows = Arrays.copyOfRange(ORDER, step[0], step[0] + step[1]);
                double expected = readable.learnMeanGradient(x.getRows(rows), t.getRows(rows), o1);
                double actual = engine.learn(x, t, ORDER, step[0], step[1]);
                engine.push();
                assertEquals(expected, actual, tolerance, "loss");
                assertSameParameters(readable, fast, tolerance, "after a step of " + step[1]);
            }
        }
        List<INDArray> end = parameters(readable);
        for (int i = 0; i < end.size(); i++) {
            moved = Math.max(moved, end.get(i).sub(start.get(i)).amaxNumber().doubleValue());
        }
        assertTrue(moved > 1e-3, "the steps moved the parameters (by " + moved + ")");
    }

    @Test
    void momentumStepsEqualTheTeachingStagesInFloat64() {
        assertSameSteps(network(DataType.DOUBLE), network(DataType.DOUBLE), images(DataType.DOUBLE, ROWS, 12),
                targets(DataType.DOUBLE, ROWS), new Momentum(0.1, 0.9), new Momentum(0.1, 0.9), 1e-10);
    }

    @Test
    void sgdAndAdamStepsEqualTheTeachingStagesInFloat64() {
        assertSameSteps(network(DataType.DOUBLE), network(DataType.DOUBLE), images(DataType.DOUBLE, ROWS, 12),
                targets(DataType.DOUBLE, ROWS), new Sgd(0.3), new Sgd(0.3), 1e-10);
        assertSameSteps(network(DataType.DOUBLE), network(DataType.DOUBLE), images(DataType.DOUBLE, ROWS, 12),
                targets(DataType.DOUBLE, ROWS), new Adam(0.01), new Adam(0.01), 1e-10);
    }

    @Test
    void float32StepsAgreeToFloat32Precision() {
        assertSameSteps(network(DataType.FLOAT), network(DataType.FLOAT), images(DataType.FLOAT, ROWS, 12),
                targets(DataType.FLOAT, ROWS), new Momentum(0.1, 0.9), new Momentum(0.1, 0.9), 2e-5);
    }

    @Test
    void theCnnRecipesShapeInFloat64EqualsTheTeachingStages() {
        // 1 x 28 x 28, two 5x5 stages (fewer filters than the recipe's, for time), dense 4*4*6 -> 10.
        Model readable = Recipe.CNN.config().withConvolutions(4, 6).withDataType(DataType.DOUBLE).newModel();
        Model fast = Recipe.CNN.config().withConvolutions(4, 6).withDataType(DataType.DOUBLE).newModel();
        INDArray x = images(DataType.DOUBLE, ROWS, 28);
        INDArray t = Nd4j.zeros(DataType.DOUBLE, ROWS, 10);
        for (int r = 0; r < ROWS; r++) {
            t.putScalar(r, r % 10, 1.0);
        }
        assertSameSteps(readable, fast, x, t, new Momentum(0.05, 0.9), new Momentum(0.05, 0.9), 1e-10);
    }

    @Test
    void predictionsEqualTheTeachingModels() {
        Model model = network(DataType.DOUBLE);
        INDArray x = images(DataType.DOUBLE, ROWS, 12);
        try (ConvolutionEngine engine = new ConvolutionEngine(model, new Sgd(0.1))) {
            assertArrayEquals(Predictions.readableClasses(model, x), engine.predictClasses(x, 4));
        }
        try (ConvolutionEngine inference = ConvolutionEngine.forInference(model)) {
            assertArrayEquals(Predictions.readableClasses(model, x), inference.predictClasses(x, 4));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> inference.prepare(4));
            assertTrue(e.getMessage().contains("made for inference"), e.getMessage());
        }
        assertArrayEquals(Predictions.readableClasses(model, x), Predictions.classes(model, x));
    }

    @Test
    void unsupportedSaysWhy() {
        assertNull(ConvolutionEngine.unsupported(network(DataType.DOUBLE)));
        Model dense = new Model(List.of(new Layer(Nd4j.zeros(DataType.DOUBLE, 4, 3), 0.1, new Softmax())),
                new SoftmaxCrossEntropy());
        String stages = ConvolutionEngine.unsupported(dense);
        assertTrue(stages != null && stages.startsWith(
                "the convolution engine runs Unflatten, (Convolution, relu, MaxPooling)..., Flatten, not []"), stages);
        Model m = network(DataType.DOUBLE);
        List<Stage> sigmoid = new ArrayList<>(m.features());
        sigmoid.set(2, new Activated(new Sigmoid()));
        String reason = ConvolutionEngine.unsupported(new Model(sigmoid, m.layers(), m.lossFunction()));
        assertTrue(reason.contains("runs convolution, relu, max pooling stages, not [Convolution(1 -> 3, 3x3), sigmoid,"),
                reason);
    }
}
