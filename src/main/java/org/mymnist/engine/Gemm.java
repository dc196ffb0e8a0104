package org.mymnist.engine;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A matrix product {@code C = alpha op(A) op(B) + beta C} on three fixed ND4J arrays, prepared once
 * and run many times. {@link Nd4j#gemm} builds and checks an ND4J operation at every call, which
 * costs more than the product of a 64-row batch itself ({@code docs/performance.md}); this class
 * computes the sizes, strides and native pointers once and then calls {@code cblas_?gemm} of the OpenBLAS that
 * ND4J's CPU backend loads, on the arrays' own memory. It falls back to {@link Nd4j#gemm} for arrays
 * it cannot address directly.
 */
final class Gemm {

    private static final int ROW_MAJOR = 101;
    private static final int NO_TRANS = 111;
    private static final int TRANS = 112;

    private final INDArray a;
    private final INDArray b;
    private final INDArray c;
    private final boolean transA;
    private final boolean transB;
    private final boolean direct;
    private final boolean single;
    private final int m;
    private final int n;
    private final int k;
    private final int lda;
    private final int ldb;
    private final int ldc;
    private final FloatPointer fa;
    private final FloatPointer fb;
    private final FloatPointer fc;
    private final DoublePointer da;
    private final DoublePointer db;
    private final DoublePointer dc;

    /**
     * Prepares {@code c = alpha op(a) op(b) + beta c}.
     *
     * @param a left matrix
     * @param b right matrix
     * @param c result, written in place
     * @param transA whether to use {@code a^T}
     * @param transB whether to use {@code b^T}
     */
    Gemm(INDArray a, INDArray b, INDArray c, boolean transA, boolean transB) {
        this.a = a;
        this.b = b;
        this.c = c;
        this.transA = transA;
        this.transB = transB;
        m = (int) c.rows();
        n = (int) c.columns();
        k = (int) (transA ? a.rows() : a.columns());
        if ((transA ? a.columns() : a.rows()) != m || (transB ? b.rows() : b.columns()) != n
                || (transB ? b.columns() : b.rows()) != k) {
            throw new IllegalArgumentException("shapes do not multiply: " + a.shapeInfoToString() + " "
                    + b.shapeInfoToString() + " into " + c.shapeInfoToString());
        }
        DataType type = c.dataType();
        direct = rowMajor(a) && rowMajor(b) && rowMajor(c) && a.dataType() == type && b.dataType() == type
                && (type == DataType.FLOAT || type == DataType.DOUBLE);
        single = type == DataType.FLOAT;
        lda = direct ? (int) a.stride(0) : 0;
        ldb = direct ? (int) b.stride(0) : 0;
        ldc = direct ? (int) c.stride(0) : 0;
        if (direct && single) {
            fa = new FloatPointer(a.data().addressPointer()).position(a.offset());
            fb = new FloatPointer(b.data().addressPointer()).position(b.offset());
            fc = new FloatPointer(c.data().addressPointer()).position(c.offset());
            da = null;
            db = null;
            dc = null;
        } else if (direct) {
            da = new DoublePointer(a.data().addressPointer()).position(a.offset());
            db = new DoublePointer(b.data().addressPointer()).position(b.offset());
            dc = new DoublePointer(c.data().addressPointer()).position(c.offset());
            fa = null;
            fb = null;
            fc = null;
        } else {
            fa = null;
            fb = null;
            fc = null;
            da = null;
            db = null;
            dc = null;
        }
    }

    /** Whether rows are contiguous (C order, unit column stride), so BLAS can address the matrix. */
    private static boolean rowMajor(INDArray x) {
        return x.rank() == 2 && x.stride(1) == 1 && x.stride(0) >= x.columns() && x.ordering() == 'c';
    }

    /**
     * Computes the product.
     *
     * @param alpha factor of the product
     * @param beta factor of {@code c}'s current content (0 to overwrite it)
     */
    void run(double alpha, double beta) {
        if (!direct) {
            Nd4j.gemm(a, b, c, transA, transB, alpha, beta);
        } else if (single) {
            openblas_nolapack.cblas_sgemm(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS,
                    m, n, k, (float) alpha, fa, lda, fb, ldb, (float) beta, fc, ldc);
        } else {
            openblas_nolapack.cblas_dgemm(ROW_MAJOR, transA ? TRANS : NO_TRANS, transB ? TRANS : NO_TRANS,
                    m, n, k, alpha, da, lda, db, ldb, beta, dc, ldc);
        }
    }
}
