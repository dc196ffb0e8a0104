package org.mymnist.engine;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Copying a batch's examples into preallocated arrays: a plain memory copy per row, no ND4J
 * operation (ND4J's {@code getRows} of 64 rows of a 60000-row matrix costs milliseconds).
 */
public final class Rows {

    private Rows() {
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
