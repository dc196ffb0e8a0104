package org.mymnist.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Cross-entropy of softmax outputs, {@code -mean over rows of sum_k t_k log p_k}: the loss the
 * notebook says would suit a softmax better than the mean squared error.
 *
 * <p>Taken together with the softmax before it, its gradient with respect to the softmax's input
 * sums is simply {@code (p - t) / m} for {@code m} rows: no vanishing {@code s (1 - s)} factor.
 * {@link #derivative} returns that gradient, so a model using this loss must end with a
 * {@link Softmax} layer whose derivative is not applied again (as {@link MiniBatchStep} does).
 */
public final class SoftmaxCrossEntropy implements Loss {

    /** The name in model files and on the command line: {@value}. */
    public static final String NAME = "cross-entropy";

    /** The smallest probability whose log is taken, so that a zero gives a large finite loss. */
    private static final double FLOOR = 1e-30;

    @Override
    public double value(INDArray predicted, INDArray target) {
        try (INDArray clipped = Transforms.max(predicted, FLOOR, true);
             INDArray logs = Transforms.log(clipped, false)) {
            logs.muli(target);
            return -logs.sumNumber().doubleValue() / predicted.rows();
        }
    }

    /**
     * The gradient with respect to the softmax's input sums, {@code (p - t) / m}.
     *
     * @param predicted the softmax outputs {@code p}, one row per example
     * @param target the one-hot targets {@code t}
     * @return a new array of the same shape
     */
    @Override
    public INDArray derivative(INDArray predicted, INDArray target) {
        return predicted.sub(target).divi(predicted.rows());
    }

    @Override
    public String name() {
        return NAME;
    }
}
