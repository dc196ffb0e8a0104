package org.mymnist.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * An ND4J operation bound once to its input and output arrays, to be run many times. Running a
 * custom operation through a prepared {@link OpContext} costs a fraction of building and
 * validating it at each call ({@code docs/performance.md}), which matters at ten operations a step
 * and a thousand steps an epoch. {@link #run()} hands the prepared context
 * straight to libnd4j ({@code execCustomOp2}, the call ND4J's executioner makes after its
 * profiling hooks), so there is little Java left to warm up in the first epochs.
 */
final class PreparedOp implements AutoCloseable {

    private final CustomOp op;
    private final OpContext context;
    private final NativeOps nativeOps = NativeOpsHolder.getInstance().getDeviceNativeOps();
    private final long hash;

    /**
     * Binds an operation to its arrays.
     *
     * @param op the operation, built without arrays (e.g. {@code new SoftMax()})
     * @param inputs its inputs, in the operation's order
     * @param outputs its outputs
     */
    PreparedOp(CustomOp op, INDArray[] inputs, INDArray... outputs) {
        this.op = op;
        this.hash = op.opHash();
        this.context = Nd4j.getExecutioner().buildContext();
        context.setInputArrays(inputs);
        context.setOutputArrays(outputs);
    }

    /** Sets the operation's integer arguments (e.g. the dimension of a softmax). */
    PreparedOp integers(long... arguments) {
        context.setIArguments(arguments);
        return this;
    }

    /** Sets the operation's floating-point arguments (e.g. a threshold). */
    PreparedOp reals(double... arguments) {
        context.setTArguments(arguments);
        return this;
    }

    /** Runs the operation on its arrays. */
    void run() {
        int status = nativeOps.execCustomOp2(null, hash, context.contextPointer());
        if (status != 0 || nativeOps.lastErrorCode() != 0) {
            throw new IllegalStateException("ND4J operation " + op.opName() + " failed (status " + status
                    + "): " + nativeOps.lastErrorMessage());
        }
    }

    @Override
    public void close() {
        try {
            context.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not free an ND4J operation context", e);
        }
    }
}
