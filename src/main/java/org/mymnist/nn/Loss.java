package org.mymnist.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A loss function: how far predictions are from targets, and in which direction to move them.
 *
 * <p>A loss is the mean of {@link #count} terms (one per output for the mean squared error, one
 * per example for cross-entropy). {@link #derivative} has one meaning for every loss: the
 * gradient, with respect to each prediction, of the <em>sum</em> of those terms, which is what the
 * notebook's {@code mse(p, t, True)} returns ({@code 2 (p - t)}). {@link #gradient} divides it by
 * the count: the gradient of {@link #value} itself, which the mean-gradient rule follows.
 */
public interface Loss {

    /**
     * The loss, {@code loss_function(predicted, target)} in the notebook: the mean of its terms.
     *
     * @param predicted the model's outputs, one row per example
     * @param target the expected outputs (one-hot rows), same shape
     * @return the loss as a number
     */
    double value(INDArray predicted, INDArray target);

    /**
     * The gradient of the sum of the loss's terms with respect to the predictions,
     * {@code loss_function(p, t, True)} in the notebook.
     *
     * @param predicted the model's outputs, one row per example
     * @param target the expected outputs, same shape
     * @return a new array of the same shape
     */
    INDArray derivative(INDArray predicted, INDArray target);

    /**
     * How many terms {@link #value} is the mean of, for predictions of this shape.
     *
     * @param predicted the model's outputs, one row per example
     * @return e.g. rows x columns for the mean squared error, rows for cross-entropy
     */
    long count(INDArray predicted);

    /**
     * The gradient of {@link #value} with respect to the predictions: {@code derivative / count}.
     *
     * @param predicted the model's outputs
     * @param target the expected outputs
     * @return a new array of the same shape
     */
    default INDArray gradient(INDArray predicted, INDArray target) {
        return derivative(predicted, target).divi(count(predicted));
    }

    /**
     * The gradient of {@link #value} with respect to the last layer's sums {@code y}, where
     * {@code predicted = activation(y)}: by default the chain rule,
     * {@code activation.backward(y, gradient(predicted, target))}. A loss may override it with a
     * simpler formula that gives the same value ({@link SoftmaxCrossEntropy} does).
     *
     * @param activation the last layer's activation
     * @param y the last layer's sums
     * @param predicted {@code activation(y)}
     * @param target the expected outputs
     * @return a new array of the shape of {@code y}
     */
    default INDArray gradientOfSums(Activation activation, INDArray y, INDArray predicted, INDArray target) {
        return activation.backward(y, gradient(predicted, target));
    }

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
