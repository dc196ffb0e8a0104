package org.mymnist.view;

import java.awt.Color;
import java.awt.Font;
import org.knowm.xchart.style.XYStyler;

/** The look the library's line charts share: legible fonts on white, light grid, whole-epoch ticks. */
final class ChartStyle {

    private ChartStyle() {
    }

    /**
     * Applies the shared look; each chart then sets its legend, axes and ranges.
     *
     * @param styler the chart's styler
     */
    static void apply(XYStyler styler) {
        Font base = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
        styler.setBaseFont(base);
        styler.setChartTitleFont(base.deriveFont(Font.BOLD, 18f));
        styler.setAxisTitleFont(base.deriveFont(15f));
        styler.setAxisTickLabelsFont(base.deriveFont(13f));
        styler.setLegendFont(base.deriveFont(14f));
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(true);
        styler.setPlotGridLinesColor(new Color(0xE0, 0xE0, 0xE0));
        styler.setLegendBorderColor(Color.WHITE);
        // Whole epochs only: labels at fractional ticks (a short run) would repeat the same number.
        styler.setxAxisTickLabelsFormattingFunction(ChartStyle::epochLabel);
        styler.setAxisTickMarkLength(4);
        styler.setToolTipsEnabled(false);
        styler.setAntiAlias(true);
        styler.setPlotMargin(8);
    }

    /** The label of an x tick: the epoch if the tick is a whole number, else nothing. */
    static String epochLabel(Double value) {
        double rounded = Math.rint(value);
        return Math.abs(value - rounded) < 1e-9 ? Long.toString((long) rounded) : "";
    }
}
