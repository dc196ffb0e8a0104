package org.mymnist.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mymnist.nn.KernelFreeSigmoid;
import org.mymnist.nn.Layer;
import org.mymnist.nn.Model;
import org.mymnist.nn.ModelParameters;
import org.mymnist.optim.Optimizer;
import org.mymnist.random.NumpyRandomState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The trainer trains as its configuration says, and a run continues the last one: two runs of 2
 * epochs are one run of 4, on the fast engine and on the readable path, for the mean-gradient rule
 * and for the seed's rule with shuffled batches. A tiny random dataset of 200 rows stands for MNIST.
 */
class TrainerTest {

    private static final int TRAIN = 200;
    private static final int TEST = 30;
    /** 200 = 12 x 16 + 8: every epoch ends with a shorter batch. */
    private static final int BATCH = 16;

    static final INDArray TRAIN_X = images(TRAIN, 31);
    static final INDArray TRAIN_Y = oneHot(TRAIN, 32);
    static final INDArray TEST_X = images(TEST, 33);
    static final INDArray TEST_Y = oneHot(TEST, 34);

    static INDArray images(int rows, long seed) {
        NumpyRandomState random = new NumpyRandomState(seed);
        double[][] x = new double[rows][784];
        for (double[] row : x) {
            for (int i = 0; i < 784; i++) {
                row[i] = random.nextDouble();
            }
        }
        return Nd4j.createFromArray(x);
    }

