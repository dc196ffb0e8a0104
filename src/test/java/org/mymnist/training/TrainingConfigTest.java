package org.mymnist.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mymnist.backend.NativeBackend;
import org.mymnist.data.MnistData;
import org.mymnist.nn.Initializer;
import org.mymnist.nn.Layer;
import org.mymnist.nn.Model;
import org.mymnist.optim.Adam;
import org.mymnist.optim.Momentum;
import org.mymnist.optim.Sgd;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The settings of a training run: a value, the models it builds, and what it refuses. */
class TrainingConfigTest {

    @Test
    void seedRecipeBuildsTheNotebooksModelFromNumpysDraws() {
        Model model = Recipe.SEED.config().newModel();
        assertEquals(3, model.layers().size());
        long[][] shapes = {{784, 32}, {32, 16}, {16, 10}};
        String[] activations = {"sigmoid", "sigmoid", "softmax"};
        for (int i = 0; i < 3; i++) {
            Layer layer = model.layers().get(i);
            assertArrayEquals(shapes[i], layer.weight().shape(), "layer " + i);
            assertEquals(activations[i], layer.activation.name(), "layer " + i);
            assertFalse(layer.hasBias(), "layer " + i);
            assertEquals(0.001, layer.lr, 0.0, "layer " + i);
            assertEquals(DataType.DOUBLE, layer.weight().dataType());
        }
        assertEquals("mse", model.lossFunction().name());
        // numpy: np.random.seed(2); a = np.random.randn(784, 32); b = np.random.randn(32, 16);
        // c = np.random.randn(16, 10): the layers draw in order from one generator, unscaled.
        INDArray a = model.layers().get(0).weight();
        assertArrayEquals(new double[] {-0.41675785, -0.05626683, -2.1361961},
                new double[] {a.getDouble(0, 0), a.getDouble(0, 1), a.getDouble(0, 2)}, 1e-8);
        assertEquals(0.9747565979661874, a.getDouble(783, 31), 1e-15);
        INDArray b = model.layers().get(1).weight();
        assertArrayEquals(new double[] {0.11071276, -0.39616475, -1.79340561},
                new double[] {b.getDouble(0, 0), b.getDouble(0, 1), b.getDouble(0, 2)}, 1e-8);
        INDArray c = model.layers().get(2).weight();
        assertArrayEquals(new double[] {-1.38368728, 0.47383577}, new double[] {c.getDouble(0, 0), c.getDouble(0, 1)},
                1e-8);
        assertEquals(0.7101572825887246, c.getDouble(15, 9), 1e-15);
        assertNull(Recipe.SEED.config().problem());
        assertEquals(UpdateRule.SEED, Recipe.SEED.config().rule());
        assertNull(Recipe.SEED.config().batch());
        assertFalse(Recipe.SEED.config().shuffle());
    }

    @Test
    void modernDefaultsAndOverrides() {
        TrainingConfig c = Recipe.MODERN.config();
        assertEquals(UpdateRule.MEAN_GRADIENT, c.rule());
        assertNull(c.problem());
        assertEquals(Initializer.XAVIER, c.init());
        assertEquals(Initializer.HE, c.withActivation(ActivationKind.RELU).init());
        assertEquals(Initializer.NORMAL, c.withInit(Initializer.NORMAL).init());
        assertEquals(Initializer.NORMAL, c.withInit(Initializer.NORMAL).withActivation(ActivationKind.RELU).init());
        Model model = c.withHidden(256, 128).newModel();
        assertEquals(DataType.FLOAT, model.layers().get(0).weight().dataType());
        assertEquals(256, model.layers().get(0).outputN);
        assertEquals(128, model.layers().get(1).outputN);
        assertEquals(10, model.layers().get(2).outputN);
        assertTrue(model.layers().get(2).hasBias());
        assertEquals(0.0, model.layers().get(2).bias().sumNumber().doubleValue(), 0.0);
        assertEquals("cross-entropy", model.lossFunction().name());
        // Xavier: standard deviation sqrt(2 / (784 + 256)) = 0.0439
        assertEquals(0.0439, model.layers().get(0).weight().stdNumber().doubleValue(), 0.001);
        assertTrue(c.newOptimizer() instanceof Momentum);
        assertEquals(0.05, c.newOptimizer().learningRate(), 0.0);
        assertTrue(c.withOptimizer(OptimizerKind.ADAM).newOptimizer() instanceof Adam);
        assertTrue(c.withOptimizer(OptimizerKind.SGD).newOptimizer() instanceof Sgd);
        assertNotEquals(c.newOptimizer(), c.newOptimizer(), "a new optimizer each time: it keeps state");
    }

