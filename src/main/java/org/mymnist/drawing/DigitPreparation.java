package org.mymnist.drawing;

/**
 * Prepares a drawn digit the way MNIST's digits were prepared, so that a network trained on MNIST
 * can read it: the drawing is cropped to its ink, scaled to fit a 20 x 20 box keeping its aspect
 * ratio, then placed in a 28 x 28 field so that its centre of mass is at the centre.
 *
 * <p>The drawing pad's page ({@link DrawingPad}) does the same arithmetic in JavaScript, step by
 * step in the same order, so the page and the library give the same 784 values:
 * <ol>
 *   <li><b>crop</b>: the smallest rectangle holding every pixel whose value is above 0;</li>
 *   <li><b>scale</b>: with {@code s = 20 / max(w, h)}, the cropped {@code w x h} picture becomes
 *       {@code round(w s) x round(h s)} (each at least 1; {@code round} is {@code floor(v + 0.5)}) by
 *       <em>area averaging</em>: each new pixel covers a rectangle of the cropped picture, and its
 *       value is the mean of the cropped values over that rectangle, each source pixel weighted by
 *       the area it shares with it (this is how MNIST's preparation is usually described: it turns
 *       the thick strokes into gray levels);</li>
 *   <li><b>centre of mass</b>: {@code cx = sum(v x) / sum(v)} and {@code cy} over the scaled
 *       picture's column and row indices; the scaled picture is copied into 28 x 28 at column
 *       {@code round(13.5 - cx)} and row {@code round(13.5 - cy)} (13.5 is the centre of 0..27), each
 *       clamped to 0..{@code 28 - size} so that no ink leaves the field.</li>
 * </ol>
 * Values stay in [0, 1]. An empty drawing (no value above 0) gives 784 zeros, and empty steps.
 */
public final class DigitPreparation {

    /** The side of the box the digit is scaled into. */
    public static final int BOX = 20;
    /** The side of the network's input picture. */
    public static final int SIDE = 28;

    private DigitPreparation() {
    }

    /**
     * Every step of the preparation, for the step-by-step pictures.
     *
     * @param raw the drawing as given
     * @param crop the drawing cropped to its ink, or null for an empty drawing
     * @param scaled the crop scaled to fit 20 x 20 (one side is 20), or null for an empty drawing
     * @param input the 28 x 28 input, centre of mass at the centre
     */
    public record Steps(GrayPicture raw, GrayPicture crop, GrayPicture scaled, GrayPicture input) {

        /** The 784 values the network reads, row after row (a copy). */
        public double[] values() {
            return input.values().clone();
        }

        /** Whether the drawing had no ink. */
        public boolean empty() {
            return crop == null;
        }
    }

    /**
     * Prepares a drawing.
     *
     * @param raw the drawing, any size, values in [0, 1] (ink above 0)
     * @return every step; {@link Steps#values()} is the network's input
     */
    public static Steps prepare(GrayPicture raw) {
        GrayPicture crop = crop(raw);
        if (crop == null) {
            return new Steps(raw, null, null, new GrayPicture(SIDE, SIDE, new double[SIDE * SIDE]));
        }
        GrayPicture scaled = scale(crop);
        return new Steps(raw, crop, scaled, centre(scaled));
    }

    /**
     * The 784 values of a prepared drawing: {@code prepare(raw).values()}.
     *
     * @param raw the drawing
     * @return 784 values in [0, 1], row after row
     */
    public static double[] values(GrayPicture raw) {
        return prepare(raw).values();
    }

    /** The smallest rectangle holding every value above 0, or null when there is none. */
    static GrayPicture crop(GrayPicture p) {
        int left = p.width(), right = -1, top = p.height(), bottom = -1;
        for (int y = 0; y < p.height(); y++) {
            for (int x = 0; x < p.width(); x++) {
                if (p.at(x, y) > 0) {
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                }
            }
        }
        if (right < 0) {
            return null;
        }
        int w = right - left + 1, h = bottom - top + 1;
        double[] v = new double[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                v[y * w + x] = p.at(left + x, top + y);
            }
        }
        return new GrayPicture(w, h, v);
    }

    /** The size of a side after scaling: {@code round(side * 20 / longest)}, at least 1. */
    static int scaledSide(int side, int longest) {
        return Math.max(1, (int) Math.floor(side * (double) BOX / longest + 0.5));
    }

    /**
     * The drawing without preparation, for comparison: the whole picture shrunk to 28 x 28 by the
     * same area averaging, not cropped, not centred (what a network would read if the drawing went
     * in as it is).
     *
     * @param raw the drawing
     * @return 784 values in [0, 1], row after row
     */
    public static double[] unprepared(GrayPicture raw) {
        return resize(raw, SIDE, SIDE).values();
    }

    /** Area averaging of a cropped picture into a box of 20 on its longest side. */
    static GrayPicture scale(GrayPicture p) {
        int longest = Math.max(p.width(), p.height());
        return resize(p, scaledSide(p.width(), longest), scaledSide(p.height(), longest));
    }

    /** Area averaging into {@code tw x th}: each new pixel is the mean over the area it covers. */
    static GrayPicture resize(GrayPicture p, int tw, int th) {
        double[] v = new double[tw * th];
        for (int ty = 0; ty < th; ty++) {
            double y0 = (double) ty * p.height() / th, y1 = (double) (ty + 1) * p.height() / th;
            for (int tx = 0; tx < tw; tx++) {
                double x0 = (double) tx * p.width() / tw, x1 = (double) (tx + 1) * p.width() / tw;
                double sum = 0;
                for (int sy = (int) Math.floor(y0); sy < y1 && sy < p.height(); sy++) {
                    double oy = Math.min(y1, sy + 1) - Math.max(y0, sy);
                    for (int sx = (int) Math.floor(x0); sx < x1 && sx < p.width(); sx++) {
                        double ox = Math.min(x1, sx + 1) - Math.max(x0, sx);
                        sum += p.at(sx, sy) * (ox * oy);
                    }
                }
                v[ty * tw + tx] = Math.min(1.0, Math.max(0.0, sum / ((x1 - x0) * (y1 - y0))));
            }
        }
        return new GrayPicture(tw, th, v);
    }

    /** The scaled picture in 28 x 28, its centre of mass at 13.5, 13.5 (rounded, kept in the field). */
    static GrayPicture centre(GrayPicture p) {
        double mass = 0, mx = 0, my = 0;
        for (int y = 0; y < p.height(); y++) {
            for (int x = 0; x < p.width(); x++) {
                double v = p.at(x, y);
                mass += v;
                mx += v * x;
                my += v * y;
            }
        }
        double[] out = new double[SIDE * SIDE];
        int left = offset(mass > 0 ? mx / mass : (p.width() - 1) / 2.0, p.width());
        int top = offset(mass > 0 ? my / mass : (p.height() - 1) / 2.0, p.height());
        for (int y = 0; y < p.height(); y++) {
            for (int x = 0; x < p.width(); x++) {
                out[(top + y) * SIDE + left + x] = p.at(x, y);
            }
        }
        return new GrayPicture(SIDE, SIDE, out);
    }

    /** Where a side of {@code size} pixels whose centre of mass is at {@code c} starts in 28. */
    static int offset(double c, int size) {
        int start = (int) Math.floor((SIDE - 1) / 2.0 - c + 0.5);
        return Math.max(0, Math.min(SIDE - size, start));
    }
}
