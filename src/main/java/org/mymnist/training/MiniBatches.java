package org.mymnist.training;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Which examples make each mini-batch, and copying them into a batch's preallocated arrays.
 *
 * <p>The notebook's loop takes {@code input_data[::step]} at every step: the same examples again
 * and again. Shuffled mini-batches take a new random order of all the examples at every epoch,
 * seeded so that a run can be repeated, and cut it into consecutive batches.
 */
public final class MiniBatches {

    private MiniBatches() {
    }

    /**
     * A random order of {@code 0 .. n-1} (Fisher-Yates shuffle).
     *
     * @param n number of examples
     * @param random the generator, seeded by the caller
     * @return a permutation of {@code 0 .. n-1}
     */
    public static int[] permutation(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /**
     * The rows the notebook's loop uses at each of its steps: {@code 0, step, 2 step, ...} below
     * {@code n}, with {@code step = n / batch}.
     *
     * @param n number of examples
     * @param batch the notebook's batch argument, 1 to {@code n}
     * @return the row indices of {@code input_data[::step]}
     */
    public static int[] strided(int n, int batch) {
        int step = n / batch;
        int[] rows = new int[(n + step - 1) / step];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i * step;
        }
        return rows;
    }

    /**
     * Copies rows {@code indices[from .. from+count)} of {@code source} into the first rows of
     * {@code into}, each into its first {@code source.columns()} columns (further columns, such as
     * a column of ones for the bias, are left as they are). A plain memory copy per row on the
     * arrays' native buffers: no ND4J operation, nothing allocated.
     *
     * @param source a matrix with contiguous rows (C order), DOUBLE or FLOAT
     * @param indices row numbers in {@code source}
     * @param from first position in {@code indices}
     * @param count number of rows to copy
     * @param into a matrix with contiguous rows, of the same data type, with at least {@code count} rows and
     *     {@code source.columns()} columns
     */
    public static void gather(INDArray source, int[] indices, int from, int count, INDArray into) {
        int width = (int) source.columns();
        int stride = (int) into.stride(0);
        int sourceStride = (int) source.stride(0);
        int sourceOffset = (int) source.offset();
        int offset = (int) into.offset();
        if (source.dataType() != into.dataType() || source.rank() != 2 || into.rank() != 2
                || source.stride(1) != 1 || into.stride(1) != 1 || into.columns() < width
                || into.rows() < count) {
            throw new IllegalArgumentException("gather needs two matrices of one type with contiguous rows, got "
                    + source.shapeInfoToString() + " and " + into.shapeInfoToString());
        }
        if (source.dataType() == DataType.FLOAT) {
            FloatBuffer src = source.data().asNioFloat();
            FloatBuffer dst = into.data().asNioFloat();
            for (int r = 0; r < count; r++) {
                int row = indices[from + r];
                dst.put(offset + r * stride, src, sourceOffset + row * sourceStride, width);
            }
        } else if (source.dataType() == DataType.DOUBLE) {
            DoubleBuffer src = source.data().asNioDouble();
            DoubleBuffer dst = into.data().asNioDouble();
            for (int r = 0; r < count; r++) {
                int row = indices[from + r];
                dst.put(offset + r * stride, src, sourceOffset + row * sourceStride, width);
            }
        } else {
            throw new IllegalArgumentException("gather needs DOUBLE or FLOAT, got " + source.dataType());
        }
    }
}
