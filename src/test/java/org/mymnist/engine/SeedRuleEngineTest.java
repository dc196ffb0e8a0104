package org.mymnist.engine;

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
import org.mymnist.nn.MeanSquaredError;
import org.mymnist.nn.Model;
import org.mymnist.nn.SoftmaxCrossEntropy;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The engine's seed's rule computes the readable seed's rule: {@link SeedRuleEngine}
 * gives the weights, biases and losses of {@link Model#learnOn} (each layer's {@code Layer.learn})
 * step for step, float64 to 1e-12 and float32 to 1e-5, for every hidden activation, with and
 * without biases, on batches of different sizes.
 */
class SeedRuleEngineTest {

    static Stream<Arguments> accepted() {
        List<Arguments> cases = new ArrayList<>();
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            for (String hidden : new String[] {"sigmoid", "relu", "identity"}) {
                for (boolean bias : new boolean[] {true, false}) {
                    cases.add(Arguments.of(type, hidden, bias));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} bias={2}")
    @MethodSource("accepted")
    void sameWeightsAsTheReadableSeedsRule(DataType type, String hidden, boolean bias) {
        Model readable = MiniBatchEngineTest.model(new MeanSquaredError(), Activation.named(hidden), bias, type);
        Model fast = MiniBatchEngineTest.model(new MeanSquaredError(), Activation.named(hidden), bias, type);
        Model start = MiniBatchEngineTest.model(new MeanSquaredError(), Activation.named(hidden), bias, type);
        INDArray x = MiniBatchEngineTest.images(type);
        INDArray t = MiniBatchEngineTest.targets(type);
        double tolerance = MiniBatchEngineTest.tolerance(type);
        int[][] steps = {{0, 4}, {4, 4}, {8, 3}, {0, 4}};
        try (SeedRuleEngine engine = new SeedRuleEngine(fast)) {
            for (int k = 0; k < steps.length; k++) {
                int[] order = MiniBatchEngineTest.order(k);
                int[] rows = Arrays.copyOfRange(order, steps[k][0], steps[k][0] + steps[k][1]);
                double expected = readable.learnOn(x.getRows(rows), t.getRows(rows));
                double actual = engine.learn(x, t, order, steps[k][0], steps[k][1]);
                assertEquals(expected, actual, tolerance * Math.max(1, Math.abs(expected)), "loss of step " + k);
            }
            engine.push();
        }
        MiniBatchEngineTest.assertSameParameters(readable, fast, tolerance, type + " " + hidden);
        assertTrue(MiniBatchEngineTest.largestChange(start, fast) > 1e-4, "the steps moved the weights");
    }

    static Stream<Arguments> chunks() {
        List<Arguments> cases = new ArrayList<>();
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            for (int chunk : new int[] {1, 3, 4, 100}) {
                cases.add(Arguments.of(type, chunk));
            }
        }
        return cases.stream();
    }

    /**
     * The notebook's whole-set step by chunks: the same losses and weights as {@code learnOn} on all
     * the rows at once, whatever the chunk (one row, chunks with a shorter last one, one chunk).
     */
    @ParameterizedTest(name = "{0} chunks of {1}")
    @MethodSource("chunks")
    void aStepByChunksIsTheWholeSetsStep(DataType type, int chunk) {
        Model readable = MiniBatchEngineTest.model(new MeanSquaredError(), Activation.named("sigmoid"), true, type);
        Model fast = MiniBatchEngineTest.model(new MeanSquaredError(), Activation.named("sigmoid"), true, type);
        Model start = MiniBatchEngineTest.model(new MeanSquaredError(), Activation.named("sigmoid"), true, type);
        INDArray x = MiniBatchEngineTest.images(type);
        INDArray t = MiniBatchEngineTest.targets(type);
        int rows = (int) x.rows();
        int[] all = java.util.stream.IntStream.range(0, rows).toArray();
        double tolerance = MiniBatchEngineTest.tolerance(type);
        try (SeedRuleEngine engine = new SeedRuleEngine(fast, chunk)) {
            engine.prepare(rows);
            assertEquals(rows > chunk && rows % chunk != 0 ? 2 : 1, engine.preparedBatchSizes(),
                    "a chunk's arrays, and the last chunk's when it is shorter");
            for (int step = 0; step < 3; step++) {
                double expected = readable.learnOn(x, t);
                double actual = engine.learn(x, t, all, 0, rows);
                assertEquals(expected, actual, tolerance * Math.max(1, Math.abs(expected)), "loss of step " + step);
            }
            engine.push();
        }
        MiniBatchEngineTest.assertSameParameters(readable, fast, tolerance, type + " chunks of " + chunk);
        assertTrue(MiniBatchEngineTest.largestChange(start, fast) > 1e-4, "the steps moved the weights");
    }

    @Test
    void forWholeSetsMakesAChunksArraysNotTheSets() {
        Model model = MiniBatchEngineTest.model(new MeanSquaredError(), Activation.named("sigmoid"), true,
                DataType.DOUBLE);
        try (SeedRuleEngine engine = SeedRuleEngine.forWholeSets(model)) {
            engine.prepare(60_000);
            assertEquals(1, engine.preparedBatchSizes(), "60,000 rows are 30 chunks of " + SeedRuleEngine.CHUNK_ROWS);
            engine.prepare(60_001);
            assertEquals(2, engine.preparedBatchSizes(), "and a last chunk of one row");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SeedRuleEngine(model, 0));
        assertEquals("chunkRows must be at least 1, got 0", e.getMessage());
    }

    @Test
    void itTrainsTheMeanSquaredErrorOnly() {
        Model crossEntropy = MiniBatchEngineTest.model(new SoftmaxCrossEntropy(), Activation.named("sigmoid"), false,
                DataType.DOUBLE);
        String reason = SeedRuleEngine.unsupported(crossEntropy);
        assertTrue(reason.contains("mean squared error"), reason);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SeedRuleEngine(crossEntropy));
        assertEquals(reason, e.getMessage());
        assertNull(SeedRuleEngine.unsupported(MiniBatchEngineTest.model(new MeanSquaredError(),
                Activation.named("relu"), true, DataType.DOUBLE)));
    }
}
