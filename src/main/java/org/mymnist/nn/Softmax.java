package org.mymnist.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Softmax over each row, {@code exp(x_i) / sum_j exp(x_j)}: ten scores become ten probabilities
 * that add up to 1. The row's largest score is subtracted first, which changes nothing but keeps
 * {@code exp} from overflowing.
 *
 * <p>{@link #derivative} is the one the original notebook uses, {@code s * (1 - s)} element by
 * element: only the diagonal of softmax's Jacobian, part of why the seed's network learns slowly.
 * {@link #backward} is the true chain rule, through the whole Jacobian.
 */
public final class Softmax implements Activation {

    /** The name in model files: {@value}. */
    public static final String NAME = "softmax";

    /** {@code exp(x - max) / sum(exp(x - max))}, row by row. */
    @Override
    public INDArray apply(INDArray x) {
        INDArray e = Transforms.exp(x.subColumnVector(x.max(true, 1)), false);
        return e.diviColumnVector(e.sum(true, 1));
    }

    /** {@code s * (1 - s)}, the notebook's diagonal derivative. */
    @Override
    public INDArray derivative(INDArray x) {
        INDArray s = apply(x);
        return s.mul(s.rsub(1.0));
    }

    /** {@code s * (dz - sum(dz * s))} row by row: {@code dz} times the full Jacobian. */
    @Override
    public INDArray backward(INDArray y, INDArray dz) {
        INDArray s = apply(y);
        return s.mul(dz.subColumnVector(dz.mul(s).sum(true, 1)));
    }

    @Override
    public String name() {
        return NAME;
    }
}
