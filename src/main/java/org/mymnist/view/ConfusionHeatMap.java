package org.mymnist.view;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;

/**
 * The confusion matrix as a heat map: one square per (true digit, predicted digit) with its count
 * written in it. The diagonal (digits read right) is green, darker for a digit read right more
 * often; the other squares (mistakes) go from white to dark red, darkest for the most frequent
 * mistake, so the few errors show even beside a diagonal of a thousand.
 *
 * <pre>{@code
 * display(ConfusionHeatMap.of(evaluation.confusion(), Language.FRENCH));
 * }</pre>
 */
public final class ConfusionHeatMap {

    /** Side of one square in pixels. */
    public static final int CELL = 46;
    static final int LEFT = 92;
    static final int TOP = 86;
    static final int RIGHT = 24;
    static final int BOTTOM = 40;
    static final Color RIGHT_COLOR = new Color(0x2C, 0xA0, 0x2C);
    static final Color WRONG_COLOR = new Color(0xB2, 0x18, 0x2B);

    private ConfusionHeatMap() {
    }

    /**
     * Draws a square confusion matrix.
     *
     * @param confusion {@code confusion[t][p]}: images of digit {@code t} predicted {@code p}, as
     *     {@code Evaluation.confusion()} gives it; square, at least 2 x 2
     * @param language the language of the title and axes
     * @return a new picture, {@code LEFT + n * CELL + RIGHT} pixels wide
     */
    public static BufferedImage of(int[][] confusion, Language language) {
        int n = confusion.length;
        if (n < 2) {
            throw new IllegalArgumentException("a confusion matrix needs at least 2 classes, got " + n);
        }
        int maxWrong = 0;
        int errors = 0;
        int total = 0;
        for (int t = 0; t < n; t++) {
            if (confusion[t].length != n) {
                throw new IllegalArgumentException("row " + t + " has " + confusion[t].length
                        + " counts, expected " + n);
            }
            for (int p = 0; p < n; p++) {
                total += confusion[t][p];
                if (t != p) {
                    maxWrong = Math.max(maxWrong, confusion[t][p]);
                    errors += confusion[t][p];
                }
            }
        }
        int width = LEFT + n * CELL + RIGHT;
        int height = TOP + n * CELL + BOTTOM;
        Canvas c = new Canvas(width, height);
        Font title = Canvas.BASE.deriveFont(Font.BOLD, 16f);
        Font axis = Canvas.BASE.deriveFont(14f);
        Font tick = Canvas.BASE.deriveFont(Font.BOLD, 14f);
        Font count = Canvas.BASE.deriveFont(12f);
        c.centred(language.text("confusion.title", errors, total), title, Color.BLACK, width / 2.0, 20);
        c.centred(language.text("confusion.predicted"), axis, Color.DARK_GRAY,
                LEFT + n * CELL / 2.0, 48);
        c.vertical(language.text("confusion.true"), axis, Color.DARK_GRAY, 22, TOP + n * CELL / 2.0);
        for (int i = 0; i < n; i++) {
            c.centred(Integer.toString(i), tick, Color.BLACK, LEFT + (i + 0.5) * CELL, TOP - 14);
            c.centred(Integer.toString(i), tick, Color.BLACK, LEFT - 16, TOP + (i + 0.5) * CELL);
        }
        for (int t = 0; t < n; t++) {
            int rowTotal = 0;
            for (int p = 0; p < n; p++) {
                rowTotal += confusion[t][p];
            }
            for (int p = 0; p < n; p++) {
                Color fill = cellColor(confusion[t][p], t == p, rowTotal, maxWrong);
                int x = LEFT + p * CELL;
                int y = TOP + t * CELL;
                c.g.setColor(fill);
                c.g.fillRect(x, y, CELL, CELL);
                c.g.setColor(new Color(0xD0, 0xD0, 0xD0));
                c.g.drawRect(x, y, CELL, CELL);
                if (confusion[t][p] != 0 || t == p) {
                    c.centred(Integer.toString(confusion[t][p]), count, Canvas.ink(fill), x + CELL / 2.0,
                            y + CELL / 2.0);
                }
            }
        }
        c.centred(language.text("confusion.legend"), Canvas.BASE.deriveFont(13f),
                Color.DARK_GRAY, width / 2.0, TOP + n * CELL + 22);
        return c.done();
    }

    /** The colour of a square: green by the digit's accuracy on the diagonal, red by the count elsewhere. */
    static Color cellColor(int count, boolean diagonal, int rowTotal, int maxWrong) {
        if (diagonal) {
            double share = rowTotal == 0 ? 0 : (double) count / rowTotal;
            return Canvas.shade(RIGHT_COLOR, 0.35 + 0.65 * share);
        }
        if (count == 0 || maxWrong == 0) {
            return Color.WHITE;
        }
        // Square root: a mistake made 4 times stands out, without the worst one hiding the rest.
        return Canvas.shade(WRONG_COLOR, 0.12 + 0.88 * Math.sqrt((double) count / maxWrong));
    }
}