    @Test
    void withReturnsANewConfigAndLeavesTheOriginalUnchanged() {
        TrainingConfig original = Recipe.SEED.config();
        TrainingConfig copy = new TrainingConfig(original.hidden(), original.activation(), original.loss(),
                original.bias(), original.initializer(), original.optimizer(), original.learningRate(),
                original.batch(), original.shuffle(), original.dataType(), original.randomSeed(), original.rule());
        List<TrainingConfig> changed = List.of(
                original.withHidden(8),
                original.withActivation(ActivationKind.RELU),
                original.withLoss(LossKind.CROSS_ENTROPY),
                original.withBias(true),
                original.withInit(Initializer.HE),
                original.withOptimizer(OptimizerKind.ADAM),
                original.withLearningRate(0.5),
                original.withBatch(64),
                original.withShuffle(true),
                original.withDataType(DataType.FLOAT),
                original.withRandomSeed(7),
                original.withRule(UpdateRule.MEAN_GRADIENT),
                original.withLearningRateDrops(3));
        for (TrainingConfig c : changed) {
            assertNotEquals(original, c, c.toString());
        }
        assertEquals(copy, original, "every with... left the original as it was");
        assertEquals(copy, Recipe.SEED.config(), "and the recipe's config too");
        assertEquals(List.of(8), changed.get(0).hidden());
        assertEquals(ActivationKind.RELU, changed.get(1).activation());
        assertEquals(LossKind.CROSS_ENTROPY, changed.get(2).loss());
        assertTrue(changed.get(3).bias());
        assertEquals(Initializer.HE, changed.get(4).initializer());
        assertEquals(OptimizerKind.ADAM, changed.get(5).optimizer());
        assertEquals(0.5, changed.get(6).learningRate(), 0.0);
        assertEquals(64, changed.get(7).batch());
        assertTrue(changed.get(8).shuffle());
        assertEquals(DataType.FLOAT, changed.get(9).dataType());
        assertEquals(7, changed.get(10).randomSeed());
        assertEquals(UpdateRule.MEAN_GRADIENT, changed.get(11).rule());
        assertEquals(List.of(3), changed.get(12).learningRateDrops());
        // The same change twice gives equal configs (a notebook cell run twice does the same thing).
        assertEquals(original.withBatch(64).withShuffle(true), original.withBatch(64).withShuffle(true));
        assertNull(original.withBatch(64).withBatch(null).batch());
    }

    @Test
    void theRecipesWrittenAsChangesToTheSeedAreTheirSettingsInFull() {
        assertEquals(new TrainingConfig(List.of(32, 16), ActivationKind.SIGMOID, LossKind.MSE, false,
                Initializer.NORMAL, OptimizerKind.SGD, 0.001, null, false, DataType.DOUBLE, 2, UpdateRule.SEED),
                Recipe.SEED.config());
        assertEquals(new TrainingConfig(List.of(32, 16), ActivationKind.SIGMOID, LossKind.CROSS_ENTROPY, true, null,
                OptimizerKind.MOMENTUM, 0.05, 64, true, DataType.FLOAT, 1, UpdateRule.MEAN_GRADIENT),
                Recipe.MODERN.config());
        assertEquals(new TrainingConfig(List.of(), ActivationKind.RELU, LossKind.CROSS_ENTROPY, true, Initializer.HE,
                OptimizerKind.MOMENTUM, 0.05, 64, true, DataType.FLOAT, 1, UpdateRule.MEAN_GRADIENT, List.of(20, 50),
                List.of(3)), Recipe.CNN.config());
        // The lines that notebooks, logs and the command line print.
        assertEquals("784-32-16-10 sigmoid, loss mse, no bias, init normal, seed's rule lr 0.001, batch all"
                + " (notebook loop), double, seed 2", Recipe.SEED.config().toString());
        assertEquals("784-32-16-10 sigmoid, loss cross-entropy, bias, init xavier, momentum lr 0.05, batch 64"
                + " shuffled, float, seed 1", Recipe.MODERN.config().toString());
        assertEquals("conv 5x5 20-50 (relu, max-pool 2), 800-10 relu, loss cross-entropy, bias, init he, momentum"
                + " lr 0.05 (x0.1 from epoch 3), batch 64 shuffled, float, seed 1", Recipe.CNN.config().toString());
        assertEquals(50, Recipe.SEED.epochs(), "the notebook's 50 epochs");
        assertEquals(10, Recipe.MODERN.epochs());
        assertEquals(3, Recipe.CNN.epochs());
    }

