package org.mymnist.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An activation function, applied element by element (row by row for {@link Softmax}) to a
 * layer's weighted sums. As in the original notebook ({@code sigmoid(x, derive=False)}), one object
 * gives both the function and the derivative that {@link Layer#learn} multiplies the error by.
 */
public interface Activation {

    /**
     * The function, {@code activation(x)} in the notebook.
     *
     * @param x weighted sums, one row per example; left unchanged
     * @return a new array of the same shape
     */
    INDArray apply(INDArray x);

    /**
     * The derivative element by element, {@code activation(x, True)} in the notebook: what the
     * seed's rule ({@link Layer#learn}) multiplies the error by.
     *
     * @param x weighted sums, one row per example; left unchanged
     * @return a new array of the same shape
     */
    INDArray derivative(INDArray x);

    /**
     * The chain rule through this function: from {@code dz}, the gradient of a loss with respect
     * to the outputs {@code z = apply(y)}, the gradient with respect to the sums {@code y}. For a
     * function applied element by element it is {@code dz * derivative(y)}; {@link Softmax}, whose
     * every output depends on the whole row, overrides it with its full Jacobian.
     *
     * @param y the sums the function was applied to
     * @param dz the gradient with respect to the outputs, same shape
     * @return a new array, the gradient with respect to {@code y}
     */
    default INDArray backward(INDArray y, INDArray dz) {
        return dz.mul(derivative(y));
    }

    /** A short name used in model files and on the command line, e.g. {@code sigmoid}. */
    String name();

    /**
     * The activation with the given {@link #name()}.
     *
     * @param name {@code sigmoid}, {@code softmax}, {@code identity} or {@code relu}
     * @return the activation
     * @throws IllegalArgumentException for any other name
     */
    static Activation named(String name) {
        switch (name) {
            case Sigmoid.NAME:
                return new Sigmoid();
            case Softmax.NAME:
                return new Softmax();
            case Identity.NAME:
                return new Identity();
            case Relu.NAME:
                return new Relu();
            default:
                throw new IllegalArgumentException("unknown activation '" + name
                        + "': expected sigmoid, softmax, identity or relu");
        }
    }
}
