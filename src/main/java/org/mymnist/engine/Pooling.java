package org.mymnist.engine;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Max pooling followed by ReLU, and its backward pass, on the engine's images laid out
 * {@code filters x h x w x n} (the batch innermost), in plain loops over copies of the arrays on
 * the Java heap: each window's values are {@code size * size} runs of {@code n}, and the forward
 * pass is a running maximum over those runs, example by example, which the JIT compiles to
 * vector instructions. The backward pass finds each window's maximum again (the first value equal
 * to it, row by row, as the teaching {@link org.mymnist.nn.conv.MaxPooling} routes it) and gives
 * it the output's gradient when the output was positive (ReLU's derivative); every other value
 * gets zero. Pooling before ReLU gives what ReLU before pooling gives: the largest rectified value
 * is the rectified largest, and a window whose largest value is not positive passes no gradient
 * either way.
 */
final class Pooling {

    private final int size;
    private final int filters;
    private final int h;
    private final int w;
    private final int n;
    private final boolean single;
    /** The sums and the pooled values (forward), the gradients (backward), on the heap. */
    private final float[] sumsF;
    private final float[] pooledF;
    private final float[] dPooledF;
    private final float[] dSumsF;
    private final double[] sumsD;
    private final double[] pooledD;
    private final double[] dPooledD;
    private final double[] dSumsD;
    private final INDArray sums;
    private final INDArray pooled;
    private final INDArray dPooled;
    private final INDArray dSums;

    /**
     * Binds a pooling to its arrays (each C-order and contiguous).
     *
     * @param size the windows' side
     * @param sums {@code filters x h x w x n}, read
     * @param pooled {@code filters x h/size x w/size x n}, written by {@link #forward}
     * @param dPooled the gradient at {@code pooled}, read by {@link #backward}; null for inference
     * @param dSums the gradient at {@code sums}, written by {@link #backward}; null for inference
     */
    Pooling(int size, INDArray sums, INDArray pooled, INDArray dPooled, INDArray dSums) {
        this.size = size;
        this.filters = (int) sums.size(0);
        this.h = (int) sums.size(1);
        this.w = (int) sums.size(2);
        this.n = (int) sums.size(3);
        this.sums = sums;
        this.pooled = pooled;
        this.dPooled = dPooled;
        this.dSums = dSums;
        this.single = sums.dataType() == DataType.FLOAT;
        int in = (int) sums.length();
        int out = (int) pooled.length();
        boolean backward = dPooled != null && dSums != null;
        sumsF = single ? new float[in] : null;
        pooledF = single ? new float[out] : null;
        dPooledF = single && backward ? new float[out] : null;
        dSumsF = single && backward ? new float[in] : null;
        sumsD = single ? null : new double[in];
        pooledD = single ? null : new double[out];
        dPooledD = !single && backward ? new double[out] : null;
        dSumsD = !single && backward ? new double[in] : null;
    }

    private static FloatBuffer floats(INDArray x) {
        return x.data().asNioFloat().position((int) x.offset()).slice();
    }

    private static DoubleBuffer doubles(INDArray x) {
        return x.data().asNioDouble().position((int) x.offset()).slice();
    }

    /** Where the value {@code k} of the window at pooled position {@code (f, pr, pc)} starts. */
    private int at(int f, int pr, int pc, int k) {
        return ((f * h + pr * size + k / size) * w + pc * size + k % size) * n;
    }

    /** {@code pooled = relu(max of each window)}, half the filters on each of two threads ({@link Halves}). */
    void forward() {
        Halves.split(filters, (half, from, to) -> forward(from, to));
    }

