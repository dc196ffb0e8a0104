package org.mymnist.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MiniBatchesTest {

    @Test
    void permutationIsSeededAndAPermutation() {
        int[] a = MiniBatches.permutation(1000, new Random(5));
        int[] b = MiniBatches.permutation(1000, new Random(5));
        int[] c = MiniBatches.permutation(1000, new Random(6));
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] -= i;
        }
        assertArrayEquals(new int[1000], sorted);
        int[] identity = new int[1000];
        Arrays.setAll(identity, i -> i);
        assertFalse(Arrays.equals(identity, a));
    }

    @Test
    void stridedIsTheNotebooksSlice() {
        // n = 10, batch 3: step 3, input_data[::3] = rows 0, 3, 6, 9
        assertArrayEquals(new int[] {0, 3, 6, 9}, MiniBatches.strided(10, 3));
        assertArrayEquals(new int[] {0, 1, 2}, MiniBatches.strided(3, 3));
        assertArrayEquals(new int[] {0}, MiniBatches.strided(7, 1));
    }

    @Test
    void gatherCopiesRowsAndLeavesExtraColumns() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray source = Nd4j.arange(12).castTo(type).reshape(4, 3);
            INDArray into = Nd4j.ones(type, 2, 4);
            MiniBatches.gather(source, new int[] {0, 3, 1, 0}, 1, 2, into);
            assertArrayEquals(new double[] {9, 10, 11, 1}, into.getRow(0).toDoubleVector());
            assertArrayEquals(new double[] {3, 4, 5, 1}, into.getRow(1).toDoubleVector());
        }
    }
}
