package org.mymnist.engine;

import org.mymnist.nn.Activation;
import org.mymnist.nn.Identity;
import org.mymnist.nn.Loss;
import org.mymnist.nn.MeanSquaredError;
import org.mymnist.nn.Relu;
import org.mymnist.nn.Sigmoid;
import org.mymnist.nn.Softmax;
import org.mymnist.nn.SoftmaxCrossEntropy;

/**
 * What the engines can compute in place of an activation or a loss of {@code org.mymnist.nn}: one
 * kernel for each of the library's own (final) classes, whose result the engine tests prove equal
 * to that class's. Any other activation or loss, a student's own for instance, has no kernel, and
 * a model that uses it trains on the readable path.
 */
enum Kernel {

    /** {@link Sigmoid}: libnd4j's {@code sigmoid} and {@code sigmoid_derivative}. */
    SIGMOID,
    /** {@link Relu}: libnd4j's {@code relu} and {@code thresholdedrelu_bp}. */
    RELU,
    /** {@link Identity}: a copy, and nothing to do backward. */
    IDENTITY,
    /** {@link Softmax}: libnd4j's {@code softmax} and {@code softmax_bp}. */
    SOFTMAX,
    /** {@link MeanSquaredError}. */
    MEAN_SQUARED_ERROR,
    /** {@link SoftmaxCrossEntropy}, fused with the softmax before it. */
    CROSS_ENTROPY;

    /**
     * The kernel that computes exactly this activation.
     *
     * @param activation an activation
     * @return its kernel, or null for a class the engines do not know
     */
    static Kernel of(Activation activation) {
        if (activation instanceof Sigmoid) {
            return SIGMOID;
        }
        if (activation instanceof Relu) {
            return RELU;
        }
        if (activation instanceof Identity) {
            return IDENTITY;
        }
        if (activation instanceof Softmax) {
            return SOFTMAX;
        }
        return null;
    }

    /**
     * The kernel that computes exactly this loss, its gradient and its gradient through the
     * softmax before it.
     *
     * @param loss a loss
     * @return its kernel, or null for a class the engines do not know
     */
    static Kernel of(Loss loss) {
        if (loss instanceof MeanSquaredError) {
            return MEAN_SQUARED_ERROR;
        }
        if (loss instanceof SoftmaxCrossEntropy) {
            return CROSS_ENTROPY;
        }
        return null;
    }
}
