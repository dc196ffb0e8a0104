package org.mymnist.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NumpyRandomStateTest {

    @Test
    void firstWeightsOfTheNotebookMatchNumpy() {
        // np.random.seed(2); np.random.randn(784, 32)[0, :3]
        double[][] w = new NumpyRandomState(2).randn(784, 32);
        assertEquals(-0.41675785, w[0][0], 5e-9);
        assertEquals(-0.05626683, w[0][1], 5e-9);
        assertEquals(-2.1361961, w[0][2], 5e-8);
    }

    @Test
    void uniformDoublesMatchNumpy() {
        // np.random.seed(0); np.random.random_sample(2) -> 0.5488135039273248, 0.7151893663724195
        NumpyRandomState random = new NumpyRandomState(0);
        assertEquals(0.5488135039273248, random.nextDouble(), 0.0);
        assertEquals(0.7151893663724195, random.nextDouble(), 0.0);
    }

    @Test
    void firstOutputOfMt19937SeededWith5489() {
        // The reference implementation's first output for init_genrand(5489) is 3499211612.
        assertEquals(3499211612L, new NumpyRandomState(5489).nextInt32() & 0xFFFFFFFFL);
    }

    @Test
    void negativeSeedIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NumpyRandomState(-1));
        assertEquals("seed must be between 0 and 2^32 - 1, got -1", e.getMessage());
    }
}
