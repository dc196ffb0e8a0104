package org.mymnist.training;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.mymnist.backend.NativeBackend;
import org.mymnist.nn.MiniBatchStep;
import org.mymnist.nn.Model;
import org.mymnist.optim.Optimizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One epoch as a {@link TrainingConfig} says: which rows make each batch (the notebook's strided
 * slice or shuffled mini-batches), copied into preallocated arrays, and which rule learns from
 * them (the notebook's {@link Model#learnOn} or a {@link MiniBatchStep}).
 */
final class EpochLoop implements AutoCloseable {

    private final Model model;
    private final TrainingConfig config;
    private final INDArray images;
    private final INDArray targets;
    private final Random random;
    private final Optimizer optimizer;
    /** Per batch size: a step (modern rule) or input and target arrays (notebook rule). */
    private final Map<Integer, MiniBatchStep> steps = new HashMap<>();
    private final Map<Integer, INDArray[]> plainBuffers = new HashMap<>();
    /** Batches up to this size train with one BLAS thread. */
    private static final int SMALL_BATCH = 256;
    private final int blasThreads;
    /** OpenMP threads of this thread before the loop, or 0 when left as they were. */
    private final int openMpThreads;

    EpochLoop(Model model, TrainingConfig config, INDArray images, INDArray targets, int epochsBefore) {
        this.model = model;
        this.config = config;
        this.images = images.isView() || images.ordering() != 'c' ? images.dup('c') : images;
        this.targets = targets.isView() || targets.ordering() != 'c' ? targets.dup('c') : targets;
        if (images.dataType() != config.dataType() || model.layers().get(0).weight().dataType()
                != config.dataType()) {
            throw new IllegalArgumentException("data, model and config must share one data type ("
                    + config.dataType() + "), got data " + images.dataType() + " and model "
                    + model.layers().get(0).weight().dataType());
        }
        // A different shuffle for each epoch, the same for a given seed and starting epoch.
        this.random = new Random(config.randomSeed() * 1_000_003L + epochsBefore);
        this.optimizer = config.notebookRule() ? null : config.newOptimizer();
        // Products of a few dozen rows finish before a second OpenBLAS thread has started: one
        // thread was faster for batches of 64 (0.42 to 0.90 s an epoch against 0.75 to 1.25 s,
        // measured side by side on a busy 2-core machine). Restored by close().
        // For the same reason, ND4J operations that use OpenMP directly (softmax) get one thread:
        // otherwise the idle OpenMP thread spins between steps and slows the first epoch about
        // twofold (0.37 to 0.43 s against 0.19 s).
        this.blasThreads = Nd4j.factory().blas().getMaxThreads();
        if (config.batch() != null && config.batch() <= SMALL_BATCH && (config.shuffle() || !config.notebookRule())) {
            Nd4j.factory().blas().setMaxThreads(1);
            this.openMpThreads = NativeBackend.openMpThreads(1);
        } else {
            this.openMpThreads = 0;
        }
        if (!config.notebookRule() && config.shuffle()) {
            // Prepare the steps (work arrays, bound operations) now, before the first epoch: a
            // wrong choice (cross-entropy without softmax) fails here, and the first epoch times
            // training only. Shuffled epochs have full batches and at most one shorter last batch.
            int n = (int) this.images.rows();
            int size = shuffledBatch(n);
            try {
                step(size);
                if (n % size != 0) {
                    step(n % size);
                }
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }
    }

    /** Runs one epoch; returns the mean loss of its updates, each measured before its update. */
    double epoch() {
        int n = (int) images.rows();
        if (config.notebookRule() && !config.shuffle()) {
            return model.backpropagation(images, targets, config.batch());
        }
        int[] order;
        int size;
        int batches;
        if (config.shuffle()) {
            order = MiniBatches.permutation(n, random);
            size = shuffledBatch(n);
            batches = (n + size - 1) / size;
        } else {
            int b = config.batch() == null ? n : config.batch();
            if (b > n) {
                throw new IllegalArgumentException("batch must be between 1 and " + n + ", got " + b);
            }
            order = MiniBatches.strided(n, b);
            size = order.length;
            batches = n / b;
        }
        double sum = 0;
        for (int k = 0; k < batches; k++) {
            int from = config.shuffle() ? k * size : 0;
            int count = Math.min(size, order.length - from);
            sum += learn(order, from, count);
        }
        double mean = sum / batches;
        model.recordLoss(mean);
        return mean;
    }

    private double learn(int[] order, int from, int count) {
        if (config.notebookRule()) {
            INDArray[] buffers = plainBuffers.computeIfAbsent(count, c -> new INDArray[] {
                    Nd4j.createUninitialized(images.dataType(), c, images.columns()),
                    Nd4j.createUninitialized(targets.dataType(), c, targets.columns())});
            MiniBatches.gather(images, order, from, count, buffers[0]);
            MiniBatches.gather(targets, order, from, count, buffers[1]);
            return model.learnOn(buffers[0], buffers[1]);
        }
        MiniBatchStep step = step(count);
        MiniBatches.gather(images, order, from, count, step.input());
        MiniBatches.gather(targets, order, from, count, step.target());
        return step.learn();
    }

    /** Rows per shuffled batch among {@code n}: the configured batch, or all of them. */
    private int shuffledBatch(int n) {
        return config.batch() == null ? n : Math.min(config.batch(), n);
    }

    /** The step for batches of {@code rows} examples, made on first use. */
    private MiniBatchStep step(int rows) {
        return steps.computeIfAbsent(rows, c -> new MiniBatchStep(model, optimizer, c));
    }

    @Override
    public void close() {
        Nd4j.factory().blas().setMaxThreads(blasThreads);
        if (openMpThreads > 0) {
            NativeBackend.openMpThreads(openMpThreads);
        }
        steps.values().forEach(MiniBatchStep::close);
        plainBuffers.values().forEach(b -> {
            b[0].close();
            b[1].close();
        });
    }
}
