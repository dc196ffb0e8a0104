package org.mymnist.training;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.function.Consumer;
import org.mymnist.backend.NativeBackend;
import org.mymnist.backend.StepWorkspace;
import org.mymnist.engine.SeedRuleEngine;
import org.mymnist.nn.Model;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The notebook's training loop: for each epoch, one pass over the training set, then the
 * accuracy on the test set, one {@link Epoch} recorded in a {@link History} and handed to a
 * listener (to print the seed's line or redraw a chart).
 *
 * <p>A trainer keeps what training needs from one {@link #run()} to the next (the optimizer's
 * velocity or moments, the shuffle generator, the prepared engine), so that running 5 epochs twice
 * trains exactly as running 10 once. Jupyter's stop button (or any interrupt) ends the run
 * cleanly, keeping the model and the history so far, and the next {@link #run()} continues from
 * there: the loop looks at the interrupt between epochs (before and after the listener) and, on
 * mini-batches, between two batches. A stop inside an epoch ends the run after the batch in
 * progress with the weights learned so far in the model and no epoch recorded; the next run
 * finishes that epoch first, with the same batches in the same order, so that training stopped and
 * resumed is training not stopped, update for update.
 *
 * <p>A notebook's stop button ends the cell at once while the training thread goes on to the end
 * of its batch: a second {@link #run()} started meanwhile waits for the first to end.
 *
 * <p>The same loop trains what is not a library {@link Model}, given as a {@link Trainable}: the
 * exercise notebook's network of the student's pieces.
 */
public final class Trainer {

    private final Model model;
    private final INDArray trainImages;
    private final INDArray trainTargets;
    private final INDArray testImages;
    private final INDArray testTargets;
    private final EpochLoop loop;
    /** One epoch and the test accuracy: the model's ({@link ModelTraining}), or those given. */
    private final Trainable trainable;
    private int epochs = Recipe.SEED.epochs();
    private Consumer<Epoch> listener = e -> { };
    private final History history = new History();
    private boolean stopped;
    /** The training time of an epoch a stop cut short, added to that epoch's time when it ends. */
    private long cutNanos;

    /**
     * A trainer with the notebook's loop: {@link Model#backpropagation} on all rows at once, by
     * the seed's rule. Where the fast engine runs the model, each step is taken there
     * ({@link SeedRuleEngine#forWholeSets}: the same weights as the model's own code, float64 to
     * 1e-12, in a few MiB of work arrays instead of the whole set's); otherwise (an activation of the
     * reader's own, say) by the model's own {@code backpropagation}.
     *
     * @param model the model to train, in place
     * @param trainImages training inputs, one row per example
     * @param trainTargets training targets (one-hot)
     * @param testImages test inputs
     * @param testTargets test targets (one-hot)
     */
    public Trainer(Model model, INDArray trainImages, INDArray trainTargets, INDArray testImages,
                   INDArray testTargets) {
        NativeBackend.configure();
        this.model = Objects.requireNonNull(model, "model");
        this.trainImages = trainImages;
        this.trainTargets = trainTargets;
        this.testImages = testImages;
        this.testTargets = testTargets;
        boolean engine = SeedRuleEngine.unsupported(model) == null && trainImages.dataType() == model.dataType()
                && trainTargets.dataType() == model.dataType();
        this.loop = !engine ? null
                : new EpochLoop(model, Recipe.SEED.config().withDataType(model.dataType()), trainImages,
                        trainTargets, Recipe.SEED.config().newOptimizer(), new Random(0));
        this.trainable = new ModelTraining();
    }

    /**
     * A trainer that trains as {@code config} says: batch loop, batch size, update rule, optimizer.
     * The model should come from {@code config.newModel()}; the data must have the config's data
     * type. With {@link Recipe#SEED}'s settings this is the notebook's loop, update for update.
     *
     * @param model the model to train, in place
     * @param config the configuration
     * @param trainImages training inputs, one row per example
     * @param trainTargets training targets (one-hot)
     * @param testImages test inputs
     * @param testTargets test targets (one-hot)
     * @throws IllegalArgumentException when the configuration cannot train as meant
     *     ({@link TrainingConfig#problem()}) or the data, model and config differ in data type
     */
    public Trainer(Model model, TrainingConfig config, INDArray trainImages, INDArray trainTargets,
                   INDArray testImages, INDArray testTargets) {
        NativeBackend.configure();
        this.model = Objects.requireNonNull(model, "model");
        this.trainImages = trainImages;
        this.trainTargets = trainTargets;
        this.testImages = testImages;
        this.testTargets = testTargets;
        String problem = config.problem();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (trainImages.dataType() != config.dataType() || model.dataType() != config.dataType()) {
            throw new IllegalArgumentException("data, model and config must share one data type ("
                    + config.dataType() + "), got data " + trainImages.dataType() + " and model " + model.dataType());
        }
        // A different shuffle for each epoch, the same for a given seed.
        Random shuffles = new Random(config.randomSeed() * 1_000_003L);
        this.loop = new EpochLoop(model, config, trainImages, trainTargets, config.newOptimizer(), shuffles);
        this.trainable = new ModelTraining();
    }

    /**
     * A trainer of something that is not a library model: the loop calls
     * {@link Trainable#trainEpoch} then {@link Trainable#testAccuracy} for each epoch.
     *
     * @param trainable what one epoch trains, and how its test accuracy is measured
     */
    public Trainer(Trainable trainable) {
        this.model = null;
        this.trainImages = null;
        this.trainTargets = null;
        this.testImages = null;
        this.testTargets = null;
        this.loop = null;
        this.trainable = Objects.requireNonNull(trainable, "trainable");
    }

    /**
     * Sets the number of epochs of each {@link #run()} (default 50, as in the notebook:
     * {@link Recipe#epochs()} of {@link Recipe#SEED}).
     *
     * @param count epochs to run, at least 1
     * @return this trainer
     */
    public Trainer epochs(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + count);
        }
        this.epochs = count;
        return this;
    }

    /**
     * Sets what to do after each epoch.
     *
     * @param onEpoch called with each epoch, on a thread of its own while training waits (so that
     *     a stop button's interrupt reaches the training, not the display code)
     * @return this trainer
     */
    public Trainer onEpoch(Consumer<Epoch> onEpoch) {
        this.listener = Objects.requireNonNull(onEpoch, "onEpoch");
        return this;
    }

    /** The history of this trainer's runs (it grows during {@link #run()}). */
    public History history() {
        return history;
    }

    /**
     * Runs the epochs, numbering them after those already in the history, and continuing the
     * training where the last run left it.
     *
     * @return the history, complete or cut short by an interrupt
     */
    public synchronized History run() {
        int first = history.size();
        stopped = false;
        boolean oneThread = loop != null && loop.smallBatches();
        boolean convolutions = loop != null && !model.features().isEmpty();
        if (loop != null) {
            loop.prepareBatches();
        }
        try (NativeBackend.Threads threads = oneThread ? NativeBackend.oneThread()
                : convolutions ? NativeBackend.oneOpenMpThread() : NativeBackend.Threads.UNCHANGED) {
            for (int i = 0; i < epochs; i++) {
                if (Thread.interrupted()) {
                    stopped = true;
                    break;
                }
                long t0 = System.nanoTime();
                OptionalDouble trained = trainable.trainEpoch(first + i);
                long t1 = System.nanoTime();
                if (trained.isEmpty()) {
                    // Stopped between two batches: no epoch to record; the next run finishes this one.
                    cutNanos += t1 - t0;
                    Thread.interrupted();
                    stopped = true;
                    break;
                }
                double loss = trained.getAsDouble();
                t0 -= cutNanos;
                cutNanos = 0;
                double accuracy = trainable.testAccuracy() * 100;
                long t2 = System.nanoTime();
                Epoch epoch = new Epoch(first + i, loss, accuracy, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
                history.add(epoch);
                boolean interrupted = Thread.interrupted();
                if (ListenerThread.call(listener, epoch) || interrupted || Thread.interrupted()) {
                    stopped = i < epochs - 1;
                    break;
                }
            }
        } finally {
            // The step workspaces hold a block the size of the largest step, and the engine its
            // batches' work arrays: give them back between runs (the next run makes them again).
            StepWorkspace.release();
            if (loop != null) {
                loop.releaseBatches();
            }
        }
        return history;
    }

    /**
     * One epoch of the notebook's loop, {@link Model#backpropagation} on all rows at once: one
     * update, its arrays in the step's workspace (a block of native memory that the next epoch
     * reuses, instead of waiting for the garbage collector).
     */
    private double notebookEpoch() {
        try (MemoryWorkspace update = StepWorkspace.open(StepWorkspace.TRAINING)) {
            return model.backpropagation(trainImages, trainTargets, null);
        }
    }

    /** The number of batch sizes whose work arrays the engine holds now (none between two runs). */
    int preparedBatchSizes() {
        return loop == null ? 0 : loop.preparedBatchSizes();
    }

    /** Whether the last {@link #run()} was stopped by an interrupt before its last epoch. */
    public boolean stopped() {
        return stopped;
    }

    /** The model's epoch: the notebook's loop, or the config's {@link EpochLoop}; then its test accuracy. */
    private final class ModelTraining implements Trainable {

        @Override
        public OptionalDouble trainEpoch(int epoch) {
            return loop == null ? OptionalDouble.of(notebookEpoch()) : loop.epoch(epoch);
        }

        @Override
        public double testAccuracy() {
            return loop == null ? EpochLoop.readableAccuracy(model, testImages, testTargets)
                    : loop.accuracy(testImages, testTargets);
        }
    }
}
