package org.mymnist.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Softmax over each row: {@code exp(x_i - max x) / sum_j exp(x_j - max x)}, turning ten scores
 * into ten probabilities that add up to 1.
 *
 * <p>The derivative is the one the original notebook uses, {@code s * (1 - s)} element by element:
 * only the diagonal of softmax's Jacobian. It is part of why the seed's network learns slowly;
 * cross-entropy avoids it.
 */
public final class Softmax implements Activation {

    /** The name in model files: {@value}. */
    public static final String NAME = "softmax";

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
        Nd4j.exec(new SoftMax(x, out, -1));
    }

    @Override
    public void derivative(INDArray x, INDArray out) {
        apply(x, out);
        try (INDArray oneMinusS = out.rsub(1.0)) {
            out.muli(oneMinusS);
        }
    }

    @Override
    public String name() {
        return NAME;
    }
}
