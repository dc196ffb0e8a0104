package org.mymnist.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Which examples make each mini-batch: a seeded permutation, or every example in order. */
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
    void inOrderIsEveryExampleInOrder() {
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, MiniBatches.inOrder(5));
        assertArrayEquals(new int[0], MiniBatches.inOrder(0));
    }
}
