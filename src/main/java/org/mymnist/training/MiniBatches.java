package org.mymnist.training;

import java.util.Random;

/**
 * Which examples make each mini-batch.
 *
 * <p>The notebook's loop takes {@code input_data[::step]} at every step: the same examples again
 * and again ({@link org.mymnist.nn.Model#backpropagation}). Shuffled mini-batches take a new random
 * order of all the examples at every epoch, seeded so that a run can be repeated, and cut it into
 * consecutive batches; without shuffling, the batches are the examples in order.
 */
public final class MiniBatches {

    private MiniBatches() {
    }

    /**
     * A random order of {@code 0 .. n-1} (Fisher-Yates shuffle).
     *
     * @param n number of examples
     * @param random the generator, seeded by the caller
     * @return a permutation of {@code 0 .. n-1}
     */
    public static int[] permutation(int n, Random random) {
        int[] order = inOrder(n);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    /**
     * The examples in order, {@code 0 .. n-1}: batches without shuffling.
     *
     * @param n number of examples
     * @return {@code 0, 1, ..., n-1}
     */
    public static int[] inOrder(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }
}
