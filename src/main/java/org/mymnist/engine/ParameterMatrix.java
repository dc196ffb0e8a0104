package org.mymnist.engine;

import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One layer's or stage's parameters as the engines hold them: one C-order matrix {@code P}, the
 * weights' rows, then the bias as a last row when there is one. With inputs that end with a row of
 * ones, the sums are one product with {@code P}, and the gradient's product gives the bias gradient
 * as its last row. Beside it, unless plain gradient descent writes into {@code P} itself, the update's
 * matrix: the velocity, or the gradient that another optimizer reads ({@link OptimizerStep}).
 */
final class ParameterMatrix implements AutoCloseable {

    private final INDArray all;
    private final INDArray weightRows;
    private final INDArray biasRow;
    private final INDArray update;
    private final Axpy velocityStep;

    private ParameterMatrix(DataType type, long inputs, long outputs, boolean bias, boolean updateMatrix,
            boolean added) {
        long rows = inputs + (bias ? 1 : 0);
        all = Nd4j.zeros(type, rows, outputs);
        weightRows = all.get(NDArrayIndex.interval(0, inputs), NDArrayIndex.all());
        biasRow = bias ? all.get(NDArrayIndex.interval(inputs, rows), NDArrayIndex.all()) : null;
        update = updateMatrix ? Nd4j.zeros(type, rows, outputs) : null;
        velocityStep = added ? new Axpy(update, all) : null;
    }

    /** Parameters that an optimizer's step updates. */
    static ParameterMatrix forTraining(DataType type, long inputs, long outputs, boolean bias, OptimizerStep step) {
        Objects.requireNonNull(step, "step");
        return new ParameterMatrix(type, inputs, outputs, bias, step.needsUpdateMatrix(), step.hasVelocity());
    }

    /**
     * Parameters with a matrix that sums a step's parts (the seed's rule on a set too large for one
     * batch's arrays, chunk by chunk), then added to {@code P} by {@link #velocityStep()}.
     */
    static ParameterMatrix summingSteps(DataType type, long inputs, long outputs, boolean bias) {
        return new ParameterMatrix(type, inputs, outputs, bias, true, true);
    }

    /** Parameters alone, without an update matrix: for inference, or for a rule that writes its step into {@code P}. */
    static ParameterMatrix alone(DataType type, long inputs, long outputs, boolean bias) {
        return new ParameterMatrix(type, inputs, outputs, bias, false, false);
    }

    /** {@code P}: the weights' rows, then the bias row. */
    INDArray all() {
        return all;
    }

    /** The weights' rows of {@code P} (a view). */
    INDArray weightRows() {
        return weightRows;
    }

    /** The bias row of {@code P} (a view), or null without a bias. */
    INDArray biasRow() {
        return biasRow;
    }

    /** The velocity or the gradient, or null where plain gradient descent writes into {@code P}. */
    INDArray update() {
        return update;
    }

    /** {@code P += alpha v} for a rule with a velocity (or a summed step), else null. */
    Axpy velocityStep() {
        return velocityStep;
    }

    /** Where the gradient's product writes: the update matrix, or {@code P} itself for plain descent. */
    INDArray gradientTarget() {
        return update != null ? update : all;
    }

    /**
     * Copies weights and a bias in.
     *
     * @param weights {@code inputs x outputs} values (a view is fine)
     * @param bias {@code outputs} values, or null without a bias
     */
    void pull(INDArray weights, INDArray bias) {
        weightRows.assign(weights);
        if (biasRow != null) {
            biasRow.assign(bias);
        }
    }

    /**
     * Copies the weights' rows and the bias row out.
     *
     * @param weights where the weights go, {@code inputs x outputs}
     * @param bias where the bias goes, or null without a bias
     */
    void push(INDArray weights, INDArray bias) {
        weights.assign(weightRows);
        if (biasRow != null) {
            bias.assign(biasRow);
        }
    }

    @Override
    public void close() {
        all.close();
        if (update != null) {
            update.close();
        }
    }
}
