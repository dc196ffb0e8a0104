package org.mymnist.view;

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
 * The loss and the accuracy of each epoch, drawn as two curves on one XChart chart: the loss on
 * the left axis, the accuracy (in percent) on the right axis, the epochs along the bottom.
 *
 * <p>Made to be redrawn while a model trains: create it with the number of epochs planned (the
 * x axis then keeps its width and the curve grows from left to right), {@link #add} each epoch as
 * it ends, and call {@link #image()} to get a fresh picture. In a notebook:
 * <pre>{@code
 * TrainingChart chart = new TrainingChart(50);
 * String id = display(chart.image());
 * trainer.onEpoch(e -> updateDisplay(id, chart.add(e.epoch(), e.loss(), e.accuracy()).image()));
 * }</pre>
 *
 * <p>Epoch ticks are whole numbers, spaced so that their labels never overlap, from 1 to a few
 * hundred epochs. Words are French by default ({@link Language#ENGLISH} for English). Safe to use
 * from the training thread and the notebook thread at once.
 */
public final class TrainingChart {

    static {
        Headless.ensure();
    }

    /** Default picture width in pixels. */
    public static final int DEFAULT_WIDTH = 800;
    /** Default picture height in pixels. */
    public static final int DEFAULT_HEIGHT = 450;

    private static final Color LOSS_COLOR = new Color(0xD6, 0x27, 0x28);
    private static final Color ACCURACY_COLOR = new Color(0x1F, 0x77, 0xB4);

    private final int plannedEpochs;
    private final Language language;
    private final String loss;
    private final int width;
    private final int height;
    private final List<Integer> epochs = new ArrayList<>();
    private final List<Double> losses = new ArrayList<>();
    private final List<Double> accuracies = new ArrayList<>();

    /**
     * A French chart of the default size.
     *
     * @param plannedEpochs how many epochs the x axis shows from the start (it widens if more come)
     */
    public TrainingChart(int plannedEpochs) {
        this(plannedEpochs, Language.FRENCH);
    }

    /**
     * A chart of the default size.
     *
     * @param plannedEpochs how many epochs the x axis shows from the start (it widens if more come)
     * @param language the language of the titles and legend
     */
    public TrainingChart(int plannedEpochs, Language language) {
        this(plannedEpochs, language, DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    /**
     * A chart of the default size for a loss other than the notebook's mean squared error.
     *
     * @param plannedEpochs how many epochs the x axis shows from the start (it widens if more come)
     * @param language the language of the titles and legend
     * @param loss the loss's name ({@code Loss.name()}, {@code LossKind.label()}): {@code mse} or
     *     {@code cross-entropy} are named in the chart's language, any other name as it is
     */
    public TrainingChart(int plannedEpochs, Language language, String loss) {
        this(plannedEpochs, language, DEFAULT_WIDTH, DEFAULT_HEIGHT, loss);
    }

    /**
     * A chart.
     *
     * @param plannedEpochs how many epochs the x axis shows from the start (it widens if more come)
     * @param language the language of the titles and legend
     * @param width picture width in pixels
     * @param height picture height in pixels
     */
    public TrainingChart(int plannedEpochs, Language language, int width, int height) {
        this(plannedEpochs, language, width, height, "mse");
    }

    /**
     * A chart.
     *
     * @param plannedEpochs how many epochs the x axis shows from the start (it widens if more come)
     * @param language the language of the titles and legend
     * @param width picture width in pixels
     * @param height picture height in pixels
     * @param loss the loss's name, as for {@link #TrainingChart(int, Language, String)}
     */
    public TrainingChart(int plannedEpochs, Language language, int width, int height, String loss) {
        if (plannedEpochs < 1) {
            throw new IllegalArgumentException("plannedEpochs must be at least 1, got " + plannedEpochs);
        }
        if (width < 200 || height < 150) {
            throw new IllegalArgumentException("the chart needs at least 200 x 150 pixels, got "
                    + width + " x " + height);
        }
        this.plannedEpochs = plannedEpochs;
        this.language = language;
        this.loss = switch (loss) {
            case "mse" -> "MSE";
            case "cross-entropy" -> language.text("chart.loss.cross-entropy");
            default -> loss;
        };
        this.width = width;
        this.height = height;
    }

    /**
     * Records one epoch.
     *
     * @param epoch the epoch number (0 for the first, as the notebook prints it)
     * @param loss the mean loss of the epoch
     * @param accuracyPercent the test accuracy, in percent
     * @return this chart, to chain {@code .image()}
     */
    public synchronized TrainingChart add(int epoch, double loss, double accuracyPercent) {
        epochs.add(epoch);
        losses.add(loss);
        accuracies.add(accuracyPercent);
        return this;
    }

    /** Number of epochs recorded. */
    public synchronized int size() {
        return epochs.size();
    }

    /** Forgets every epoch recorded, to draw a new run on the same chart. */
    public synchronized void clear() {
        epochs.clear();
        losses.clear();
        accuracies.clear();
    }

    /** A new XChart chart of the epochs recorded so far, to restyle or save with XChart. */
    public synchronized XYChart chart() {
        XYChart chart = new XYChart(width, height);
        chart.setTitle(language.text("chart.training.title"));
        chart.setXAxisTitle(language.text("chart.epoch"));
        chart.setYAxisGroupTitle(0, language.text("chart.training.loss-axis", loss));
        chart.setYAxisGroupTitle(1, language.text("chart.test-accuracy"));
        style(chart.getStyler());

        int last = Math.max(plannedEpochs - 1, epochs.isEmpty() ? 0 : epochs.get(epochs.size() - 1));
        int first = epochs.isEmpty() ? 0 : Math.min(0, epochs.get(0));
        last = Math.max(last, first + 1);
        chart.getStyler().setXAxisMin((double) first);
        chart.getStyler().setXAxisMax((double) last);

        // XChart puts a tick under every k-th point when the x values are equally spaced, and its
        // test of whether labels fit lets "10" and "11" touch. An invisible first series whose x
        // values are the ends of the axis (last one first) and a third point, breaks the equal spacing, so XChart
        // uses its tick spacing hint and round steps instead, whatever the number of epochs.
        double anyLoss = losses.isEmpty() ? 0.1 : losses.get(0);
        XYSeries axisEnds = chart.addSeries(" ", new double[] {last, first, first + (last - first) / 3.0},
                new double[] {anyLoss, anyLoss, anyLoss});
        axisEnds.setShowInLegend(false);
        axisEnds.setMarker(SeriesMarkers.NONE);
        axisEnds.setLineStyle(SeriesLines.NONE);
        axisEnds.setLineColor(new Color(0, 0, 0, 0));
        axisEnds.setYAxisGroup(0);

        if (!epochs.isEmpty()) {
            XYSeries loss = chart.addSeries(language.text("chart.training.loss"), epochs, losses);
            loss.setYAxisGroup(0);
            loss.setLineColor(LOSS_COLOR);
            loss.setMarkerColor(LOSS_COLOR);
            loss.setMarker(SeriesMarkers.CIRCLE);
            XYSeries accuracy = chart.addSeries(language.text("chart.training.accuracy"),
                    epochs, accuracies);
            accuracy.setYAxisGroup(1);
            accuracy.setLineColor(ACCURACY_COLOR);
            accuracy.setMarkerColor(ACCURACY_COLOR);
            accuracy.setMarker(SeriesMarkers.DIAMOND);
        } else {
            chart.getStyler().setYAxisMin(0, 0.0);
            chart.getStyler().setYAxisMax(0, 0.2);
        }
        return chart;
    }

    /** A picture of the epochs recorded so far (a new image at each call). */
    public BufferedImage image() {
        return BitmapEncoder.getBufferedImage(chart());
    }

    private static void style(XYStyler styler) {
        ChartStyle.apply(styler);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setMarkerSize(5);
        styler.setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        styler.setYAxisGroupTickLabelsColorMap(0, LOSS_COLOR);
        styler.setYAxisGroupTickLabelsColorMap(1, ACCURACY_COLOR);
        styler.setYAxisGroupTitleColor(0, LOSS_COLOR);
        styler.setYAxisGroupTitleColor(1, ACCURACY_COLOR);
        styler.setXAxisTickMarkSpacingHint(70);
        // Up to five decimals: a short run moves the loss by less than 0.001, and three would print
        // the same label at every tick.
        styler.setYAxisDecimalPattern("0.#####");
    }
}
