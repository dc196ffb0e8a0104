package org.mymnist.nn;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One step of a network that turns images into the numbers its dense {@link Layer}s read: a
 * convolution, an activation, a pooling, a reshape ({@code org.mymnist.nn.conv}). Like a layer, a
 * stage has a forward pass ({@link #calculate}, which remembers what the backward pass needs) and
 * a backward pass ({@link #gradient}, which changes nothing: an optimizer applies it).
 */
public interface Stage {

    /**
     * The forward pass. Remembers its input (or what {@link #gradient} needs of it).
     *
     * @param input one example per entry of the first axis (e.g. {@code n x channels x height x width})
     * @return a new array, one example per entry of the first axis
     */
    INDArray calculate(INDArray input);

    /**
     * The backward pass of the last {@link #calculate}: from {@code dOutput}, the gradient of a
     * loss with respect to this stage's output, the gradient with respect to its parameters and
     * to its input.
     *
     * @param dOutput {@code dL/doutput}, the shape of the last output
     * @return one gradient per {@link #parameters()} entry, same order, and {@code dL/dinput}
     * @throws IllegalStateException before any {@link #calculate}
     */
    StageGradient gradient(INDArray dOutput);

    /** The live parameter arrays, which an optimizer updates in place; empty for a stage without any. */
    default List<INDArray> parameters() {
        return List.of();
    }

    /**
     * The shape of one example's output for one example's input of the given shape.
     *
     * @param input the shape of one example (without the first axis), e.g. {@code {1, 28, 28}}
     * @return the shape of its output
     * @throws IllegalArgumentException when this stage cannot read an example of that shape
     */
    long[] outputShape(long[] input);
}
