package org.mymnist.view;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** A white RGB picture and its antialiased graphics, with centred text: shared by the drawn views. */
final class Canvas {

    static {
        Headless.ensure();
    }

    static final Font BASE = new Font(Font.SANS_SERIF, Font.PLAIN, 14);

    final BufferedImage image;
    final Graphics2D g;

    Canvas(int width, int height) {
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
    }

    /** Draws {@code text} centred on {@code cx}, its baseline placed so the text is centred on {@code cy}. */
    void centred(String text, Font font, Color color, double cx, double cy) {
        g.setFont(font);
        g.setColor(color);
        FontMetrics m = g.getFontMetrics();
        int x = (int) Math.round(cx - m.stringWidth(text) / 2.0);
        int y = (int) Math.round(cy + (m.getAscent() - m.getDescent()) / 2.0);
        g.drawString(text, x, y);
    }

    /** Draws {@code text} turned a quarter left, centred on ({@code cx}, {@code cy}). */
    void vertical(String text, Font font, Color color, double cx, double cy) {
        Graphics2D r = (Graphics2D) g.create();
        r.translate(cx, cy);
        r.rotate(-Math.PI / 2);
        r.setFont(font);
        r.setColor(color);
        FontMetrics m = r.getFontMetrics();
        r.drawString(text, -m.stringWidth(text) / 2, (m.getAscent() - m.getDescent()) / 2);
        r.dispose();
    }

    BufferedImage done() {
        g.dispose();
        return image;
    }

    /** Blends white into {@code color}: 0 gives white, 1 gives {@code color}. */
    static Color shade(Color color, double amount) {
        double a = Math.max(0, Math.min(1, amount));
        return new Color((int) Math.round(255 + (color.getRed() - 255) * a),
                (int) Math.round(255 + (color.getGreen() - 255) * a),
                (int) Math.round(255 + (color.getBlue() - 255) * a));
    }

    /** Black or white, whichever reads better on {@code background}. */
    static Color ink(Color background) {
        double luma = 0.299 * background.getRed() + 0.587 * background.getGreen() + 0.114 * background.getBlue();
        return luma < 140 ? Color.WHITE : Color.BLACK;
    }
}
