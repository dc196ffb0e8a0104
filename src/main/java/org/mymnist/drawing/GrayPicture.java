package org.mymnist.drawing;

import java.util.Arrays;

/**
 * A gray picture: {@code width x height} values in [0, 1], row after row, 0 for the background and
 * 1 for full ink (white on black, as MNIST's digits are).
 *
 * @param width the number of columns, at least 1
 * @param height the number of rows, at least 1
 * @param values {@code width * height} values, row after row (not copied: do not change them)
 */
public record GrayPicture(int width, int height, double[] values) {

    /** Checks the sizes. */
    public GrayPicture {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("a picture needs at least one pixel, got " + width + " x " + height);
        }
        if (values.length != width * height) {
            throw new IllegalArgumentException("a " + width + " x " + height + " picture holds " + width * height
                    + " values, got " + values.length);
        }
    }

    /**
     * A picture from gray levels 0 to 255, as a canvas gives them (each level divided by 255).
     *
     * @param width the number of columns
     * @param height the number of rows
     * @param levels {@code width * height} levels, row after row, each 0 to 255
     * @return the picture
     */
    public static GrayPicture ofLevels(int width, int height, int[] levels) {
        double[] values = new double[levels.length];
        for (int i = 0; i < levels.length; i++) {
            if (levels[i] < 0 || levels[i] > 255) {
                throw new IllegalArgumentException("level " + i + " is " + levels[i] + ", not 0 to 255");
            }
            values[i] = levels[i] / 255.0;
        }
        return new GrayPicture(width, height, values);
    }

    /** The value at column {@code x} of row {@code y}. */
    public double at(int x, int y) {
        return values[y * width + x];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GrayPicture p && p.width == width && p.height == height
                && Arrays.equals(p.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "GrayPicture(" + width + " x " + height + ")";
    }
}
