package org.mymnist.exercises;

import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.mymnist.nn.Sigmoid;
import org.mymnist.nn.Softmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The matrices of the checks: an array's values as {@code double[][]}, comparisons to a tolerance,
 * the candidate formulas a diagnosis tries ({@link #map}, {@link #scale}, {@link #minus}), and the
 * fixtures the cases are built from (random matrices from fixed seeds, probabilities, one-hot rows).
 */
final class Matrices {

    private Matrices() {
    }

    /** The values of a matrix (a vector counts as one row), in double. */
    static double[][] m(INDArray a) {
        if (a == null) {
            return new double[0][0];
        }
        INDArray d = a.castTo(DataType.DOUBLE);
        if (d.rank() == 2) {
            return d.toDoubleMatrix();
        }
        return new double[][] {d.reshape(d.length()).toDoubleVector()};
    }

    /** The relative tolerance for arrays of this type. */
    static double tol(INDArray a) {
        return a.dataType() == DataType.FLOAT ? 1e-4 : 1e-9;
    }

    /** Same shape, and every value within {@code tol} (relative, with an absolute floor), NaN only equal to NaN. */
    static boolean close(double[][] a, double[][] b, double tol) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (a[i].length != b[i].length) {
                return false;
            }
            for (int j = 0; j < a[i].length; j++) {
                double x = a[i][j], y = b[i][j];
                if (Double.isNaN(x) || Double.isNaN(y)) {
                    if (!(Double.isNaN(x) && Double.isNaN(y))) {
                        return false;
                    }
                } else if (x != y && !(Math.abs(x - y) <= tol * Math.max(Math.abs(y), 1e-6))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether a result is a candidate formula's, to 1e-4: how a diagnosis recognises a mistake. */
    static boolean matches(double[][] got, double[][] candidate) {
        return close(got, candidate, 1e-4);
    }

    /** The row and column of the first value that differs beyond {@code tol}, or {@code {0, 0}}. */
    static int[] firstDifference(double[][] a, double[][] b, double tol) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            for (int j = 0; j < Math.min(a[i].length, b[i].length); j++) {
                if (!close(new double[][] {{a[i][j]}}, new double[][] {{b[i][j]}}, tol)) {
                    return new int[] {i, j};
                }
            }
        }
        return new int[] {0, 0};
    }

    /** {@code f} applied to every value. */
    static double[][] map(double[][] x, DoubleUnaryOperator f) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = Arrays.stream(x[i]).map(f).toArray();
        }
        return out;
    }

    /** Every value times {@code factor}. */
    static double[][] scale(double[][] x, double factor) {
        return map(x, v -> v * factor);
    }

    /** {@code a - b}, value by value (a missing value of {@code b} counts as 0). */
    static double[][] minus(double[][] a, double[][] b) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = new double[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                out[i][j] = a[i][j] - (j < b[i].length ? b[i][j] : 0);
            }
        }
        return out;
    }

    /** A rows x cols matrix of normal draws times {@code scale}, from a fixed seed. */
    static INDArray random(int rows, int cols, double scale, long seed, DataType type) {
        Random r = new Random(seed);
        double[][] v = new double[rows][cols];
        for (double[] row : v) {
            for (int j = 0; j < cols; j++) {
                row[j] = r.nextGaussian() * scale;
            }
        }
        return Nd4j.createFromArray(v).castTo(type);
    }

    /** Rows of outputs in (0, 1): a softmax of random sums, or independent values. */
    static INDArray probabilities(int rows, int cols, long seed, DataType type, boolean softmax) {
        INDArray sums = random(rows, cols, 2.0, seed, DataType.DOUBLE);
        INDArray p = softmax ? new Softmax().apply(sums) : new Sigmoid().apply(sums);
        return p.castTo(type);
    }

    /** Random one-hot rows. */
    static INDArray oneHot(int rows, int cols, long seed, DataType type) {
        Random r = new Random(seed);
        double[][] v = new double[rows][cols];
        for (double[] row : v) {
            row[r.nextInt(cols)] = 1;
        }
        return Nd4j.createFromArray(v).castTo(type);
    }

    /** A shape as text, e.g. {@code [2, 3]}. */
    static String shape(INDArray a) {
        return Arrays.toString(a.shape());
    }

    /** The rows and columns as text, e.g. {@code 2 x 3}. */
    static String dims(INDArray a) {
        return a.rows() + " x " + a.columns();
    }
}
