package org.mymnist.nn.conv;

import java.util.Arrays;
import java.util.List;
import org.mymnist.nn.Stage;
import org.mymnist.nn.StageGradient;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns each row of pixels back into an image, {@code n x (c * h * w)} to {@code n x c x h x w}:
 * the first stage of a convolutional network, whose data come as the rows of 784 pixels the
 * dense networks read.
 */
public final class Unflatten implements Stage {

    /** The shape of one image, {@code {channels, height, width}}. */
    private final long[] shape;

    /**
     * Rows of {@code channels * height * width} values to images.
     *
     * @param channels channels of each image
     * @param height pixels down
     * @param width pixels across
     */
    public Unflatten(int channels, int height, int width) {
        if (channels < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("image shape must be positive, got " + channels + " x " + height
                    + " x " + width);
        }
        this.shape = new long[] {channels, height, width};
    }

    /** The shape of one image, {@code {channels, height, width}}. */
    public long[] imageShape() {
        return shape.clone();
    }

    /** Each row as an image. */
    @Override
    public INDArray calculate(INDArray rows) {
        outputShape(Arrays.copyOfRange(rows.shape(), 1, rows.rank()));
        return rows.dup('c').reshape(rows.size(0), shape[0], shape[1], shape[2]);
    }

    /** {@code dL/dx}: each image's gradient as a row. */
    @Override
    public StageGradient gradient(INDArray dy) {
        return new StageGradient(List.of(), dy.dup('c').reshape(dy.size(0), shape[0] * shape[1] * shape[2]));
    }

    /** Rows of {@code c * h * w} values give {@code {c, h, w}}. */
    @Override
    public long[] outputShape(long[] input) {
        if (input.length != 1 || input[0] != shape[0] * shape[1] * shape[2]) {
            throw new IllegalArgumentException("this network reads rows of " + shape[0] * shape[1] * shape[2]
                    + " values, got rows of " + (input.length == 1 ? input[0] : Arrays.toString(input)));
        }
        return shape.clone();
    }

    @Override
    public String toString() {
        return "Unflatten(" + shape[0] + "x" + shape[1] + "x" + shape[2] + ")";
    }
}
