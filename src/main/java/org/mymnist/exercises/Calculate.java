package org.mymnist.exercises;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The student's forward pass of a layer, the seed's {@code Layer.calculate(self, input_data)}. */
@FunctionalInterface
public interface Calculate {

    /**
     * Computes the layer's output and remembers what {@link Learn} needs.
     *
     * @param self the layer: sets {@code self.inputData} and {@code self.predictedOutput_}
     * @param inputData one row per example, {@code self.inputN} columns
     * @return {@code z1 = self.activation(inputData . self.weight)}
     */
    INDArray calculate(StudentLayer self, INDArray inputData);
}
