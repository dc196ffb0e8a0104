package org.mymnist.engine;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Copies and sums of contiguous runs between two fixed ND4J arrays, by {@code cblas_?copy} and
 * {@code cblas_?axpy} on the arrays' own memory: what the engine's {@code im2col} and
 * {@code col2im} are made of, with the batch as the innermost axis so that each run is hundreds
 * of values long.
 */
final class Runs {

    private final boolean single;
    private final FloatPointer fromF;
    private final FloatPointer toF;
    private final DoublePointer fromD;
    private final DoublePointer toD;
    private final long fromBase;
    private final long toBase;

    /**
     * Runs from {@code from} to {@code to}, both C-order and contiguous.
     *
     * @param from the array read
     * @param to the array written
     */
    Runs(INDArray from, INDArray to) {
        if (from.dataType() != to.dataType() || !contiguous(from) || !contiguous(to)) {
            throw new IllegalArgumentException("runs need two contiguous C-order arrays of one type, got "
                    + from.shapeInfoToString() + " and " + to.shapeInfoToString());
        }
        single = to.dataType() == DataType.FLOAT;
        fromBase = from.offset();
        toBase = to.offset();
        fromF = single ? new FloatPointer(from.data().addressPointer()) : null;
        toF = single ? new FloatPointer(to.data().addressPointer()) : null;
        fromD = single ? null : new DoublePointer(from.data().addressPointer());
        toD = single ? null : new DoublePointer(to.data().addressPointer());
    }

    private static boolean contiguous(INDArray x) {
        if (x.ordering() != 'c') {
            return false;
        }
        long expected = 1;
        for (int d = x.rank() - 1; d >= 0; d--) {
            if (x.size(d) > 1 && x.stride(d) != expected) {
                return false;
            }
            expected *= x.size(d);
        }
        return true;
    }

    /** {@code to[at .. at + length) = from[start .. start + length)}, offsets in elements. */
    void copy(long start, long at, int length) {
        if (single) {
            openblas_nolapack.cblas_scopy(length, fromF.position(fromBase + start), 1, toF.position(toBase + at), 1);
        } else {
            openblas_nolapack.cblas_dcopy(length, fromD.position(fromBase + start), 1, toD.position(toBase + at), 1);
        }
    }

    /** {@code to[at .. at + length) += from[start .. start + length)}, offsets in elements. */
    void add(long start, long at, int length) {
        if (single) {
            openblas_nolapack.cblas_saxpy(length, 1f, fromF.position(fromBase + start), 1, toF.position(toBase + at), 1);
        } else {
            openblas_nolapack.cblas_daxpy(length, 1.0, fromD.position(fromBase + start), 1, toD.position(toBase + at), 1);
        }
    }
}
