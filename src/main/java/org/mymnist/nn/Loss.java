package org.mymnist.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A loss function: how far predictions are from targets, and in which direction to move them. */
public interface Loss {

    /**
     * The loss, {@code loss_function(predicted, target)} in the notebook.
     *
     * @param predicted the model's outputs, one row per example
     * @param target the expected outputs (one-hot rows), same shape
     * @return the loss as a number
     */
    double value(INDArray predicted, INDArray target);

    /**
     * The derivative with respect to the predictions, {@code loss_function(p, t, True)}.
     *
     * @param predicted the model's outputs, one row per example
     * @param target the expected outputs, same shape
     * @return a new array of the same shape
     */
    INDArray derivative(INDArray predicted, INDArray target);

    /** A short name used in model files and on the command line, e.g. {@code mse}. */
    String name();

    /**
     * The loss with the given {@link #name()}.
     *
     * @param name {@code mse} or {@code cross-entropy}
     * @return the loss
     * @throws IllegalArgumentException for any other name
     */
    static Loss named(String name) {
        if (MeanSquaredError.NAME.equals(name)) {
            return new MeanSquaredError();
        }
        if (SoftmaxCrossEntropy.NAME.equals(name)) {
            return new SoftmaxCrossEntropy();
        }
        throw new IllegalArgumentException("unknown loss '" + name + "': expected mse or cross-entropy");
    }
}