    static INDArray oneHot(int rows, long seed) {
        NumpyRandomState random = new NumpyRandomState(seed);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, rows, 10);
        for (int r = 0; r < rows; r++) {
            y.putScalar(r, (int) (random.nextDouble() * 10), 1.0);
        }
        return y;
    }

    /** A mean-gradient configuration: 784 -> 6 sigmoid -> 10 softmax, cross-entropy, biases, float64. */
    static TrainingConfig meanGradient(OptimizerKind optimizer) {
        return Recipe.MODERN.config().withHidden(6).withDataType(DataType.DOUBLE).withBatch(BATCH)
                .withOptimizer(optimizer).withLearningRate(optimizer == OptimizerKind.ADAM ? 0.01 : 0.05)
                .withRandomSeed(3);
    }

    /** The config's model, on the engine path, or with its hidden activation replaced by {@link KernelFreeSigmoid}. */
    static Model model(TrainingConfig config, boolean readable) {
        Model model = config.newModel();
        if (!readable) {
            return model;
        }
        List<Layer> layers = new ArrayList<>();
        List<Layer> original = model.layers();
        for (int i = 0; i < original.size(); i++) {
            Layer l = original.get(i);
            boolean last = i == original.size() - 1;
            layers.add(new Layer(l.weight(), l.bias(), l.lr, last ? l.activation : new KernelFreeSigmoid()));
        }
        return new Model(layers, model.lossFunction());
    }

    /** Runs {@code work} and returns what it printed on stderr. */
    static String stderrOf(Runnable work) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            work.run();
        } finally {
            System.setErr(old);
        }
        return err.toString(StandardCharsets.UTF_8);
    }

    static Trainer trainer(Model model, TrainingConfig config) {
        return new Trainer(model, config, TRAIN_X, TRAIN_Y, TEST_X, TEST_Y);
    }

    /** Copies of every parameter of the model ({@link ModelParameters}). */
    static double[][] parameters(Model model) {
        return ModelParameters.of(model).stream().map(p -> p.dup().data().asDouble()).toArray(double[][]::new);
    }

    static void assertSameParameters(double[][] expected, double[][] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], tolerance, what + ": parameter matrix " + i);
        }
    }

    static double largestDifference(double[][] a, double[][] b) {
        double largest = 0;
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < a[i].length; k++) {
                largest = Math.max(largest, Math.abs(a[i][k] - b[i][k]));
            }
        }
        return largest;
    }

    /**
     * Two runs of 2 epochs on one trainer equal one run of 4 on a fresh one, weights and history to
     * the last bit; and a new trainer for the second half (a new optimizer and shuffle) would not.
     */
    static void assertResumes(TrainingConfig config, Supplier<Model> models, String what) {
        Model resumed = models.get();
        Trainer twice = trainer(resumed, config).epochs(2);
        List<Integer> preparedDuring = new ArrayList<>();
        twice.onEpoch(e -> preparedDuring.add(twice.preparedBatchSizes()));
        twice.run();
        // Between two runs the engine keeps the parameters and the optimizer's state, not the batches' arrays.
        assertEquals(0, twice.preparedBatchSizes(), what + ": the batches' work arrays freed when a run ends");
        History h = twice.run();
        assertEquals(0, twice.preparedBatchSizes(), what + ": freed after the second run too");
        if (config.batch() != null && (config.shuffle() || config.rule() == UpdateRule.MEAN_GRADIENT)) {
            assertTrue(preparedDuring.stream().allMatch(n -> n > 0), what + ": batches prepared during each run " + preparedDuring);
        }

        Model once = models.get();
        History h4 = trainer(once, config).epochs(4).run();

        assertSameParameters(parameters(once), parameters(resumed), 0.0, what);
        assertEquals(List.of(0, 1, 2, 3), h.epochs().stream().map(Epoch::epoch).toList(), what);
        assertEquals(List.of(0, 1, 2, 3), h4.epochs().stream().map(Epoch::epoch).toList(), what);
        assertArrayEquals(h4.losses(), h.losses(), 0.0, what + ": losses");
        assertArrayEquals(h4.accuracies(), h.accuracies(), 0.0, what + ": accuracies");
        assertEquals(once.loss(), resumed.loss(), what + ": the model's own loss history");
        assertEquals(4, resumed.loss().size(), what);

        // The test has teeth: starting a new trainer for the last 2 epochs trains differently.
        Model restarted = models.get();
        trainer(restarted, config).epochs(2).run();
        trainer(restarted, config).epochs(2).run();
        assertTrue(largestDifference(parameters(once), parameters(restarted)) > 1e-9,
                what + ": a fresh trainer for the second run should not continue the first");
    }

    @ParameterizedTest
    @EnumSource(value = OptimizerKind.class, names = {"MOMENTUM", "ADAM"})
    void twoRunsOfTwoEpochsAreOneRunOfFourOnTheEngine(OptimizerKind optimizer) {
        TrainingConfig config = meanGradient(optimizer);
        String err = stderrOf(() -> assertResumes(config, () -> model(config, false), optimizer + " on the engine"));
        assertFalse(err.contains("readable path"), err);
    }

    @ParameterizedTest
    @EnumSource(value = OptimizerKind.class, names = {"MOMENTUM", "ADAM"})
    void twoRunsOfTwoEpochsAreOneRunOfFourOnTheReadablePath(OptimizerKind optimizer) {
        TrainingConfig config = meanGradient(optimizer);
        String err = stderrOf(() -> assertResumes(config, () -> model(config, true), optimizer + " readable"));
        assertTrue(err.contains("custom-sigmoid") && err.contains("readable path"), err);
    }

    @Test
    void twoRunsOfTwoEpochsAreOneRunOfFourForTheSeedsRuleWithShuffle() {
        TrainingConfig config = Recipe.SEED.config().withHidden(6).withBatch(BATCH).withShuffle(true)
                .withLearningRate(0.5);
        assertResumes(config, config::newModel, "seed's rule, shuffled");
    }

    /**
     * Without shuffling, the mean-gradient rule takes rows [0, B), [B, 2B), ... in order, the last
     * batch shorter: the trainer's weights are those of {@link Model#learnMeanGradient} called by
     * hand on those rows, with a new optimizer of the same kind.
     */
    static void assertInOrder(TrainingConfig config, boolean readable, double tolerance) {
        Model trained = model(config, readable);
        History history = trainer(trained, config).epochs(2).run();

        Model byHand = model(config, readable);
        Optimizer optimizer = config.newOptimizer();
        double[] losses = new double[2];
        for (int epoch = 0; epoch < 2; epoch++) {
            optimizer.setLearningRate(config.learningRateAt(epoch));
            double sum = 0;
            int batches = 0;
            for (int from = 0; from < TRAIN; from += BATCH) {
                int to = Math.min(TRAIN, from + BATCH);
                INDArray x = TRAIN_X.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
                INDArray y = TRAIN_Y.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
                sum += byHand.learnMeanGradient(x, y, optimizer);
                batches++;
            }
            assertEquals(13, batches);
            losses[epoch] = sum / batches;
        }
        String what = readable ? "readable path" : "engine";
        assertSameParameters(parameters(byHand), parameters(trained), tolerance, what);
        assertArrayEquals(losses, history.losses(), tolerance, what + ": losses");
        assertTrue(largestDifference(parameters(byHand), parameters(model(config, readable))) > 1e-3,
                what + ": training moved the weights");
    }

    @ParameterizedTest
    @EnumSource(OptimizerKind.class)
    void withoutShuffleTheBatchesAreTheRowsInOrder(OptimizerKind optimizer) {
        TrainingConfig config = meanGradient(optimizer).withShuffle(false);
        String err = stderrOf(() -> {
            assertInOrder(config, false, 1e-12);
            assertInOrder(config, true, 0.0);
        });
        assertTrue(err.contains("readable path"), err);
    }

    /** A drop at epoch 2 is the same optimizer, its velocity kept, stepping 10 times shorter from then on. */
    @ParameterizedTest
    @EnumSource(OptimizerKind.class)
    void aLearningRateDropIsTheOptimizerSteppingShorterFromThatEpoch(OptimizerKind optimizer) {
        TrainingConfig config = meanGradient(optimizer).withShuffle(false).withLearningRateDrops(2);
        String err = stderrOf(() -> {
            assertInOrder(config, false, 1e-12);
            assertInOrder(config, true, 0.0);
        });
        assertTrue(err.contains("readable path"), err);
        // The test has teeth: without the drop, the second epoch trains differently.
        Model dropped = model(config, false);
        trainer(dropped, config).epochs(2).run();
        Model kept = model(config, false);
        trainer(kept, config.withLearningRateDrops()).epochs(2).run();
        assertTrue(largestDifference(parameters(dropped), parameters(kept)) > 1e-6, "the drop changed the steps");
    }

    /** Epochs are counted over every run: a drop at epoch 3 falls in the second run of 2. */
    @ParameterizedTest
    @EnumSource(value = OptimizerKind.class, names = {"SGD", "MOMENTUM"})
    void aRunAfterARunDropsAtTheEpochCountedFromTheFirst(OptimizerKind optimizer) {
        TrainingConfig config = meanGradient(optimizer).withLearningRateDrops(3);
        assertResumes(config, () -> model(config, false), optimizer + " with a drop at epoch 3");
    }

    @Test
    void aRunGivesBackItsStepWorkspacesAndTheNextRunGoesOnAsIfKept() {
        var workspaces = Nd4j.getWorkspaceManager();
        for (TrainingConfig config : List.of(Recipe.SEED.config().withHidden(6).withLearningRate(0.5),
                Recipe.MODERN.config().withHidden(6, 4).withBatch(BATCH).withDataType(DataType.DOUBLE))) {
            Model model = config.newModel();
            Trainer trainer = new Trainer(model, config, TRAIN_X, TRAIN_Y, TEST_X, TEST_Y).epochs(1);
            trainer.run();
            assertFalse(workspaces.checkIfWorkspaceExists(org.mymnist.backend.StepWorkspace.TRAINING),
                    "the training step's workspace is given back after run()");
            assertFalse(workspaces.checkIfWorkspaceExists(org.mymnist.backend.StepWorkspace.EVALUATION),
                    "so is the evaluation's");
            trainer.run();
            Model twoEpochs = config.newModel();
            new Trainer(twoEpochs, config, TRAIN_X, TRAIN_Y, TEST_X, TEST_Y).epochs(2).run();
            assertEquals(twoEpochs.layers().get(0).weight(), model.layers().get(0).weight(), "1 + 1 epochs are 2");
        }
    }

    /**
     * The notebook's loop runs on the seed-rule engine by chunks (float64: the readable code's
     * weights and losses to 1e-12), and on the readable code itself where the engine cannot run the
     * model (an activation of the reader's own): there, the very same numbers.
     */
    @Test
    void theNotebooksTrainerIsBackpropagationOnAllRows() {
        TrainingConfig config = Recipe.SEED.config().withHidden(6).withLearningRate(0.5);
        Model trained = config.newModel();
        History history = new Trainer(trained, TRAIN_X, TRAIN_Y, TEST_X, TEST_Y).epochs(3).run();
        Model byHand = config.newModel();
        for (int epoch = 0; epoch < 3; epoch++) {
            double loss = byHand.backpropagation(TRAIN_X, TRAIN_Y, null);
            assertEquals(loss, history.epochs().get(epoch).loss(), loss * 1e-12);
        }
        assertSameParameters(parameters(byHand), parameters(trained), 1e-12, "notebook loop");
        assertEquals(byHand.computeAccuracy(TEST_X, TEST_Y) * 100, history.last().accuracy(), 0.0);
        // The seed config's trainer is the same loop.
        Model configured = config.newModel();
        trainer(configured, config).epochs(3).run();
        assertSameParameters(parameters(byHand), parameters(configured), 1e-12, "seed config");
        // A sigmoid of the reader's own has no kernel: the readable code trains, to the last bit.
        Model own = model(config, true);
        History readable = new Trainer(own, TRAIN_X, TRAIN_Y, TEST_X, TEST_Y).epochs(3).run();
        Model ownByHand = model(config, true);
        for (int epoch = 0; epoch < 3; epoch++) {
            assertEquals(ownByHand.backpropagation(TRAIN_X, TRAIN_Y, null), readable.epochs().get(epoch).loss(), 0.0);
        }
        assertSameParameters(parameters(ownByHand), parameters(own), 0.0, "readable notebook loop");
    }

    @Test
    void theSeedConfigWithABatchAndNoShuffleIsTheNotebooksStridedLoop() {
        // 200 / 16 = 12 updates an epoch, each on the same slice input_data[::12].
        TrainingConfig config = Recipe.SEED.config().withHidden(6).withLearningRate(0.5).withBatch(BATCH);
        Model trained = config.newModel();
        History history = trainer(trained, config).epochs(3).run();
        Model byHand = config.newModel();
        for (int epoch = 0; epoch < 3; epoch++) {
            double loss = byHand.backpropagation(TRAIN_X, TRAIN_Y, BATCH);
            assertEquals(loss, history.epochs().get(epoch).loss(), loss * 1e-12);
        }
        assertSameParameters(parameters(byHand), parameters(trained), 1e-12, "strided loop");
        assertEquals(byHand.loss(), trained.loss(), "each epoch's loss recorded in the model");
        TrainingConfig tooLarge = config.withBatch(TRAIN + 1);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> trainer(tooLarge.newModel(), tooLarge).epochs(1).run());
        assertEquals("batch must be between 1 and the number of rows (200), got 201", e.getMessage());
    }
}
