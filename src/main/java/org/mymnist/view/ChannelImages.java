package org.mymnist.view;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Pictures of what a convolutional network holds, channel by channel: the filters of a
 * convolution (red positive, blue negative, as {@link WeightImages}), and the feature maps one
 * image gives after a stage (black where a map is large, white at zero).
 *
 * <pre>{@code
 * display(ChannelImages.filters(((Convolution) model.features().get(1)).weight(), 10, Language.FRENCH));
 * display(ChannelImages.maps(afterStage, "after the first convolution", 10));
 * }</pre>
 */
public final class ChannelImages {

    private static final int TITLE = 36;
    private static final int GAP = 8;

    private ChannelImages() {
    }

    /**
     * The filters of a convolution, their first input channel each, as small squares.
     *
     * @param weight {@code filters x channels x size x size}
     * @param columns squares per row, at least 1
     * @param language the language of the title
     * @return a new picture
     */
    public static BufferedImage filters(INDArray weight, int columns, Language language) {
        if (weight.rank() != 4) {
            throw new IllegalArgumentException("expected filters x channels x size x size, got "
                    + Arrays.toString(weight.shape()));
        }
        int count = (int) weight.size(0);
        int side = (int) weight.size(2);
        int scale = Math.max(2, 72 / side);
        double[][] tiles = new double[count][];
        for (int f = 0; f < count; f++) {
            tiles[f] = weight.get(org.nd4j.linalg.indexing.NDArrayIndex.point(f),
                    org.nd4j.linalg.indexing.NDArrayIndex.point(0)).dup().reshape(side * side).toDoubleVector();
        }
        String title = language.text("filters.title", count, side);
        String legend = language.text("weights.legend");
        return grid(tiles, side, side, scale, columns, title, legend, true);
    }

    /**
     * The feature maps of one example after a stage, each as a grey square.
     *
     * @param maps {@code channels x height x width} (or {@code 1 x channels x height x width})
     * @param title the picture's title
     * @param columns squares per row, at least 1
     * @return a new picture
     */
    public static BufferedImage maps(INDArray maps, String title, int columns) {
        INDArray m = maps.rank() == 4 ? maps.reshape(maps.size(1), maps.size(2), maps.size(3)) : maps;
        if (m.rank() != 3) {
            throw new IllegalArgumentException("expected channels x height x width, got " + Arrays.toString(maps.shape()));
        }
        int count = (int) m.size(0);
        int h = (int) m.size(1);
        int w = (int) m.size(2);
        double[][] tiles = new double[count][];
        for (int c = 0; c < count; c++) {
            tiles[c] = m.get(org.nd4j.linalg.indexing.NDArrayIndex.point(c)).dup().reshape((long) h * w).toDoubleVector();
        }
        return grid(tiles, h, w, Math.max(2, 72 / Math.max(h, w)), columns, title, null, false);
    }

    private static BufferedImage grid(double[][] tiles, int h, int w, int scale, int columns, String title,
                                      String legend, boolean diverging) {
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be at least 1, got " + columns);
        }
        int cols = Math.min(columns, tiles.length);
        int rows = (tiles.length + cols - 1) / cols;
        int tileW = w * scale + GAP;
        int tileH = h * scale + GAP + 14;
        int width = Math.max(cols * tileW + GAP, 480);
        int height = TITLE + rows * tileH + (legend == null ? 8 : 28);
        Canvas c = new Canvas(width, height);
        c.centred(title, Canvas.BASE.deriveFont(Font.BOLD, 16f), Color.BLACK, width / 2.0, TITLE / 2.0);
        Font caption = Canvas.BASE.deriveFont(11f);
        int left = (width - cols * tileW) / 2 + GAP / 2;
        for (int t = 0; t < tiles.length; t++) {
            int x = left + (t % cols) * tileW;
            int y = TITLE + (t / cols) * tileH;
            c.g.drawImage(tile(tiles[t], h, w, scale, diverging), x, y, null);
            c.g.setColor(Color.LIGHT_GRAY);
            c.g.drawRect(x - 1, y - 1, w * scale + 1, h * scale + 1);
            c.centred("" + t, caption, Color.DARK_GRAY, x + w * scale / 2.0, y + h * scale + 9);
        }
        if (legend != null) {
            c.centred(legend, Canvas.BASE.deriveFont(13f), Color.DARK_GRAY, width / 2.0, height - 14);
        }
        return c.done();
    }

    private static BufferedImage tile(double[] v, int h, int w, int scale, boolean diverging) {
        double max = 0;
        for (double x : v) {
            max = Math.max(max, Math.abs(x));
        }
        BufferedImage image = new BufferedImage(w * scale, h * scale, BufferedImage.TYPE_INT_RGB);
        for (int p = 0; p < v.length; p++) {
            double a = max == 0 ? 0 : v[p] / max;
            int rgb = diverging ? Canvas.shade(a >= 0 ? WeightImages.POSITIVE : WeightImages.NEGATIVE, Math.abs(a)).getRGB()
                    : Canvas.shade(Color.BLACK, Math.max(0, a)).getRGB();
            for (int dy = 0; dy < scale; dy++) {
                for (int dx = 0; dx < scale; dx++) {
                    image.setRGB((p % w) * scale + dx, (p / w) * scale + dy, rgb);
                }
            }
        }
        return image;
    }
}
