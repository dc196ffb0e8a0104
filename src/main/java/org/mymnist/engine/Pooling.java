package org.mymnist.engine;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Max pooling followed by ReLU, and its backward pass, on the engine's images laid out
 * {@code filters x h x w x n} (the batch innermost), in plain loops over the arrays' memory: each
 * window's values are {@code size * size} runs of {@code n}, compared example by example. The
 * forward pass keeps where each window's largest value was (the first on ties, row by row, as the
 * teaching {@link org.mymnist.nn.conv.MaxPooling}); the backward pass routes each output's
 * gradient there when the output was positive (ReLU's derivative), and zero elsewhere. Pooling
 * before ReLU gives what ReLU before pooling gives: the largest rectified value is the rectified
 * largest, and a window whose largest value is not positive passes no gradient either way.
 */
final class Pooling {

    private final int size;
    private final int filters;
    private final int h;
    private final int w;
    private final int n;
    private final byte[] winners;
    /** float32: the sums and the pooled values on the Java heap, where the loops compile best. */
    private final float[] sumsHeap;
    private final float[] pooledHeap;
    private final FloatBuffer sumsF;
    private final FloatBuffer pooledF;
    private final FloatBuffer dPooledF;
    private final FloatBuffer dSumsF;
    private final DoubleBuffer sumsD;
    private final DoubleBuffer pooledD;
    private final DoubleBuffer dPooledD;
    private final DoubleBuffer dSumsD;

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
        this.winners = new byte[(int) pooled.length()];
        if (size * size > Byte.MAX_VALUE) {
            throw new IllegalArgumentException("pooling windows of at most 11 x 11, got " + size);
        }
        boolean single = sums.dataType() == DataType.FLOAT;
        sumsF = single ? floats(sums) : null;
        pooledF = single ? floats(pooled) : null;
        dPooledF = single && dPooled != null ? floats(dPooled) : null;
        dSumsF = single && dSums != null ? floats(dSums) : null;
        sumsHeap = single ? new float[(int) sums.length()] : null;
        pooledHeap = single ? new float[(int) pooled.length()] : null;
        sumsD = single ? null : doubles(sums);
        pooledD = single ? null : doubles(pooled);
        dPooledD = !single && dPooled != null ? doubles(dPooled) : null;
        dSumsD = !single && dSums != null ? doubles(dSums) : null;
    }

    private static FloatBuffer floats(INDArray x) {
        return x.data().asNioFloat().position((int) x.offset()).slice();
    }

    private static DoubleBuffer doubles(INDArray x) {
        return x.data().asNioDouble().position((int) x.offset()).slice();
    }

    /** {@code pooled = relu(max of each window)}, remembering where each maximum was. */
    void forward() {
        if (sumsF != null) {
            sumsF.get(0, sumsHeap);
        }
        int ph = h / size;
        int pw = w / size;
        int out = 0;
        for (int f = 0; f < filters; f++) {
            for (int pr = 0; pr < ph; pr++) {
                for (int pc = 0; pc < pw; pc++) {
                    int base = ((f * h + pr * size) * w + pc * size) * n;
                    if (sumsF != null) {
                        windowF(base, out);
                    } else {
                        windowD(base, out);
                    }
                    out += n;
                }
            }
        }
        if (sumsF != null) {
            pooledF.put(0, pooledHeap);
        }
    }

    private void windowF(int base, int out) {
        float[] sums = sumsHeap;
        float[] pooled = pooledHeap;
        System.arraycopy(sums, base, pooled, out, n);
        java.util.Arrays.fill(winners, out, out + n, (byte) 0);
        for (int k = 1; k < size * size; k++) {
            int at = base + ((k / size) * w + k % size) * n;
            byte position = (byte) k;
            for (int b = 0; b < n; b++) {
                // Without branches (conditional moves): which value wins is data, not worth predicting.
                float v = sums[at + b];
                float best = pooled[out + b];
                boolean larger = v > best;
                pooled[out + b] = larger ? v : best;
                winners[out + b] = larger ? position : winners[out + b];
            }
        }
        for (int b = 0; b < n; b++) {
            if (!(pooled[out + b] > 0)) {
                pooled[out + b] = 0f;
            }
        }
    }

    private void windowD(int base, int out) {
        for (int b = 0; b < n; b++) {
            pooledD.put(out + b, sumsD.get(base + b));
            winners[out + b] = 0;
        }
        for (int k = 1; k < size * size; k++) {
            int at = base + ((k / size) * w + k % size) * n;
            for (int b = 0; b < n; b++) {
                double v = sumsD.get(at + b);
                if (v > pooledD.get(out + b)) {
                    pooledD.put(out + b, v);
                    winners[out + b] = (byte) k;
                }
            }
        }
        for (int b = 0; b < n; b++) {
            if (!(pooledD.get(out + b) > 0)) {
                pooledD.put(out + b, 0.0);
            }
        }
    }

    /** {@code dSums}: each positive output's gradient at its window's maximum, zero elsewhere. */
    void backward() {
        int total = filters * h * w * n;
        if (dSumsF != null) {
            for (int i = 0; i < total; i++) {
                dSumsF.put(i, 0f);
            }
        } else {
            for (int i = 0; i < total; i++) {
                dSumsD.put(i, 0.0);
            }
        }
        int ph = h / size;
        int pw = w / size;
        int out = 0;
        for (int f = 0; f < filters; f++) {
            for (int pr = 0; pr < ph; pr++) {
                for (int pc = 0; pc < pw; pc++) {
                    int base = ((f * h + pr * size) * w + pc * size) * n;
                    for (int b = 0; b < n; b++) {
                        int k = winners[out + b];
                        int at = base + ((k / size) * w + k % size) * n + b;
                        if (dSumsF != null) {
                            if (pooledHeap[out + b] > 0) {
                                dSumsF.put(at, dPooledF.get(out + b));
                            }
                        } else if (pooledD.get(out + b) > 0) {
                            dSumsD.put(at, dPooledD.get(out + b));
                        }
                    }
                    out += n;
                }
            }
        }
    }
}
