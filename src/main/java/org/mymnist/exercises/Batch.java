package org.mymnist.exercises;

import static org.mymnist.exercises.Matrices.oneHot;
import static org.mymnist.exercises.Matrices.probabilities;

import java.util.List;
import org.mymnist.nn.Softmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One case of a check on a batch: predictions, one row per example, and their one-hot targets.
 *
 * @param predicted the outputs, rows in (0, 1)
 * @param target one-hot rows, as many as {@code predicted}
 */
record Batch(INDArray predicted, INDArray target) {

    /**
     * The batches of the loss checks: fixed, random, one row, float32.
     *
     * @param softmax whether the predictions are softmax outputs (rows summing to 1), else independent values
     * @return the four batches
     */
    static List<Batch> lossBatches(boolean softmax) {
        INDArray fixed = Nd4j.createFromArray(new double[][] {{0.1, 0.7, 0.2}, {0.5, 0.25, 0.25}});
        return List.of(
                new Batch(softmax ? new Softmax().apply(fixed) : fixed,
                        Nd4j.createFromArray(new double[][] {{0, 1, 0}, {1, 0, 0}})),
                new Batch(probabilities(5, 10, 3, DataType.DOUBLE, softmax), oneHot(5, 10, 4, DataType.DOUBLE)),
                new Batch(probabilities(1, 10, 5, DataType.DOUBLE, softmax), oneHot(1, 10, 6, DataType.DOUBLE)),
                new Batch(probabilities(4, 10, 7, DataType.FLOAT, softmax), oneHot(4, 10, 8, DataType.FLOAT)));
    }
}
