package org.mymnist.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link Rows#gather} copies the chosen rows of a batch into the engine's arrays. */
class RowsTest {

    @Test
    void gatherCopiesRowsAndLeavesExtraColumns() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray source = Nd4j.arange(12).castTo(type).reshape(4, 3);
            INDArray into = Nd4j.ones(type, 3, 4);
            Rows.gather(source, new int[] {0, 3, 1, 0}, 1, 2, into);
            assertArrayEquals(new double[] {9, 10, 11, 1}, into.getRow(0).toDoubleVector());
            assertArrayEquals(new double[] {3, 4, 5, 1}, into.getRow(1).toDoubleVector());
            // Rows past count are left as they were.
            assertArrayEquals(new double[] {1, 1, 1, 1}, into.getRow(2).toDoubleVector());
        }
    }

    @Test
    void gatherRefusesMatricesOfTwoTypes() {
        INDArray source = Nd4j.zeros(DataType.FLOAT, 2, 3);
        INDArray into = Nd4j.zeros(DataType.DOUBLE, 2, 3);
        String e = assertThrows(IllegalArgumentException.class,
                () -> Rows.gather(source, new int[] {0, 1}, 0, 2, into)).getMessage();
        assertTrue(e.startsWith("gather needs two matrices of one type with contiguous rows, got ")
                && e.contains("FLOAT") && e.contains("DOUBLE"), e);
    }
}