    /** The forward pass of the filters {@code [from, to)}: their sums and pooled values are contiguous. */
    private void forward(int from, int to) {
        int in = h * w * n;
        int ph = h / size;
        int pw = w / size;
        int outs = ph * pw * n;
        if (single) {
            floats(sums).get(from * in, sumsF, from * in, (to - from) * in);
        } else {
            doubles(sums).get(from * in, sumsD, from * in, (to - from) * in);
        }
        int out = from * outs;
        for (int f = from; f < to; f++) {
            for (int pr = 0; pr < ph; pr++) {
                for (int pc = 0; pc < pw; pc++) {
                    if (single) {
                        windowF(f, pr, pc, out);
                    } else {
                        windowD(f, pr, pc, out);
                    }
                    out += n;
                }
            }
        }
        if (single) {
            floats(pooled).put(from * outs, pooledF, from * outs, (to - from) * outs);
        } else {
            doubles(pooled).put(from * outs, pooledD, from * outs, (to - from) * outs);
        }
    }

    private void windowF(int f, int pr, int pc, int out) {
        float[] s = sumsF;
        float[] p = pooledF;
        // Start from 0: the ReLU after the maximum.
        Arrays.fill(p, out, out + n, 0f);
        for (int k = 0; k < size * size; k++) {
            int at = at(f, pr, pc, k);
            for (int b = 0; b < n; b++) {
                p[out + b] = Math.max(p[out + b], s[at + b]);
            }
        }
    }

    private void windowD(int f, int pr, int pc, int out) {
        double[] s = sumsD;
        double[] p = pooledD;
        Arrays.fill(p, out, out + n, 0.0);
        for (int k = 0; k < size * size; k++) {
            int at = at(f, pr, pc, k);
            for (int b = 0; b < n; b++) {
                p[out + b] = Math.max(p[out + b], s[at + b]);
            }
        }
    }

    /**
     * {@code dSums}: each positive output's gradient at its window's first maximum, zero
     * elsewhere, half the filters on each of two threads. Reads the sums and the pooled values of
     * the last {@link #forward}.
     */
    void backward() {
        Halves.split(filters, (half, from, to) -> backward(from, to));
    }

    /** The backward pass of the filters {@code [from, to)}. */
    private void backward(int from, int to) {
        int in = h * w * n;
        int ph = h / size;
        int pw = w / size;
        int outs = ph * pw * n;
        if (single) {
            floats(dPooled).get(from * outs, dPooledF, from * outs, (to - from) * outs);
            Arrays.fill(dSumsF, from * in, to * in, 0f);
        } else {
            doubles(dPooled).get(from * outs, dPooledD, from * outs, (to - from) * outs);
            Arrays.fill(dSumsD, from * in, to * in, 0.0);
        }
        int out = from * outs;
        for (int f = from; f < to; f++) {
            for (int pr = 0; pr < ph; pr++) {
                for (int pc = 0; pc < pw; pc++) {
                    if (single) {
                        windowBackwardF(f, pr, pc, out);
                    } else {
                        windowBackwardD(f, pr, pc, out);
                    }
                    out += n;
                }
            }
        }
        if (single) {
            floats(dSums).put(from * in, dSumsF, from * in, (to - from) * in);
        } else {
            doubles(dSums).put(from * in, dSumsD, from * in, (to - from) * in);
        }
    }

    private void windowBackwardF(int f, int pr, int pc, int out) {
        for (int b = 0; b < n; b++) {
            float max = pooledF[out + b];
            if (max > 0) {
                for (int k = 0; k < size * size; k++) {
                    int at = at(f, pr, pc, k) + b;
                    if (sumsF[at] == max) {
                        dSumsF[at] = dPooledF[out + b];
                        break;
                    }
                }
            }
        }
    }

    private void windowBackwardD(int f, int pr, int pc, int out) {
        for (int b = 0; b < n; b++) {
            double max = pooledD[out + b];
            if (max > 0) {
                for (int k = 0; k < size * size; k++) {
                    int at = at(f, pr, pc, k) + b;
                    if (sumsD[at] == max) {
                        dSumsD[at] = dPooledD[out + b];
                        break;
                    }
                }
            }
        }
    }
}
