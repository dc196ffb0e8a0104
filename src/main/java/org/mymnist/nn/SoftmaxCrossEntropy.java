package org.mymnist.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Cross-entropy of softmax outputs, {@code -mean over rows of sum_k t_k log p_k}: the loss the
 * notebook says would suit a softmax better than the mean squared error.
 *
 * <p>Its gradient through the softmax before it simplifies: with respect to the softmax's input
 * sums it is {@code (p - t) / m} for {@code m} rows, with no vanishing {@code s (1 - s)} factor.
 * {@link #gradientOfSums} is that simplification, named: it gives the value the chain rule would,
 * without dividing by probabilities that may be 0.
 */
public final class SoftmaxCrossEntropy implements Loss {

    /** The name in model files and on the command line: {@value}. */
    public static final String NAME = "cross-entropy";

    /** The smallest probability whose log is taken, so that a zero gives a large finite loss. */
    private static final double FLOOR = 1e-30;

    /** {@code -sum(t * log(p)) / m}. */
    @Override
    public double value(INDArray predicted, INDArray target) {
        INDArray logP = Transforms.log(Transforms.max(predicted, FLOOR, true), false);
        return -logP.muli(target).sumNumber().doubleValue() / predicted.rows();
    }

    /** {@code -t / p}, the gradient of {@code -sum(t * log(p))}. */
    @Override
    public INDArray derivative(INDArray predicted, INDArray target) {
        return target.div(Transforms.max(predicted, FLOOR, true)).negi();
    }

    /** One term per example: rows. */
    @Override
    public long count(INDArray predicted) {
        return predicted.rows();
    }

    /**
     * The fusion of softmax and cross-entropy: {@code (p - t) / m}, the gradient with respect to
     * the softmax's sums.
     *
     * @throws IllegalArgumentException when the last layer is not a {@link Softmax}
     */
    @Override
    public INDArray gradientOfSums(Activation activation, INDArray y, INDArray predicted, INDArray target) {
        if (!(activation instanceof Softmax)) {
            throw new IllegalArgumentException("cross-entropy needs a softmax last layer, got "
                    + activation.name());
        }
        return predicted.sub(target).divi(predicted.rows());
    }

    @Override
    public String name() {
        return NAME;
    }
}
