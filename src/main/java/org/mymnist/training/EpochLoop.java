package org.mymnist.training;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import org.mymnist.backend.StepWorkspace;
import org.mymnist.engine.ConvolutionEngine;
import org.mymnist.engine.MiniBatchEngine;
import org.mymnist.engine.Predictions;
import org.mymnist.engine.Rows;
import org.mymnist.nn.Model;
import org.mymnist.optim.Optimizer;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One epoch as a {@link TrainingConfig} says: which examples make each batch (the notebook's
 * strided slice, shuffled mini-batches, or the batches in order) and which rule learns from them
 * (the seed's {@link Model#learnOn} or the mean-gradient rule's {@link Model#learnMeanGradient};
 * on mini-batches, the fast {@link MiniBatchEngine} runs either rule when it can run the model, and
 * the readable code otherwise). The optimizer and the shuffle generator are given by the trainer, which keeps them
 * from one run to the next.
 */
final class EpochLoop {

    private final Model model;
    private final TrainingConfig config;
    private final INDArray images;
    private final INDArray targets;
    private final Optimizer optimizer;
    private final Random random;
    private final MiniBatchEngine engine;
    /** The fast path of a model with convolution stages, or null. */
    private final ConvolutionEngine convolutions;
    /** The readable path's batch arrays (inputs, targets) per batch size, outside any workspace. */
    private final Map<Integer, INDArray[]> batches = new HashMap<>();
    /** The order of the epoch a stop cut short, or null between epochs. */
    private int[] order;
    /** That epoch's next batch and the sum of its batches' losses so far. */
    private int nextBatch;
    private double lossSum;

    EpochLoop(Model model, TrainingConfig config, INDArray images, INDArray targets, Optimizer optimizer,
              Random random) {
        this.model = model;
        this.config = config;
        this.images = images.isView() || images.ordering() != 'c' ? images.dup('c') : images;
        this.targets = targets.isView() || targets.ordering() != 'c' ? targets.dup('c') : targets;
        this.optimizer = optimizer;
        this.random = random;
        if (config.rule() == UpdateRule.MEAN_GRADIENT && !model.features().isEmpty()) {
            engine = null;
            String reason = ConvolutionEngine.unsupported(model, optimizer);
            if (reason == null) {
                convolutions = new ConvolutionEngine(model, optimizer);
                int n = (int) this.images.rows();
                convolutions.prepare(batchSize(n));
                if (n % batchSize(n) != 0) {
                    convolutions.prepare(n % batchSize(n));
                }
            } else {
                convolutions = null;
                System.err.println("my-mnist: " + reason + "; training on the readable path (Model.learnMeanGradient), "
                        + "which gives the same weights more slowly");
            }
            return;
        }
        convolutions = null;
        boolean miniBatches = config.rule() == UpdateRule.MEAN_GRADIENT || config.shuffle();
        String reason = !miniBatches ? "" : config.rule() == UpdateRule.SEED ? MiniBatchEngine.unsupportedSeedRule(model)
                : MiniBatchEngine.unsupported(model, optimizer);
        if (reason == null) {
            engine = config.rule() == UpdateRule.SEED ? MiniBatchEngine.seedRule(model)
                    : new MiniBatchEngine(model, optimizer);
            // Prepare the batches' arrays now, so that the first epoch times training only.
            int n = (int) this.images.rows();
            int size = batchSize(n);
            engine.prepare(size);
            if (n % size != 0) {
                engine.prepare(n % size);
            }
        } else {
            engine = null;
            if (miniBatches) {
                System.err.println("my-mnist: " + reason + "; training on the readable path ("
                        + (config.rule() == UpdateRule.SEED ? "Model.learnOn" : "Model.learnMeanGradient")
                        + "), which gives the same weights more slowly");
            }
        }
    }

    /** Whether batches are small enough to train best on one thread. */
    boolean smallBatches() {
        // A convolution's products are large even for small batches: they keep every thread.
        return model.features().isEmpty() && config.batch() != null && config.batch() <= 256
                && (config.shuffle() || config.rule() == UpdateRule.MEAN_GRADIENT);
    }

    /**
     * Runs one epoch at its learning rate ({@link TrainingConfig#learningRateAt}), or what is left
     * of the one a stop cut short. Between two batches it looks at the thread's interrupt flag
     * (without clearing it): when set, it stops there, leaves the weights learned so far in the
     * model, and keeps the epoch's order and position for the next call, which goes on from the
     * next batch. An epoch stopped and finished later is the epoch not stopped, update for update.
     *
     * @param number the epoch, counted from 0 over every run of the trainer
     * @return the mean loss of the epoch's updates, each measured before its update; empty when
     *     stopped before the end
     */
    OptionalDouble epoch(int number) {
        int n = (int) images.rows();
        optimizer.setLearningRate(config.learningRateAt(number));
        if (config.rule() == UpdateRule.SEED && !config.shuffle()) {
            return OptionalDouble.of(notebookEpoch());
        }
        int size = batchSize(n);
        int batches = (n + size - 1) / size;
        if (order == null) {
            order = config.shuffle() ? MiniBatches.permutation(n, random) : MiniBatches.inOrder(n);
            nextBatch = 0;
            lossSum = 0;
        }
        if (engine != null) {
            engine.pull();
        }
        if (convolutions != null) {
            convolutions.pull();
        }
        int first = nextBatch;
        Thread thread = Thread.currentThread();
        while (nextBatch < batches) {
            if (nextBatch > first && thread.isInterrupted()) {
                push();
                return OptionalDouble.empty();
            }
            int from = nextBatch * size;
            int count = Math.min(size, n - from);
            lossSum += engine != null ? engine.learn(images, targets, order, from, count)
                    : convolutions != null ? convolutions.learn(images, targets, order, from, count)
                    : learn(order, from, count);
            nextBatch++;
        }
        push();
        order = null;
        double mean = lossSum / batches;
        model.recordLoss(mean);
        return OptionalDouble.of(mean);
    }

    /** Writes the engine's weights into the model (nothing on the readable path, which trains the model itself). */
    private void push() {
        if (engine != null) {
            engine.push();
        }
        if (convolutions != null) {
            convolutions.push();
        }
    }

    /**
     * The notebook's loop ({@link Model#backpropagation}), update for update: {@code n / batch}
     * updates ({@link Model#learnOn}), each on the same strided slice {@code input_data[::step]},
     * each with its arrays in the step's workspace; the mean of their losses is recorded in the
     * model.
     *
     * @return the mean loss of the updates, each measured before its update
     * @throws IllegalArgumentException when the configured batch is larger than the training set
     */
    private double notebookEpoch() {
        long n = images.rows();
        int batch = config.batch() == null ? (int) n : config.batch();
        if (batch > n) {
            throw new IllegalArgumentException("batch must be between 1 and the number of rows (" + n
                    + "), got " + batch);
        }
        long step = n / batch;
        INDArray bInputData = images.get(NDArrayIndex.interval(0, step, n), NDArrayIndex.all());
        INDArray bTargetOutput = targets.get(NDArrayIndex.interval(0, step, n), NDArrayIndex.all());
        double sum = 0;
        for (long i = 0; i < step; i++) {
            try (MemoryWorkspace update = StepWorkspace.open(StepWorkspace.TRAINING)) {
                sum += model.learnOn(bInputData, bTargetOutput);
            }
        }
        double mean = sum / step;
        model.recordLoss(mean);
        return mean;
    }

    /**
     * The share of {@code testImages} whose predicted digit is the target's: on the convolution
     * engine's prepared forward pass when there is one, else {@link #readableAccuracy}.
     */
    double accuracy(INDArray testImages, INDArray testTargets) {
        if (convolutions == null) {
            return readableAccuracy(model, testImages, testTargets);
        }
        INDArray rows = testImages.isView() || testImages.ordering() != 'c' ? testImages.dup('c') : testImages;
        return Predictions.accuracy(convolutions.predictClasses(rows, 100), testTargets);
    }

    /**
     * The share of {@code testImages} whose predicted digit is the target's, on the readable path:
     * {@link Model#computeAccuracy} with its arrays in the evaluation workspace, or, for a model with
     * stages, {@link Predictions#readableClasses} (by chunks: a convolution's patches of 10,000
     * images would take gigabytes).
     */
    static double readableAccuracy(Model model, INDArray testImages, INDArray testTargets) {
        if (!model.features().isEmpty()) {
            return Predictions.accuracy(Predictions.readableClasses(model, testImages), testTargets);
        }
        try (MemoryWorkspace evaluation = StepWorkspace.open(StepWorkspace.EVALUATION)) {
            return model.computeAccuracy(testImages, testTargets);
        }
    }

    /** One update on the readable path, its arrays in the step's workspace. */
    private double learn(int[] order, int from, int count) {
        INDArray[] batch = batches.computeIfAbsent(count, c -> new INDArray[] {
                Nd4j.createUninitialized(images.dataType(), c, images.columns()),
                Nd4j.createUninitialized(targets.dataType(), c, targets.columns())});
        Rows.gather(images, order, from, count, batch[0]);
        Rows.gather(targets, order, from, count, batch[1]);
        try (MemoryWorkspace step = StepWorkspace.open(StepWorkspace.TRAINING)) {
            return config.rule() == UpdateRule.SEED ? model.learnOn(batch[0], batch[1])
                    : model.learnMeanGradient(batch[0], batch[1], optimizer);
        }
    }

    /** Rows per batch among {@code n}: the configured batch, or all of them. */
    private int batchSize(int n) {
        return config.batch() == null ? n : Math.min(config.batch(), n);
    }
}
