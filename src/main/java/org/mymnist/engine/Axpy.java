package org.mymnist.engine;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code y += alpha x} on two fixed, contiguous ND4J arrays of the same length, prepared once and
 * run through the {@code cblas_?axpy} of the OpenBLAS ND4J loads (see {@link Gemm} for why).
 */
final class Axpy {

    private final INDArray x;
    private final INDArray y;
    private final int n;
    private final boolean direct;
    private final FloatPointer fx;
    private final FloatPointer fy;
    private final DoublePointer dx;
    private final DoublePointer dy;

    /**
     * Prepares {@code y += alpha x}.
     *
     * @param x the array added
     * @param y the array updated in place
     */
    Axpy(INDArray x, INDArray y) {
        this.x = x;
        this.y = y;
        if (x.length() != y.length()) {
            throw new IllegalArgumentException("lengths differ: " + x.length() + " and " + y.length());
        }
        n = (int) x.length();
        DataType type = y.dataType();
        direct = x.dataType() == type && !x.isView() && !y.isView() && x.ordering() == y.ordering()
                && (type == DataType.FLOAT || type == DataType.DOUBLE);
        boolean single = type == DataType.FLOAT;
        fx = direct && single ? new FloatPointer(x.data().addressPointer()).position(x.offset()) : null;
        fy = direct && single ? new FloatPointer(y.data().addressPointer()).position(y.offset()) : null;
        dx = direct && !single ? new DoublePointer(x.data().addressPointer()).position(x.offset()) : null;
        dy = direct && !single ? new DoublePointer(y.data().addressPointer()).position(y.offset()) : null;
    }

    /**
     * Computes {@code y += alpha x}.
     *
     * @param alpha the factor
     */
    void run(double alpha) {
        if (!direct) {
            Nd4j.getBlasWrapper().level1().axpy(n, alpha, x, y);
        } else if (fx != null) {
            openblas_nolapack.cblas_saxpy(n, (float) alpha, fx, 1, fy, 1);
        } else {
            openblas_nolapack.cblas_daxpy(n, alpha, dx, 1, dy, 1);
        }
    }
}
