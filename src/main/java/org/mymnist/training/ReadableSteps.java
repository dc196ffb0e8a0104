package org.mymnist.training;

import java.util.HashMap;
import java.util.Map;
import org.mymnist.backend.StepWorkspace;
import org.mymnist.engine.BatchEngine;
import org.mymnist.engine.Rows;
import org.mymnist.nn.Model;
import org.mymnist.optim.Optimizer;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The readable path in the place of a fast engine: each mini-batch's step is the model's own,
 * {@link Model#learnOn} (the seed's rule) or {@link Model#learnMeanGradient}, with its arrays in the
 * step's workspace. The model trains itself: there is nothing to pull or push.
 */
final class ReadableSteps implements BatchEngine {

    private final Model model;
    private final UpdateRule rule;
    private final Optimizer optimizer;
    /** The batch arrays (inputs, targets) per batch size, outside any workspace. */
    private final Map<Integer, INDArray[]> batches = new HashMap<>();

    ReadableSteps(Model model, UpdateRule rule, Optimizer optimizer) {
        this.model = model;
        this.rule = rule;
        this.optimizer = optimizer;
    }

    /** Nothing: the model holds its own weights. */
    @Override
    public void pull() {
    }

    /** Nothing: the model holds its own weights. */
    @Override
    public void push() {
    }

    /** Nothing: a batch's arrays are made at its first step (the notebook's loop never makes any). */
    @Override
    public void prepare(int rows) {
    }

    @Override
    public double learn(INDArray images, INDArray targets, int[] order, int from, int count) {
        INDArray[] batch = batches.computeIfAbsent(count, c -> new INDArray[] {
                Nd4j.createUninitialized(images.dataType(), c, images.columns()),
                Nd4j.createUninitialized(targets.dataType(), c, targets.columns())});
        Rows.gather(images, order, from, count, batch[0]);
        Rows.gather(targets, order, from, count, batch[1]);
        try (MemoryWorkspace step = StepWorkspace.open(StepWorkspace.TRAINING)) {
            return rule == UpdateRule.SEED ? model.learnOn(batch[0], batch[1])
                    : model.learnMeanGradient(batch[0], batch[1], optimizer);
        }
    }

    /** The same as {@link #close()}: the model holds the parameters. */
    @Override
    public void releaseBatches() {
        close();
    }

    @Override
    public int preparedBatchSizes() {
        return batches.size();
    }

    @Override
    public void close() {
        for (INDArray[] batch : batches.values()) {
            batch[0].close();
            batch[1].close();
        }
        batches.clear();
    }
}
