package org.mymnist.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The logistic function {@code s(x) = 1 / (1 + exp(-x))}, squashing any sum into (0, 1).
 *
 * <p>The notebook writes its derivative {@code exp(-x) / (1 + exp(-x))^2}; this class computes the
 * same value as {@code s(x) * (1 - s(x))}, which stays finite for large negative {@code x} (where
 * {@code exp(-x)} overflows and the notebook's quotient becomes {@code inf / inf}).
 */
public final class Sigmoid implements Activation {

    /** The name in model files: {@value}. */
    public static final String NAME = "sigmoid";

    /** {@code 1 / (1 + exp(-x))}: the exponential of {@code -x}, plus 1, then 1 divided by it. */
    @Override
    public INDArray apply(INDArray x) {
        return Transforms.exp(x.neg()).addi(1.0).rdivi(1.0);
    }

    /** {@code s(x) * (1 - s(x))}. */
    @Override
    public INDArray derivative(INDArray x) {
        INDArray s = apply(x);
        return s.mul(s.rsub(1.0));
    }

    @Override
    public String name() {
        return NAME;
    }
}
