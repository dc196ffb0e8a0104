package org.mymnist.nn.conv;

import java.util.List;
import org.mymnist.nn.Stage;
import org.mymnist.nn.StageGradient;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Lays each example's channels out as one row of numbers, channel by channel and row by row, so
 * that a dense {@link org.mymnist.nn.Layer} can read them ({@code n x c x h x w} to
 * {@code n x (c * h * w)}). Its gradient is the same numbers put back in shape.
 */
public final class Flatten implements Stage {

    private long[] inputShape;

    /** One row per example. */
    @Override
    public INDArray calculate(INDArray x) {
        inputShape = x.shape();
        return x.dup('c').reshape(x.size(0), x.length() / x.size(0));
    }

    /** {@code dL/dx}: the rows of {@code dy} in the input's shape. */
    @Override
    public StageGradient gradient(INDArray dy) {
        if (inputShape == null) {
            throw new IllegalStateException("gradient called before calculate");
        }
        return new StageGradient(List.of(), dy.dup('c').reshape(inputShape));
    }

    /** One number per value of the example. */
    @Override
    public long[] outputShape(long[] input) {
        long count = 1;
        for (long s : input) {
            count *= s;
        }
        return new long[] {count};
    }

    @Override
    public String toString() {
        return "Flatten";
    }
}
