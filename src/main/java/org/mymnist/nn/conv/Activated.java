package org.mymnist.nn.conv;

import java.util.List;
import java.util.Objects;
import org.mymnist.nn.Activation;
import org.mymnist.nn.Stage;
import org.mymnist.nn.StageGradient;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An {@link Activation} (e.g. {@link org.mymnist.nn.Relu}) applied to every value of a stage's
 * output, whatever its shape: the same functions as the dense layers', as a stage of its own.
 */
public final class Activated implements Stage {

    /** The function applied. */
    public final Activation activation;

    private INDArray input;

    /**
     * A stage that applies {@code activation} element by element.
     *
     * @param activation an element-wise activation (not softmax)
     */
    public Activated(Activation activation) {
        this.activation = Objects.requireNonNull(activation, "activation");
        if (activation instanceof org.mymnist.nn.Softmax) {
            throw new IllegalArgumentException("softmax works row by row; a stage applies an element-wise activation");
        }
    }

    /** {@code activation(x)}. Remembers {@code x}. */
    @Override
    public INDArray calculate(INDArray x) {
        input = x;
        return activation.apply(x);
    }

    /** {@code dL/dx = dy * activation'(x)}. */
    @Override
    public StageGradient gradient(INDArray dy) {
        if (input == null) {
            throw new IllegalStateException("gradient called before calculate");
        }
        return new StageGradient(List.of(), activation.backward(input, dy));
    }

    /** The same shape. */
    @Override
    public long[] outputShape(long[] inputShape) {
        return inputShape.clone();
    }

    @Override
    public String toString() {
        return activation.name();
    }
}
