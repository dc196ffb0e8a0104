package org.mymnist.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Mean squared error, the notebook's {@code mse}: the mean of {@code (p - t)^2} over every output
 * of every example, with derivative {@code 2 (p - t)}. (The notebook notes that cross-entropy
 * would be better suited to a softmax output.)
 */
public final class MeanSquaredError implements Loss {

    /** The name in model files: {@value}. */
    public static final String NAME = "mse";

    /** {@code ((p - t) ** 2).mean()}. */
    @Override
    public double value(INDArray predicted, INDArray target) {
        return Transforms.pow(predicted.sub(target), 2, false).meanNumber().doubleValue();
    }

    /** {@code (p - t) * 2}. */
    @Override
    public INDArray derivative(INDArray predicted, INDArray target) {
        return predicted.sub(target).muli(2);
    }

    /** One term per output: rows x columns. */
    @Override
    public long count(INDArray predicted) {
        return predicted.length();
    }

    @Override
    public String name() {
        return NAME;
    }
}
