package org.mymnist.random;

/**
 * numpy's legacy random generator ({@code np.random.seed}, {@code np.random.randn}), bit for bit.
 *
 * <p>It is MT19937 seeded with {@code init_genrand(seed)}. A double is built from two 32-bit
 * outputs {@code a, b} as {@code ((a >>> 5) * 67108864 + (b >>> 6)) / 2^53}. {@code randn} uses the
 * polar method and keeps the second normal of each pair for the next call, exactly as numpy does,
 * so {@code new NumpyRandomState(2).randn(784, 32)} gives the weights of the original notebook.
 */
public final class NumpyRandomState {

    private static final int N = 624;
    private static final int M = 397;

    private final int[] mt = new int[N];
    private int index;
    private boolean hasGauss;
    private double gauss;

    /**
     * Seeds the generator as {@code np.random.seed(seed)} does.
     *
     * @param seed a seed in [0, 2^32); numpy refuses negative seeds, so does this class
     */
    public NumpyRandomState(long seed) {
        if (seed < 0 || seed > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("seed must be between 0 and 2^32 - 1, got " + seed);
        }
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
    }

    /** The next 32-bit output of MT19937 (numpy's {@code genrand_int32}). */
    public int nextInt32() {
        if (index >= N) {
            twist();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    /** A uniform double in [0, 1) with 53 random bits ({@code np.random.random_sample()}). */
    public double nextDouble() {
        long a = (nextInt32() & 0xFFFFFFFFL) >>> 5;
        long b = (nextInt32() & 0xFFFFFFFFL) >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /** One standard normal draw, by numpy's legacy polar method ({@code legacy_gauss}). */
    private double nextGaussian() {
        if (hasGauss) {
            hasGauss = false;
            return gauss;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * nextDouble() - 1.0;
            x2 = 2.0 * nextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.sqrt(-2.0 * StrictMath.log(r2) / r2);
        gauss = f * x1;
        hasGauss = true;
        return f * x2;
    }

    /**
     * A {@code rows x cols} matrix of standard normal draws, filled row by row, as
     * {@code np.random.randn(rows, cols)}.
     *
     * @param rows number of rows
     * @param cols number of columns
     * @return a new matrix
     */
    public double[][] randn(int rows, int cols) {
        double[][] out = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r][c] = nextGaussian();
            }
        }
        return out;
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
            int next = mt[(i + M) % N] ^ (y >>> 1);
            if ((y & 1) != 0) {
                next ^= 0x9908b0df;
            }
            mt[i] = next;
        }
        index = 0;
    }
}
