package org.mymnist.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An activation function, applied element by element (or row by row for {@link Softmax}) to a
 * layer's weighted sums. As in the original notebook, one object gives both the function and the
 * derivative that {@link Layer#learn} multiplies the error by.
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
     * The derivative, {@code activation(x, True)} in the notebook.
     *
     * @param x weighted sums, one row per example; left unchanged
     * @return a new array of the same shape
     */
    INDArray derivative(INDArray x);

    /**
     * Writes {@link #apply} of {@code x} into {@code out}, a preallocated array of the same shape.
     * Built-in activations override this to allocate nothing; the default copies.
     *
     * @param x weighted sums, left unchanged
     * @param out where to write the result
     */
    default void apply(INDArray x, INDArray out) {
        try (INDArray result = apply(x)) {
            out.assign(result);
        }
    }

    /**
     * Writes {@link #derivative} of {@code x} into {@code out}, a preallocated array of the same
     * shape. Built-in activations override this to allocate nothing; the default copies.
     *
     * @param x weighted sums, left unchanged
     * @param out where to write the result
     */
    default void derivative(INDArray x, INDArray out) {
        try (INDArray result = derivative(x)) {
            out.assign(result);
        }
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
