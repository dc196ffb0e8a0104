package org.mymnist.engine;

import org.mymnist.nn.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fast path that trains a {@link Model} on mini-batches: it holds its own copy of the model's
 * parameters, which {@link #pull()} fills from the model and {@link #push()} writes back, and takes
 * one step of its rule per batch. {@link MiniBatchEngine} and {@link ConvolutionEngine} run the
 * mean-gradient rule, {@link SeedRuleEngine} the notebook's.
 */
public interface BatchEngine extends AutoCloseable {

    /** Copies the model's parameters into the engine. */
    void pull();

    /** Writes the engine's parameters back into the model. */
    void push();

    /**
     * Prepares the arrays for batches of {@code rows} examples now rather than at the first such
     * batch (so that a first epoch times training only).
     *
     * @param rows examples per batch
     */
    void prepare(int rows);

    /**
     * One step on the examples {@code order[from .. from + count)}.
     *
     * @param images all inputs, one C-order row per example, the model's data type
     * @param targets all one-hot targets
     * @param order example numbers
     * @param from first position in {@code order}
     * @param count examples in this batch
     * @return the batch's mean loss before the step
     */
    double learn(INDArray images, INDArray targets, int[] order, int from, int count);

    /**
     * Frees the arrays of the batches prepared so far, and keeps the parameters and the optimizer's
     * state: the next {@link #prepare} or {@link #learn} makes them again. A trainer calls it when a
     * run ends, so that a kernel does not hold a training's work arrays between two cells.
     */
    void releaseBatches();

    /** The number of batch sizes whose arrays are prepared now. */
    int preparedBatchSizes();

    /** Frees the engine's arrays (after a last {@link #push()} if the model should keep them). */
    @Override
    void close();
}
