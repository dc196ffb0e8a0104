package org.mymnist.nn.conv;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.Arrays;
import org.mymnist.nn.Stage;
import org.mymnist.nn.StageGradient;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Max pooling: each channel cut into {@code size x size} windows side by side, each window
 * replaced by its largest value. The image gets {@code size} times smaller each way, and a stroke
 * moved by a pixel mostly gives the same output. The gradient of an output goes to the one input
 * that was the largest (the first in the window, row by row, on a tie); the others had no effect.
 */
public final class MaxPooling implements Stage {

    /** Side of each window, in pixels. */
    public final int size;

    private long[] inputShape;
    private INDArray winner;

    /**
     * A max pooling over windows of {@code size x size}.
     *
     * @param size the window's side, at least 1
     */
    public MaxPooling(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("pooling size must be at least 1, got " + size);
        }
        this.size = size;
    }

    /**
     * The forward pass: the largest value of each window. Remembers where it was.
     *
     * @param x {@code n x channels x height x width}, height and width multiples of {@code size}
     * @return {@code n x channels x (height / size) x (width / size)}
     */
    @Override
    public INDArray calculate(INDArray x) {
        outputShape(Arrays.copyOfRange(x.shape(), 1, x.rank()));
        inputShape = x.shape();
        INDArray windows = windows(x);       // n x c x oh x ow x (size * size)
        winner = windows.argMax(4);          // where each window's largest value is: 0 .. size * size - 1
        return windows.max(4);
    }

    /**
     * The backward pass: each output's gradient goes to its window's largest input, nothing to the others.
     *
     * @param dy {@code dL/dy}, {@code n x channels x (height / size) x (width / size)}
     * @return no parameter gradient, and {@code dL/dx}
     */
    @Override
    public StageGradient gradient(INDArray dy) {
        if (winner == null) {
            throw new IllegalStateException("gradient called before calculate");
        }
        long[] s = dy.shape();
        INDArray dWindows = Nd4j.zeros(dy.dataType(), s[0], s[1], s[2], s[3], (long) size * size);
        for (int k = 0; k < size * size; k++) {
            INDArray isWinner = winner.eq(k).castTo(dy.dataType());
            dWindows.get(all(), all(), all(), all(), point(k)).assign(dy.mul(isWinner));
        }
        INDArray dx = dWindows.reshape(s[0], s[1], s[2], s[3], size, size).permute(0, 1, 2, 4, 3, 5).dup('c')
                .reshape(inputShape);
        return new StageGradient(java.util.List.of(), dx);
    }

    /** The windows of each channel side by side: {@code n x c x oh x ow x (size * size)}, row by row in each window. */
    private INDArray windows(INDArray x) {
        long n = x.size(0), c = x.size(1), oh = x.size(2) / size, ow = x.size(3) / size;
        return x.dup('c').reshape(n, c, oh, size, ow, size).permute(0, 1, 2, 4, 3, 5).dup('c')
                .reshape(n, c, oh, ow, (long) size * size);
    }

    /** {@code {c, h, w}} gives {@code {c, h / size, w / size}}; h and w must be multiples of the size. */
    @Override
    public long[] outputShape(long[] input) {
        if (input.length != 3 || input[1] % size != 0 || input[2] % size != 0) {
            throw new IllegalArgumentException(this + " reads channels whose height and width are multiples of "
                    + size + ", got " + Arrays.toString(input));
        }
        return new long[] {input[0], input[1] / size, input[2] / size};
    }

    @Override
    public String toString() {
        return "MaxPooling(" + size + "x" + size + ")";
    }
}
