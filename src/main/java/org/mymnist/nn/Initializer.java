package org.mymnist.nn;

import org.mymnist.random.NumpyRandomState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How a layer's first weights are drawn: each is {@code np.random.randn() * scale}, the scale
 * depending on the layer's size. With the notebook's plain N(0, 1) draw, 784 inputs give sums of
 * standard deviation about 28 and the sigmoids start saturated; the scaled draws keep sums near 1.
 */
public enum Initializer {

    /** The notebook's {@code np.random.randn(input_n, output_n)}: scale 1. */
    NORMAL("normal"),
    /** Xavier (Glorot) normal: scale {@code sqrt(2 / (input_n + output_n))}, for sigmoid layers. */
    XAVIER("xavier"),
    /** He normal: scale {@code sqrt(2 / input_n)}, for ReLU layers. */
    HE("he"),
    /**
     * PyTorch's default for {@code Linear} and {@code Conv2d}: He (Kaiming) with the gain of a
     * leaky ReLU of slope {@code sqrt(5)}, scale {@code sqrt(1 / (3 input_n))}, 2.45 times smaller
     * than {@link #HE} (PyTorch draws it uniform, here normal of the same variance). The cnn
     * recipe uses {@link #HE}; with this scale and the same learning rate drop the LeNet-shaped
     * network also passes 99 % in three epochs ({@code docs/performance.md}).
     */
    PYTORCH("pytorch");

    private final String label;

    Initializer(String label) {
        this.label = label;
    }

    /** The name on the command line: {@code normal}, {@code xavier}, {@code he} or {@code pytorch}. */
    public String label() {
        return label;
    }

    /**
     * The standard deviation of the weights of a layer of this size.
     *
     * @param inputN inputs of each neuron
     * @param outputN neurons
     * @return the scale applied to N(0, 1) draws
     */
    public double scale(int inputN, int outputN) {
        switch (this) {
            case XAVIER:
                return Math.sqrt(2.0 / (inputN + outputN));
            case HE:
                return Math.sqrt(2.0 / inputN);
            case PYTORCH:
                return Math.sqrt(1.0 / (3.0 * inputN));
            default:
                return 1.0;
        }
    }

    /**
     * Draws an {@code inputN x outputN} weight matrix, continuing {@code random} as
     * {@code np.random.randn(inputN, outputN) * scale} would.
     *
     * @param inputN inputs
     * @param outputN neurons
     * @param type DOUBLE or FLOAT (drawn in double precision, then converted)
     * @param random numpy's generator, already seeded
     * @return a new matrix
     */
    public INDArray weights(int inputN, int outputN, DataType type, NumpyRandomState random) {
        double[][] values = random.randn(inputN, outputN);
        double scale = scale(inputN, outputN);
        if (scale != 1.0) {
            for (double[] row : values) {
                for (int j = 0; j < row.length; j++) {
                    row[j] *= scale;
                }
            }
        }
        try (INDArray drawn = Nd4j.createFromArray(values)) {
            return drawn.castTo(type).dup('c');
        }
    }

    /**
     * Draws the filters of a convolution, {@code filters x channels x size x size}, continuing
     * {@code random} as {@code np.random.randn(filters, channels, size, size) * scale} would, with
     * {@code fan_in = channels * size * size} inputs per output and {@code fan_out =
     * filters * size * size} (He: {@code sqrt(2 / fan_in)}).
     *
     * @param filters number of filters
     * @param channels input channels
     * @param size the filters' side
     * @param type DOUBLE or FLOAT
     * @param random numpy's generator, already seeded
     * @return a new array
     */
    public INDArray filters(int filters, int channels, int size, DataType type, NumpyRandomState random) {
        int fanIn = channels * size * size;
        double[][] values = random.randn(filters, fanIn);
        double scale = scale(fanIn, filters * size * size);
        for (double[] row : values) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= scale;
            }
        }
        try (INDArray drawn = Nd4j.createFromArray(values)) {
            return drawn.castTo(type).reshape(filters, channels, size, size).dup('c');
        }
    }

    /**
     * The initializer with the given {@link #label()}.
     *
     * @param label {@code normal}, {@code xavier}, {@code he} or {@code pytorch}
     * @return the initializer
     * @throws IllegalArgumentException for any other label
     */
    public static Initializer named(String label) {
        for (Initializer i : values()) {
            if (i.label.equals(label)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown initializer '" + label
                + "': expected normal, xavier, he or pytorch");
    }
}
