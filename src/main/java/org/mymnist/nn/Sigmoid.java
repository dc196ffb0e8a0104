package org.mymnist.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.SigmoidDerivative;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The logistic function {@code s(x) = 1 / (1 + exp(-x))}, squashing any sum into (0, 1).
 *
 * <p>Its derivative is written {@code exp(-x) / (1 + exp(-x))^2} in the notebook; this class
 * computes the same value as {@code s(x) * (1 - s(x))}, which does not overflow for large
 * negative {@code x}.
 */
public final class Sigmoid implements Activation {

    /** The name in model files: {@value}. */
    public static final String NAME = "sigmoid";

    @Override
    public INDArray apply(INDArray x) {
        INDArray out = x.ulike();
        apply(x, out);
        return out;
    }

    @Override
    public INDArray derivative(INDArray x) {
        INDArray out = x.ulike();
        derivative(x, out);
        return out;
    }

    @Override
    public void apply(INDArray x, INDArray out) {
        Nd4j.exec(new org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid(x, out));
    }

    @Override
    public void derivative(INDArray x, INDArray out) {
        Nd4j.exec(new SigmoidDerivative(x, out));
    }

    @Override
    public String name() {
        return NAME;
    }
}
