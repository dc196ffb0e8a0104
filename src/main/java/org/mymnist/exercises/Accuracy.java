package org.mymnist.exercises;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The student's accuracy, the heart of the seed's {@code compute_accuracy}. */
@FunctionalInterface
public interface Accuracy {

    /**
     * The share of rows whose largest output is where the target's 1 is.
     *
     * @param predicted the model's outputs, one row per example
     * @param target one-hot targets, same shape
     * @return a share in [0, 1]
     */
    double accuracy(INDArray predicted, INDArray target);
}
