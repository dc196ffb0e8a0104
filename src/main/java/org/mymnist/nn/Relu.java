package org.mymnist.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The rectifier {@code max(0, x)}: cheap, and its gradient does not fade for large sums. */
public final class Relu implements Activation {

    /** The name in model files: {@value}. */
    public static final String NAME = "relu";

    /** {@code max(0, x)}. */
    @Override
    public INDArray apply(INDArray x) {
        return Transforms.relu(x, true);
    }

    /** 1 where {@code x > 0}, 0 elsewhere. */
    @Override
    public INDArray derivative(INDArray x) {
        return x.gt(0).castTo(x.dataType());
    }

    @Override
    public String name() {
        return NAME;
    }
}
