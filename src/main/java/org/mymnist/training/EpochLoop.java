package org.mymnist.training;

import java.util.OptionalDouble;
import java.util.Random;
import org.mymnist.backend.StepWorkspace;
import org.mymnist.engine.BatchEngine;
import org.mymnist.engine.ConvolutionEngine;
import org.mymnist.engine.MiniBatchEngine;
import org.mymnist.engine.Predictions;
import org.mymnist.engine.SeedRuleEngine;
import org.mymnist.nn.Model;
import org.mymnist.optim.Optimizer;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One epoch as a {@link TrainingConfig} says: which examples make each batch (the notebook's
 * strided slice, shuffled mini-batches, or the batches in order) and which rule learns from them
 * (the seed's {@link Model#learnOn} or the mean-gradient rule's {@link Model#learnMeanGradient};
 * on mini-batches, a fast {@link BatchEngine} runs either rule when it can run the model, and
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
    /** What takes each mini-batch's step: a fast engine, or the readable path ({@link ReadableSteps}). */
    private final BatchEngine engine;
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
        this.engine = engine(model, config, optimizer);
    }

    /** Prepares the batches' arrays now (at a run's start), so that the first epoch times training only. */
    void prepareBatches() {
        int n = (int) images.rows();
        int size = config.rule() == UpdateRule.SEED && !config.shuffle() ? notebookSlice(n).length : batchSize(n);
        engine.prepare(size);
        if (n % size != 0) {
            engine.prepare(n % size);
        }
    }

    /**
     * Frees the batches' work arrays between two runs (the engine's parameters and the optimizer's
     * state stay): a kernel keeps the model, not a training's work arrays, after the cell.
     */
    void releaseBatches() {
        engine.releaseBatches();
    }

    /** The number of batch sizes whose work arrays the engine holds now. */
    int preparedBatchSizes() {
        return engine.preparedBatchSizes();
    }

    /**
     * What trains the mini-batches: the fast engine of the rule when it can run the model, else the
     * readable path, which says why once. (The notebook's loop, the seed's rule without shuffle:
     * {@link #notebookEpoch}.)
     */
    private static BatchEngine engine(Model model, TrainingConfig config, Optimizer optimizer) {
        boolean seedRule = config.rule() == UpdateRule.SEED;
        if (seedRule && !config.shuffle()) {
            // The notebook's loop: on the engine by chunks when it can run the model (a student's
            // own activation, say, it cannot), else the readable code itself.
            return SeedRuleEngine.unsupported(model) == null ? SeedRuleEngine.forWholeSets(model)
                    : new ReadableSteps(model, config.rule(), optimizer);
        }
        String reason;
        if (!model.features().isEmpty() && !seedRule) {
            reason = ConvolutionEngine.unsupported(model);
            if (reason == null) {
                return new ConvolutionEngine(model, optimizer);
            }
        } else if (seedRule) {
            reason = SeedRuleEngine.unsupported(model);
            if (reason == null) {
                return new SeedRuleEngine(model);
            }
        } else {
            reason = MiniBatchEngine.unsupported(model);
            if (reason == null) {
                return new MiniBatchEngine(model, optimizer);
            }
        }
        System.err.println("my-mnist: " + reason + "; training on the readable path ("
                + (seedRule ? "Model.learnOn" : "Model.learnMeanGradient") + "), which gives the same weights more slowly");
        return new ReadableSteps(model, config.rule(), optimizer);
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
        engine.pull();
        int first = nextBatch;
        Thread thread = Thread.currentThread();
        while (nextBatch < batches) {
            if (nextBatch > first && thread.isInterrupted()) {
                engine.push();
                return OptionalDouble.empty();
            }
            int from = nextBatch * size;
            int count = Math.min(size, n - from);
            lossSum += engine.learn(images, targets, order, from, count);
            nextBatch++;
        }
        engine.push();
        order = null;
        double mean = lossSum / batches;
        model.recordLoss(mean);
        return OptionalDouble.of(mean);
    }

    /**
     * The notebook's loop ({@link Model#backpropagation}), update for update: {@code n / batch}
     * updates ({@link Model#learnOn}), each on the same strided slice {@code input_data[::step]}:
     * on the seed-rule engine by chunks ({@link SeedRuleEngine#forWholeSets}, the same weights to
     * 1e-12 in float64) when it runs the model, else the readable code itself, its arrays in the
     * step's workspace; the mean of their losses is recorded in the model.
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
        double sum = 0;
        if (engine instanceof ReadableSteps) {
            INDArray bInputData = images.get(NDArrayIndex.interval(0, step, n), NDArrayIndex.all());
            INDArray bTargetOutput = targets.get(NDArrayIndex.interval(0, step, n), NDArrayIndex.all());
            for (long i = 0; i < step; i++) {
                try (MemoryWorkspace update = StepWorkspace.open(StepWorkspace.TRAINING)) {
                    sum += model.learnOn(bInputData, bTargetOutput);
                }
            }
        } else {
            int[] slice = notebookSlice((int) n);
            engine.pull();
            for (long i = 0; i < step; i++) {
                sum += engine.learn(images, targets, slice, 0, slice.length);
            }
            engine.push();
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
        if (!(engine instanceof ConvolutionEngine convolutions)) {
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

    /**
     * The rows of the notebook's slice {@code input_data[::step]} among {@code n}, where
     * {@code step = n / batch} (all of them without a batch).
     */
    private int[] notebookSlice(int n) {
        int batch = config.batch() == null ? n : Math.min(config.batch(), n);
        int step = n / batch;
        int[] rows = new int[(n + step - 1) / step];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i * step;
        }
        return rows;
    }

    /** Rows per batch among {@code n}: the configured batch, or all of them. */
    private int batchSize(int n) {
        return config.batch() == null ? n : Math.min(config.batch(), n);
    }
}
