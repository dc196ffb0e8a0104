package org.mymnist.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The identity, {@code lineaire} in the notebook: the layer's output is its weighted sum. */
public final class Identity implements Activation {

    /** The name in model files: {@value}. */
    public static final String NAME = "identity";

    /** {@code x}, copied. */
    @Override
    public INDArray apply(INDArray x) {
        return x.dup();
    }

    /** 1 everywhere. */
    @Override
    public INDArray derivative(INDArray x) {
        return x.ulike().assign(1.0);
    }

    @Override
    public String name() {
        return NAME;
    }
}
