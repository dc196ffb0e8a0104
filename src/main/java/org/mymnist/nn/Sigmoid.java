package org.mymnist.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

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
        return Transforms.sigmoid(x, true);
    }

    @Override
    public INDArray derivative(INDArray x) {
        INDArray s = Transforms.sigmoid(x, true);
        INDArray oneMinusS = s.rsub(1.0);
        s.muli(oneMinusS);
        oneMinusS.close();
        return s;
    }

    @Override
    public String name() {
        return NAME;
    }
}