    @Test
    void theUsualInitFollowsTheActivation() {
        TrainingConfig normal = Recipe.SEED.config();
        assertEquals(Initializer.NORMAL, normal.init());
        TrainingConfig usual = normal.withUsualInit();
        assertNull(usual.initializer());
        assertEquals(Initializer.XAVIER, usual.init());
        assertEquals(Initializer.HE, usual.withActivation(ActivationKind.RELU).init());
        assertEquals(normal, usual.withInit(Initializer.NORMAL));
        assertEquals("init", assertThrows(NullPointerException.class, () -> normal.withInit(null)).getMessage());
    }

    @Test
    void theLayerSizesFollowTheConvolutionStages() {
        TrainingConfig dense = Recipe.MODERN.config().withHidden(256, 128);
        assertArrayEquals(new long[][] {{784, 256}, {256}, {256, 128}, {128}, {128, 10}, {10}},
                dense.parameterShapes().toArray(long[][]::new));
        assertTrue(dense.toString().startsWith("784-256-128-10 sigmoid,"), dense.toString());
        // One stage: 28 - 4 = 24, pooled to 12; 6 filters give 6 x 12 x 12 = 864 inputs.
        TrainingConfig one = Recipe.CNN.config().withConvolutions(6).withHidden(16).withBias(false);
        assertArrayEquals(new long[][] {{6, 1, 5, 5}, {6}, {864, 16}, {16, 10}},
                one.parameterShapes().toArray(long[][]::new));
        assertTrue(one.toString().startsWith("conv 5x5 6 (relu, max-pool 2), 864-16-10 relu,"), one.toString());
        Model model = one.newModel();
        assertEquals(864, model.layers().get(0).inputN);
        assertEquals(5, model.features().size(), "unflatten, convolution, activation, pooling, flatten");
        // Two stages: 24 / 2 = 12, 12 - 4 = 8, pooled to 4: 50 x 4 x 4 = 800.
        assertArrayEquals(new long[] {800, 10}, Recipe.CNN.config().parameterShapes().get(4));
        assertEquals("3 convolution stages do not fit a 28 x 28 image (each takes 4 pixels and halves what is left)",
                assertThrows(IllegalArgumentException.class, () -> Recipe.CNN.config().withConvolutions(4, 4, 4))
                        .getMessage());
    }

    @Test
    void aLearningRateDropMultipliesTheRateByATenthFromItsEpochOn() {
        TrainingConfig c = Recipe.MODERN.config().withLearningRate(0.5).withLearningRateDrops(2, 4);
        assertEquals(0.5, c.learningRateAt(0), 0.0, "epoch 1");
        assertEquals(0.05, c.learningRateAt(1), 1e-15, "epoch 2");
        assertEquals(0.05, c.learningRateAt(2), 1e-15, "epoch 3");
        assertEquals(0.005, c.learningRateAt(3), 1e-15, "epoch 4");
        assertEquals(0.005, c.learningRateAt(40), 1e-15, "epoch 41");
        assertEquals(0.5, c.withLearningRateDrops().learningRateAt(40), 0.0, "no drop: the rate stays");
        assertTrue(c.toString().contains("lr 0.5 (x0.1 from epoch 2, 4)"), c.toString());
        String drops = "learning rate drops are epochs from 2 on, counted from 1, in increasing order, got ";
        assertEquals(drops + "[1]", assertThrows(IllegalArgumentException.class, () -> c.withLearningRateDrops(1),
                "epoch 1 is the rate itself").getMessage());
        assertEquals(drops + "[3, 3]",
                assertThrows(IllegalArgumentException.class, () -> c.withLearningRateDrops(3, 3)).getMessage());
        assertEquals(drops + "[4, 2]",
                assertThrows(IllegalArgumentException.class, () -> c.withLearningRateDrops(4, 2)).getMessage());
        String drop = Recipe.SEED.config().withLearningRateDrops(3).problem();
        assertTrue(drop.contains("does not drop it"), drop);
        assertTrue(drop.contains("--rule mean-gradient"), drop);
    }

