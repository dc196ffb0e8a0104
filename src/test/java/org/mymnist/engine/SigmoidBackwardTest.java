package org.mymnist.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mymnist.nn.Sigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** {@link SigmoidBackward} multiplies an error by the sigmoid's derivative, read from the sigmoid's outputs. */
class SigmoidBackwardTest {

    @Test
    void errorTimesTheTeachingDerivativeFromOutputsInAViewWithARowOfOnes() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray sums = Nd4j.create(new double[][] {{-3, -0.5, 0}, {0.25, 2, 7}}).castTo(type);
            // The engine's layout: the outputs, then a row of ones for the next layer's bias.
            INDArray activations = Nd4j.ones(type, 3, 3);
            INDArray outputs = activations.get(NDArrayIndex.interval(0, 2), NDArrayIndex.all());
            outputs.assign(new Sigmoid().apply(sums));
            INDArray error = Nd4j.create(new double[][] {{1, -2, 0.5}, {3, -1, 4}}).castTo(type);
            INDArray expected = error.mul(new Sigmoid().derivative(sums));

            new SigmoidBackward(outputs, error).run();

            double tolerance = type == DataType.FLOAT ? 1e-6 : 1e-15;
            assertArrayEquals(expected.reshape(6).toDoubleVector(), error.reshape(6).toDoubleVector(), tolerance,
                    type.toString());
            // The outputs and the row of ones are left as they were.
            assertArrayEquals(new double[] {1, 1, 1}, activations.getRow(2).toDoubleVector(), type.toString());
        }
    }

    @Test
    void refusesArraysOfTwoShapesAndSaysWhichItGot() {
        INDArray outputs = Nd4j.zeros(DataType.FLOAT, 2, 3);
        INDArray error = Nd4j.zeros(DataType.FLOAT, 3, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SigmoidBackward(outputs, error));
        assertTrue(e.getMessage().contains("one shape and type") && e.getMessage().contains("[2,3]"),
                e.getMessage());
    }
}
