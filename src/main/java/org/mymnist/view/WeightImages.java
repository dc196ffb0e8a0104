package org.mymnist.view;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The weights of a first layer as pictures: column {@code j} of {@code W} (784 x n) holds the 784
 * weights of hidden neuron {@code j}, one per pixel, so it can be drawn as a 28 x 28 image. Red is
 * a positive weight (ink there excites the neuron), blue a negative one, white zero; each neuron
 * is scaled to its own largest weight.
 *
 * <pre>{@code
 * display(WeightImages.of(model.layers().get(0).weight(), 32, 8, Language.FRENCH));
 * }</pre>
 */
public final class WeightImages {

    /** Magnification of each 28 x 28 picture. */
    public static final int SCALE = 3;
    /** Width and height of one tile (picture and caption) in pixels. */
    public static final int TILE_WIDTH = 28 * SCALE + 12;
    /** Height of one tile in pixels. */
    public static final int TILE_HEIGHT = 28 * SCALE + 22;
    static final int TITLE = 36;
    static final Color POSITIVE = new Color(0xB2, 0x18, 0x2B);
    static final Color NEGATIVE = new Color(0x21, 0x66, 0xAC);

    private WeightImages() {
    }

    /**
     * Draws the first {@code count} columns of {@code weights}.
     *
     * @param weights the first layer's weights, 784 rows (one per pixel), a column per neuron
     * @param count how many neurons to draw (at most the number of columns), at least 1
     * @param columns pictures per row of the grid, at least 1
     * @param language the language of the title and captions
     * @return a new picture
     */
    public static BufferedImage of(INDArray weights, int count, int columns, Language language) {
        if (weights.rank() != 2 || weights.rows() != 784) {
            throw new IllegalArgumentException("expected 784 rows (one per pixel), got shape "
                    + java.util.Arrays.toString(weights.shape()));
        }
        if (count < 1 || columns < 1) {
            throw new IllegalArgumentException("count and columns must be at least 1, got " + count + " and " + columns);
        }
        int shown = Math.min(count, weights.columns());
        int cols = Math.min(columns, shown);
        int rows = (shown + cols - 1) / cols;
        int width = Math.max(cols * TILE_WIDTH, 560);
        Canvas c = new Canvas(width, TITLE + rows * TILE_HEIGHT + 24);
        c.centred(language.text("weights.title", shown, weights.columns()),
                Canvas.BASE.deriveFont(Font.BOLD, 16f), Color.BLACK, width / 2.0, TITLE / 2.0);
        Font caption = Canvas.BASE.deriveFont(12f);
        int left = (width - cols * TILE_WIDTH) / 2;
        for (int j = 0; j < shown; j++) {
            double[] w = weights.getColumn(j).dup().toDoubleVector();
            int x = left + (j % cols) * TILE_WIDTH + (TILE_WIDTH - 28 * SCALE) / 2;
            int y = TITLE + (j / cols) * TILE_HEIGHT;
            c.g.drawImage(picture(w), x, y, null);
            c.g.setColor(Color.LIGHT_GRAY);
            c.g.drawRect(x - 1, y - 1, 28 * SCALE + 1, 28 * SCALE + 1);
            c.centred("" + j, caption, Color.DARK_GRAY, x + 14 * SCALE, y + 28 * SCALE + 10);
        }
        c.centred(language.text("weights.legend"), Canvas.BASE.deriveFont(13f),
                Color.DARK_GRAY, width / 2.0, TITLE + rows * TILE_HEIGHT + 10);
        return c.done();
    }

    /** One neuron's 784 weights as a 28 x 28 picture, {@link #SCALE} times larger. */
    static BufferedImage picture(double[] w) {
        double max = 0;
        for (double v : w) {
            max = Math.max(max, Math.abs(v));
        }
        BufferedImage image = new BufferedImage(28 * SCALE, 28 * SCALE, BufferedImage.TYPE_INT_RGB);
        for (int p = 0; p < 784; p++) {
            double v = max == 0 ? 0 : w[p] / max;
            int rgb = Canvas.shade(v >= 0 ? POSITIVE : NEGATIVE, Math.abs(v)).getRGB();
            int px = (p % 28) * SCALE;
            int py = (p / 28) * SCALE;
            for (int dy = 0; dy < SCALE; dy++) {
                for (int dx = 0; dx < SCALE; dx++) {
                    image.setRGB(px + dx, py + dy, rgb);
                }
            }
        }
        return image;
    }
}
