package org.mymnist.training;

import java.util.Objects;
import java.util.function.Consumer;
import org.mymnist.nn.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The notebook's training loop: for each epoch, {@link Model#backpropagation} on the training set,
 * then the accuracy on the test set, one {@link Epoch} recorded in a {@link History} and handed to a
 * listener (to print the seed's line or redraw a chart).
 *
 * <p>The loop checks {@link Thread#interrupted()} between epochs: Jupyter's stop button (or any
 * interrupt) ends the run cleanly, keeping the model and the history so far.
 */
public final class Trainer {

    private final Model model;
    private final INDArray trainImages;
    private final INDArray trainTargets;
    private final INDArray testImages;
    private final INDArray testTargets;
    private int epochs = 50;
    private TrainingConfig config;
    private Consumer<Epoch> listener = e -> { };
    private final History history = new History();
    private boolean stopped;

    /**
     * A trainer for the given model and data.
     *
     * @param model the model to train, in place
     * @param trainImages training inputs, one row per example
     * @param trainTargets training targets (one-hot)
     * @param testImages test inputs
     * @param testTargets test targets (one-hot)
     */
    public Trainer(Model model, INDArray trainImages, INDArray trainTargets, INDArray testImages,
                   INDArray testTargets) {
        this.model = Objects.requireNonNull(model, "model");
        this.trainImages = trainImages;
        this.trainTargets = trainTargets;
        this.testImages = testImages;
        this.testTargets = testTargets;
    }

    /**
     * Sets the number of epochs (default 50, as in the notebook).
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
     * Trains as {@code config} says (batch loop, batch size, loss rule, optimizer) instead of the
     * notebook's {@link Model#backpropagation}. The model should come from
     * {@code config.newModel()}; the data must have the config's data type. With the
     * {@link TrainingConfig#seed()} settings this is the notebook's loop, update for update.
     *
     * @param settings the configuration, or null for the notebook's loop on all rows at once
     * @return this trainer
     */
    public Trainer config(TrainingConfig settings) {
        this.config = settings;
        return this;
    }

    /**
     * Sets what to do after each epoch.
     *
     * @param onEpoch called with each epoch, on the training thread
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
     * Runs the epochs, numbering them after those already in the history.
     *
     * @return the history, complete or cut short by an interrupt
     */
    public History run() {
        int first = history.size();
        stopped = false;
        try (EpochLoop loop = config == null ? null : new EpochLoop(model, config, trainImages, trainTargets,
                first)) {
            return run(first, loop);
        }
    }

    private History run(int first, EpochLoop loop) {
        for (int i = 0; i < epochs; i++) {
            if (Thread.interrupted()) {
                stopped = true;
                break;
            }
            long t0 = System.nanoTime();
            double loss = loop == null ? model.backpropagation(trainImages, trainTargets, null) : loop.epoch();
            long t1 = System.nanoTime();
            double accuracy = model.computeAccuracy(testImages, testTargets) * 100;
            long t2 = System.nanoTime();
            Epoch epoch = new Epoch(first + i, loss, accuracy, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
            history.add(epoch);
            listener.accept(epoch);
        }
        return history;
    }

    /** Whether the last {@link #run()} was stopped by an interrupt before its last epoch. */
    public boolean stopped() {
        return stopped;
    }
}
