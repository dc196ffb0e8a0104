package org.mymnist.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.ThresholdReluBp;
import org.nd4j.linalg.factory.Nd4j;

/** The rectifier {@code max(0, x)}: cheap, and its gradient does not fade for large sums. */
public final class Relu implements Activation {

    /** The name in model files: {@value}. */
    public static final String NAME = "relu";

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
        Nd4j.exec(new RectifiedLinear(x, out, 0.0));
    }

    /** Writes 1 where {@code x > 0} and 0 elsewhere. */
    @Override
    public void derivative(INDArray x, INDArray out) {
        out.assign(1.0);
        backward(x, out, out);
    }

    /**
     * {@code out = gradient * (x > 0)} in one operation: the gradient through the rectifier.
     *
     * @param x the sums the rectifier was applied to
     * @param gradient the gradient with respect to the rectifier's outputs
     * @param out where to write (may be {@code gradient})
     */
    public static void backward(INDArray x, INDArray gradient, INDArray out) {
        Nd4j.exec(new ThresholdReluBp(x, gradient, out, 0.0));
    }

    @Override
    public String name() {
        return NAME;
    }
}
