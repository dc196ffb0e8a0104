package org.mymnist.view;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A handwritten digit as a picture: each of the 28 x 28 gray pixels becomes a square of
 * {@code scale x scale} pixels (nearest neighbour, no smoothing, so the pixels stay visible),
 * white ink on black as {@code plt.imshow(X_test[2], cmap="gray")} shows it.
 */
public final class DigitImage {

    static {
        Headless.ensure();
    }

    /** Default magnification: 28 pixels become 224. */
    public static final int DEFAULT_SCALE = 8;

    private DigitImage() {
    }

    /**
     * A picture of gray levels 0 (black) to 255 (white).
     *
     * @param pixels rows of pixels, e.g. {@code MnistData.testPixels(2)}; values are clamped to 0..255
     * @return a picture {@value #DEFAULT_SCALE} times larger
     */
    public static BufferedImage of(int[][] pixels) {
        return of(pixels, DEFAULT_SCALE);
    }

    /**
     * A picture of gray levels 0 (black) to 255 (white).
     *
     * @param pixels rows of pixels, all of the same length; values are clamped to 0..255
     * @param scale the side in screen pixels of one image pixel, 1 to 64
     * @return a new gray picture
     */
    public static BufferedImage of(int[][] pixels, int scale) {
        if (scale < 1 || scale > 64) {
            throw new IllegalArgumentException("scale must be between 1 and 64, got " + scale);
        }
        int rows = pixels.length;
        int cols = rows == 0 ? 0 : pixels[0].length;
        if (rows == 0 || cols == 0) {
            throw new IllegalArgumentException("no pixels");
        }
        BufferedImage image = new BufferedImage(cols * scale, rows * scale, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = image.getRaster();
        int[] block = new int[scale * scale];
        for (int r = 0; r < rows; r++) {
            if (pixels[r].length != cols) {
                throw new IllegalArgumentException("row " + r + " has " + pixels[r].length
                        + " pixels, row 0 has " + cols);
            }
            for (int c = 0; c < cols; c++) {
                java.util.Arrays.fill(block, Math.max(0, Math.min(255, pixels[r][c])));
                raster.setPixels(c * scale, r * scale, scale, scale, block);
            }
        }
        return image;
    }

    /**
     * A picture of one example as the network sees it: {@code side x side} values in [0, 1].
     *
     * @param example a vector (or one row) of {@code side * side} values in [0, 1], e.g.
     *                {@code data.testImages().getRow(2)}
     * @param scale the side in screen pixels of one image pixel, 1 to 64
     * @return a new gray picture
     */
    public static BufferedImage of(INDArray example, int scale) {
        double[] values = example.dup().reshape(example.length()).toDoubleVector();
        return of(values, scale);
    }

    /**
     * A picture of one example as the network sees it, {@value #DEFAULT_SCALE} times larger.
     *
     * @param example a vector (or one row) of 784 values in [0, 1]
     * @return a new gray picture
     */
    public static BufferedImage of(INDArray example) {
        return of(example, DEFAULT_SCALE);
    }

    /**
     * A picture of a square image given as one vector of values in [0, 1].
     *
     * @param values {@code side * side} values in [0, 1], row after row
     * @param scale the side in screen pixels of one image pixel, 1 to 64
     * @return a new gray picture
     */
    public static BufferedImage of(double[] values, int scale) {
        int side = (int) Math.round(Math.sqrt(values.length));
        if (side * side != values.length || side == 0) {
            throw new IllegalArgumentException("expected a square number of values (784 for 28 x 28), got "
                    + values.length);
        }
        int[][] pixels = new int[side][side];
        for (int i = 0; i < values.length; i++) {
            pixels[i / side][i % side] = (int) Math.round(values[i] * 255);
        }
        return of(pixels, scale);
    }
}
