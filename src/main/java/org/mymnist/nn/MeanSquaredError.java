package org.mymnist.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Mean squared error, the notebook's {@code mse}: the mean of {@code (p - t)^2} over every
 * element, with derivative {@code 2 (p - t)}. (The notebook notes that cross-entropy would be
 * better suited to a softmax output.)
 */
public final class MeanSquaredError implements Loss {

    /** The name in model files: {@value}. */
    public static final String NAME = "mse";

    @Override
    public double value(INDArray predicted, INDArray target) {
        try (INDArray diff = predicted.sub(target)) {
            diff.muli(diff);
            return diff.meanNumber().doubleValue();
        }
    }

    @Override
    public INDArray derivative(INDArray predicted, INDArray target) {
        return predicted.sub(target).muli(2.0);
    }

    @Override
    public String name() {
        return NAME;
    }
}