    @Test
    void hiddenSizesAreCopied() {
        List<Integer> sizes = new java.util.ArrayList<>(List.of(4, 3));
        TrainingConfig c = Recipe.SEED.config();
        TrainingConfig fromList = new TrainingConfig(sizes, c.activation(), c.loss(), c.bias(), c.initializer(),
                c.optimizer(), c.learningRate(), c.batch(), c.shuffle(), c.dataType(), c.randomSeed(), c.rule());
        sizes.set(0, 99);
        assertEquals(List.of(4, 3), fromList.hidden());
        // The JDK's unmodifiable lists refuse without a message: the reason is who refuses.
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> fromList.hidden().set(0, 1));
        assertEquals("java.util.ImmutableCollections", e.getStackTrace()[0].getClassName(), "an unmodifiable copy");
        assertEquals(List.of(4, 3), fromList.hidden());
    }

    @Test
    void settingsThatCannotBeAreRefused() {
        TrainingConfig c = Recipe.SEED.config();
        assertRefused("hidden layer sizes must be at least 1, got [8, 0]", () -> c.withHidden(8, 0));
        assertRefused("learning rate must be a positive number, got 0.0", () -> c.withLearningRate(0));
        assertRefused("learning rate must be a positive number, got Infinity",
                () -> c.withLearningRate(Double.POSITIVE_INFINITY));
        assertRefused("batch must be at least 1, got 0", () -> c.withBatch(0));
        assertRefused("data type must be DOUBLE or FLOAT, got INT", () -> c.withDataType(DataType.INT32));
        assertRefused("seed must be between 0 and 4294967295, got -1", () -> c.withRandomSeed(-1));
        assertRefused("seed must be between 0 and 4294967295, got 4294967296", () -> c.withRandomSeed(1L << 32));
        assertEquals("rule", assertThrows(NullPointerException.class, () -> c.withRule(null)).getMessage());
    }

    private static void assertRefused(String message, org.junit.jupiter.api.function.Executable settings) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, settings).getMessage());
    }

    @Test
    void seedRuleWithAnotherLossOrOptimizerNamesTheMeanGradientRule() {
        TrainingConfig seed = Recipe.SEED.config();
        String crossEntropy = seed.withLoss(LossKind.CROSS_ENTROPY).problem();
        assertTrue(crossEntropy != null && crossEntropy.contains("mean-gradient rule"), crossEntropy);
        assertTrue(crossEntropy.contains("trains the mean squared error only, not cross-entropy"), crossEntropy);
        String momentum = seed.withOptimizer(OptimizerKind.MOMENTUM).problem();
        assertTrue(momentum != null && momentum.contains("mean-gradient rule"), momentum);
        assertTrue(momentum.contains("is plain gradient descent, not momentum"), momentum);
        String adam = seed.withOptimizer(OptimizerKind.ADAM).problem();
        assertTrue(adam.contains("mean-gradient rule"), adam);
        assertTrue(adam.contains("is plain gradient descent, not adam"), adam);
        // The mean-gradient rule trains them.
        assertNull(seed.withLoss(LossKind.CROSS_ENTROPY).withRule(UpdateRule.MEAN_GRADIENT).problem());
        assertNull(seed.withOptimizer(OptimizerKind.MOMENTUM).withRule(UpdateRule.MEAN_GRADIENT).problem());
        // The seed's rule may shuffle and batch.
        assertNull(seed.withBatch(64).withShuffle(true).problem());
    }

    @Test
    void aTrainerRefusesAConfigThatCannotTrain() {
        TrainingConfig bad = Recipe.SEED.config().withHidden(3).withLoss(LossKind.CROSS_ENTROPY);
        Model model = bad.newModel();
        INDArray x = Nd4j.zeros(DataType.DOUBLE, 4, 784);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 4, 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(model, bad, x, y, x, y));
        assertEquals(bad.problem(), e.getMessage());
        TrainingConfig momentum = Recipe.SEED.config().withHidden(3).withOptimizer(OptimizerKind.MOMENTUM);
        e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(momentum.newModel(), momentum, x, y, x, y));
        assertTrue(e.getMessage().contains("mean-gradient rule"), e.getMessage());
        // Data of another type than the config's
        TrainingConfig good = bad.withRule(UpdateRule.MEAN_GRADIENT);
        e = assertThrows(IllegalArgumentException.class, () -> new Trainer(good.newModel(), good,
                x.castTo(DataType.FLOAT), y.castTo(DataType.FLOAT), x, y));
        assertTrue(e.getMessage().contains("data type"), e.getMessage());
    }

    @Test
    @Tag("real-data")
    void modernRecipeLearnsMnistInOneEpoch() throws Exception {
        MnistData mnist = MnistData.load(null, DataType.FLOAT);
        TrainingConfig config = Recipe.MODERN.config();
        int blasThreads = Nd4j.factory().blas().getMaxThreads();
        int openMpThreads = NativeBackend.openMpThreads(1);
        NativeBackend.openMpThreads(openMpThreads);
        Model model = config.newModel();
        History h = new Trainer(model, config, mnist.trainImages(), mnist.trainOneHot(), mnist.testImages(),
                mnist.testOneHot()).epochs(1).run();
        assertTrue(h.last().accuracy() > 90, "accuracy " + h.last().accuracy());
        assertEquals(1, model.loss().size());
        // Training with small batches runs on one thread, then gives the threads back.
        assertEquals(blasThreads, Nd4j.factory().blas().getMaxThreads());
        assertEquals(openMpThreads, NativeBackend.openMpThreads(openMpThreads));
    }
}
