package org.mymnist.view;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Digits in a grid, each with a caption under it: its true label and what the model predicted
 * (in red when they differ). Made for the mistakes of a trained network:
 *
 * <pre>{@code
 * int[] wrong = DigitGallery.misclassified(labels, evaluation.predicted());
 * display(DigitGallery.of(xTest, wrong, labels, evaluation.predicted(), 16, 8, Language.FRENCH));
 * }</pre>
 */
public final class DigitGallery {

    /** Magnification of each 28 x 28 digit. */
    public static final int SCALE = 3;
    /** Width of one tile (digit and caption) in pixels. */
    public static final int TILE_WIDTH = 104;
    /** Height of one tile in pixels. */
    public static final int TILE_HEIGHT = 28 * SCALE + 44;
    static final int TITLE = 36;
    static final Color WRONG = new Color(0xB2, 0x18, 0x2B);

    private DigitGallery() {
    }

    /**
     * The indices of the examples whose prediction differs from the label, in order.
     *
     * @param labels the true digits
     * @param predicted the predicted digits, as many
     * @return the indices of the mistakes
     */
    public static int[] misclassified(int[] labels, int[] predicted) {
        if (labels.length != predicted.length) {
            throw new IllegalArgumentException(labels.length + " labels but " + predicted.length + " predictions");
        }
        List<Integer> wrong = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != predicted[i]) {
                wrong.add(i);
            }
        }
        return wrong.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Draws up to {@code count} examples in a grid.
     *
     * @param images inputs, one row of 784 values in [0, 1] per example
     * @param indices which rows to draw, in order (e.g. {@link #misclassified})
     * @param labels the true digit of every row
     * @param predicted the predicted digit of every row
     * @param count at most this many digits (the first ones of {@code indices}), at least 1
     * @param columns digits per row of the grid, at least 1
     * @param language the language of the title and captions
     * @return a new picture, {@code columns * TILE_WIDTH} pixels wide (fewer columns if fewer digits)
     */
    public static BufferedImage of(INDArray images, int[] indices, int[] labels, int[] predicted, int count,
                                   int columns, Language language) {
        if (count < 1 || columns < 1) {
            throw new IllegalArgumentException("count and columns must be at least 1, got " + count + " and " + columns);
        }
        int shown = Math.min(count, indices.length);
        int cols = Math.max(1, Math.min(columns, shown));
        int rows = Math.max(1, (shown + cols - 1) / cols);
        int width = Math.max(cols * TILE_WIDTH, 420);
        Canvas c = new Canvas(width, TITLE + rows * TILE_HEIGHT);
        c.centred(language.text("gallery.title", shown),
                Canvas.BASE.deriveFont(Font.BOLD, 16f), Color.BLACK, width / 2.0, TITLE / 2.0);
        Font caption = Canvas.BASE.deriveFont(13f);
        int left = (width - cols * TILE_WIDTH) / 2;
        for (int k = 0; k < shown; k++) {
            int i = indices[k];
            int x = left + (k % cols) * TILE_WIDTH;
            int y = TITLE + (k / cols) * TILE_HEIGHT;
            BufferedImage digit = DigitImage.of(images.getRow(i), SCALE);
            c.g.drawImage(digit, x + (TILE_WIDTH - digit.getWidth()) / 2, y + 2, null);
            double cx = x + TILE_WIDTH / 2.0;
            int below = y + 2 + digit.getHeight();
            c.centred(language.text("gallery.true", labels[i]), caption, Color.BLACK, cx, below + 11);
            c.centred(language.text("gallery.predicted", predicted[i]), caption,
                    labels[i] == predicted[i] ? Color.BLACK : WRONG, cx, below + 28);
        }
        return c.done();
    }
}
