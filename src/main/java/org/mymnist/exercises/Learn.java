package org.mymnist.exercises;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The student's backward pass of a layer, the seed's {@code Layer.learn(self, e_2)}. */
@FunctionalInterface
public interface Learn {

    /**
     * Updates {@code self.weight} in place by the seed's rule and returns the error for the layer before.
     *
     * @param self the layer, after a {@link Calculate}
     * @param e_2 the error on this layer's output, one row per example
     * @return {@code e_0}, the error for the layer before
     */
    INDArray learn(StudentLayer self, INDArray e_2);
}
