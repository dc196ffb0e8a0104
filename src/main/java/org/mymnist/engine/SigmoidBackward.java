package org.mymnist.engine;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The error through a sigmoid layer, {@code error *= s (1 - s)}, on two fixed arrays: the layer's
 * outputs {@code s}, already computed by the forward pass, and its error, both contiguous
 * {@code features x rows} (C order). {@link org.mymnist.nn.Sigmoid#derivative} computes the same
 * {@code s (1 - s)} from the sums; libnd4j's {@code sigmoid_bp} would compute the exponential a
 * second time, which cost more than the rest of the step's element-wise work
 * ({@code docs/performance.md}). A plain loop on the arrays' native memory: nothing allocated.
 */
final class SigmoidBackward implements Runnable {

    private final int length;
    private final FloatBuffer floatOutputs;
    private final FloatBuffer floatError;
    private final DoubleBuffer doubleOutputs;
    private final DoubleBuffer doubleError;
    private final int outputsOffset;
    private final int errorOffset;

    /**
     * Prepares {@code error *= outputs (1 - outputs)}.
     *
     * @param outputs the sigmoid's outputs, contiguous C order (a view of the first rows of a larger
     *     matrix is fine)
     * @param error the error, updated in place, of the same shape and data type
     */
    SigmoidBackward(INDArray outputs, INDArray error) {
        if (!outputs.equalShapes(error) || outputs.dataType() != error.dataType() || !contiguous(outputs)
                || !contiguous(error)) {
            throw new IllegalArgumentException("the sigmoid's backward pass needs two contiguous matrices of one "
                    + "shape and type, got " + outputs.shapeInfoToString() + " and " + error.shapeInfoToString());
        }
        length = (int) error.length();
        outputsOffset = (int) outputs.offset();
        errorOffset = (int) error.offset();
        if (error.dataType() == DataType.FLOAT) {
            floatOutputs = outputs.data().asNioFloat();
            floatError = error.data().asNioFloat();
            doubleOutputs = null;
            doubleError = null;
        } else if (error.dataType() == DataType.DOUBLE) {
            doubleOutputs = outputs.data().asNioDouble();
            doubleError = error.data().asNioDouble();
            floatOutputs = null;
            floatError = null;
        } else {
            throw new IllegalArgumentException("the sigmoid's backward pass runs FLOAT or DOUBLE, not "
                    + error.dataType());
        }
    }

    /**
     * Whether the matrix's elements are one run in C order from its offset, by its strides (a view
     * of one column, {@code [n, 1]} with strides {@code [1, 1]}, says 'f' and is one run too).
     */
    private static boolean contiguous(INDArray x) {
        return x.rank() == 2 && (x.columns() == 1 || x.stride(1) == 1) && (x.rows() == 1 || x.stride(0) == x.columns());
    }

    /** Computes {@code error *= s (1 - s)}, element by element. */
    @Override
    public void run() {
        if (floatError != null) {
            for (int k = 0; k < length; k++) {
                float s = floatOutputs.get(outputsOffset + k);
                floatError.put(errorOffset + k, floatError.get(errorOffset + k) * (s * (1 - s)));
            }
        } else {
            for (int k = 0; k < length; k++) {
                double s = doubleOutputs.get(outputsOffset + k);
                doubleError.put(errorOffset + k, doubleError.get(errorOffset + k) * (s * (1 - s)));
            }
        }
    }
}
