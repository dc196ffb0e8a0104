package org.mymnist.view;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The test accuracy of several training runs on one XChart chart, one curve per run: to compare
 * what each fix buys. Epochs run along the bottom, the first at 1 (the accuracy after the first epoch), the
 * accuracy in percent from 0 to 100 on the left.
 *
 * <pre>{@code
 * ComparisonChart chart = new ComparisonChart(Language.FRENCH);
 * chart.add("seed", history.accuracies());
 * display(chart.image());
 * }</pre>
 */
public final class ComparisonChart {

    static {
        Headless.ensure();
    }

    /** Default picture width in pixels. */
    public static final int DEFAULT_WIDTH = 900;
    /** Default picture height in pixels. */
    public static final int DEFAULT_HEIGHT = 520;

    /** Ten colours told apart easily (matplotlib's "tab10"), used in turn. */
    static final Color[] COLORS = {
        new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C), new Color(0xD62728),
        new Color(0x9467BD), new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F),
        new Color(0xBCBD22), new Color(0x17BECF),
    };

    private final Language language;
    private final int width;
    private final int height;
    private final List<String> names = new ArrayList<>();
    private final List<double[]> curves = new ArrayList<>();

    /**
     * A chart of the default size.
     *
     * @param language the language of the title and axes
     */
    public ComparisonChart(Language language) {
        this(language, DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    /**
     * A chart.
     *
     * @param language the language of the title and axes
     * @param width picture width in pixels, at least 300
     * @param height picture height in pixels, at least 200
     */
    public ComparisonChart(Language language, int width, int height) {
        if (width < 300 || height < 200) {
            throw new IllegalArgumentException("the chart needs at least 300 x 200 pixels, got "
                    + width + " x " + height);
        }
        this.language = language;
        this.width = width;
        this.height = height;
    }

    /**
     * Adds one run's curve.
     *
     * @param name the legend of the curve (e.g. the fix applied); a name already used gets " (2)",
     *     " (3)"... so that a step run again adds a curve rather than failing
     * @param accuracies the test accuracy in percent after each epoch, at least one
     * @return this chart, to chain {@code .image()}
     */
    public synchronized ComparisonChart add(String name, double[] accuracies) {
        if (accuracies.length == 0) {
            throw new IllegalArgumentException("no epoch for " + name);
        }
        String unique = name;
        for (int k = 2; names.contains(unique); k++) {
            unique = name + " (" + k + ")";
        }
        names.add(unique);
        curves.add(accuracies.clone());
        return this;
    }

    /** Number of curves. */
    public synchronized int size() {
        return curves.size();
    }

    /** A new XChart chart of the curves added so far. */
    public synchronized XYChart chart() {
        XYChart chart = new XYChart(width, height);
        chart.setTitle(language.text("chart.comparison.title"));
        chart.setXAxisTitle(language.text("chart.epoch"));
        chart.setYAxisTitle(language.text("chart.test-accuracy"));
        style(chart.getStyler());
        int longest = 1;
        for (double[] c : curves) {
            longest = Math.max(longest, c.length);
        }
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax((double) longest);
        // As in TrainingChart: XChart ticks every k-th point of equally spaced x values and then
        // labels none here; an invisible series with unequal x makes it use round steps instead.
        XYSeries axisEnds = chart.addSeries(" ", new double[] {longest, 0, longest / 3.0},
                new double[] {50, 50, 50});
        axisEnds.setShowInLegend(false);
        axisEnds.setMarker(SeriesMarkers.NONE);
        axisEnds.setLineStyle(SeriesLines.NONE);
        axisEnds.setLineColor(new Color(0, 0, 0, 0));
        for (int i = 0; i < curves.size(); i++) {
            double[] y = curves.get(i);
            double[] x = new double[y.length];
            for (int e = 0; e < y.length; e++) {
                x[e] = e + 1;
            }
            XYSeries s = chart.addSeries(names.get(i), x, y);
            Color color = COLORS[i % COLORS.length];
            s.setLineColor(color);
            s.setMarkerColor(color);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setLineStyle(new BasicStroke(2.5f));
        }
        return chart;
    }

    /** A picture of the curves added so far (a new image at each call). */
    public BufferedImage image() {
        return BitmapEncoder.getBufferedImage(chart());
    }

    private static void style(XYStyler styler) {
        ChartStyle.apply(styler);
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setMarkerSize(6);
        styler.setYAxisMin(0.0);
        styler.setYAxisMax(100.0);
        styler.setYAxisDecimalPattern("0");
        styler.setXAxisTickMarkSpacingHint(60);
    }
}
