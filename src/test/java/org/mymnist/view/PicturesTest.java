package org.mymnist.view;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The pictures of the "why 27 %" notebook: comparison chart, step table, heat map, gallery, weights. */
class PicturesTest {

    private static void save(BufferedImage image, String name) throws Exception {
        File dir = new File("target/view-pictures");
        dir.mkdirs();
        ImageIO.write(image, "png", new File(dir, name));
    }

    private static int countNear(BufferedImage image, Color color) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color p = new Color(image.getRGB(x, y));
                if (Math.abs(p.getRed() - color.getRed()) + Math.abs(p.getGreen() - color.getGreen())
                        + Math.abs(p.getBlue() - color.getBlue()) < 30) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void comparisonChartHasOneSeriesPerRunInItsColour() throws Exception {
        ComparisonChart chart = new ComparisonChart(Language.FRENCH)
                .add("seed", new double[] {11, 12, 13})
                .add("mini-batches", new double[] {80, 88, 90, 91, 92});
        XYChart xy = chart.chart();
        assertEquals(2, xy.getSeriesMap().values().stream().filter(s -> s.isShowInLegend()).count());
        assertTrue(xy.getSeriesMap().containsKey("seed"));
        chart.add("seed", new double[] {14});
        assertTrue(chart.chart().getSeriesMap().containsKey("seed (2)"), "a step run again gets its own curve");
        assertEquals("époque", xy.getXAxisTitle());
        assertEquals("test accuracy (%)", new ComparisonChart(Language.ENGLISH).chart().getYAxisTitle());
        BufferedImage image = chart.image();
        assertEquals(ComparisonChart.DEFAULT_WIDTH, image.getWidth());
        assertEquals(ComparisonChart.DEFAULT_HEIGHT, image.getHeight());
        assertTrue(countNear(image, ComparisonChart.COLORS[0]) > 200, "the first curve is drawn");
        assertTrue(countNear(image, ComparisonChart.COLORS[1]) > 200, "the second curve is drawn");
        assertEquals("no epoch for empty",
                assertThrows(IllegalArgumentException.class, () -> chart.add("empty", new double[0])).getMessage());
        save(image, "comparison-fr.png");
    }

    @Test
    void stepTableRoundsAndNamesItsColumns() {
        StepTable t = new StepTable(Language.ENGLISH).add("seed", 5, 2.345, 13.2449).add("lr", 5, 3.0, 90.891);
        assertEquals(2, t.size());
        assertEquals("fix", t.table().column(0).name());
        assertEquals(13.24, t.table().doubleColumn(3).get(0), 1e-9);
        assertEquals(2.3, t.table().doubleColumn(2).get(0), 1e-9);
        String html = t.html();
        assertEquals(2, html.split("<tr>").length - 2, "two body rows and a header row");
        assertTrue(html.contains("90.89"));
        assertEquals("exactitude test %", new StepTable(Language.FRENCH).table().column(3).name());
    }

    @Test
    void heatMapColoursRightAndWrongAndWritesCounts() throws Exception {
        int[][] confusion = new int[10][10];
        for (int d = 0; d < 10; d++) {
            confusion[d][d] = 950 + d;
        }
        confusion[4][9] = 30;
        confusion[7][2] = 3;
        BufferedImage image = ConfusionHeatMap.of(confusion, Language.FRENCH);
        int cell = ConfusionHeatMap.CELL;
        assertEquals(ConfusionHeatMap.LEFT + 10 * cell + ConfusionHeatMap.RIGHT, image.getWidth());
        Color worst = new Color(image.getRGB(ConfusionHeatMap.LEFT + 9 * cell + 3, ConfusionHeatMap.TOP + 4 * cell + 3));
        assertTrue(worst.getRed() > 150 && worst.getGreen() < 60, "4 read as 9 is dark red: " + worst);
        Color right = new Color(image.getRGB(ConfusionHeatMap.LEFT + 3, ConfusionHeatMap.TOP + 3));
        assertTrue(right.getGreen() > right.getRed() && right.getGreen() > right.getBlue(), "diagonal is green: " + right);
        Color none = new Color(image.getRGB(ConfusionHeatMap.LEFT + cell + 3, ConfusionHeatMap.TOP + 3));
        assertEquals(Color.WHITE, none, "no mistake, white");
        Color rare = new Color(image.getRGB(ConfusionHeatMap.LEFT + 2 * cell + 3, ConfusionHeatMap.TOP + 7 * cell + 3));
        assertTrue(rare.getRed() > 200 && rare.getGreen() < 240 && rare.getGreen() > worst.getGreen(),
                "a rare mistake is light red: " + rare);
        assertEquals("row 1 has 1 counts, expected 2", assertThrows(IllegalArgumentException.class,
                () -> ConfusionHeatMap.of(new int[][] {{1, 2}, {3}}, Language.FRENCH)).getMessage());
        save(image, "confusion-fr.png");
        save(ConfusionHeatMap.of(confusion, Language.ENGLISH), "confusion-en.png");
    }

    @Test
    void galleryFindsTheMistakesAndDrawsThemWithCaptions() throws Exception {
        int[] labels = {1, 2, 3, 4, 5, 6};
        int[] predicted = {1, 7, 3, 9, 5, 0};
        assertArrayEquals(new int[] {1, 3, 5}, DigitGallery.misclassified(labels, predicted));
        double[][] rows = new double[6][784];
        for (int i = 0; i < 6; i++) {
            for (int p = 200; p < 600; p++) {
                rows[i][p] = 1.0;
            }
        }
        INDArray images = Nd4j.createFromArray(rows);
        int[] wrong = DigitGallery.misclassified(labels, predicted);
        BufferedImage image = DigitGallery.of(images, wrong, labels, predicted, 16, 8, Language.FRENCH);
        assertEquals(DigitGallery.TITLE + DigitGallery.TILE_HEIGHT, image.getHeight(), "one row of tiles");
        assertTrue(countNear(image, Color.WHITE) > 3 * 400 * 9, "the ink of the three digits and the background");
        assertTrue(countNear(image, DigitGallery.WRONG) > 30, "the predicted labels are written in red");
        BufferedImage two = DigitGallery.of(Nd4j.zeros(20, 784), new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
                new int[20], new int[20], 10, 4, Language.ENGLISH);
        assertEquals(DigitGallery.TITLE + 3 * DigitGallery.TILE_HEIGHT, two.getHeight(), "10 digits, 4 a row: 3 rows");
        save(image, "gallery-fr.png");
    }

    @Test
    void weightsArePositiveRedNegativeBlue() throws Exception {
        double[][] w = new double[784][40];
        for (int p = 0; p < 784; p++) {
            w[p][0] = p < 392 ? 1.0 : -1.0;
            w[p][1] = Math.sin(p / 20.0);
        }
        BufferedImage image = WeightImages.of(Nd4j.createFromArray(w), 32, 8, Language.FRENCH);
        assertEquals(WeightImages.TITLE + 4 * WeightImages.TILE_HEIGHT + 24, image.getHeight(), "32 neurons, 8 a row");
        BufferedImage first = WeightImages.picture(Nd4j.createFromArray(w).getColumn(0).toDoubleVector());
        assertEquals(new Color(WeightImages.POSITIVE.getRGB()), new Color(first.getRGB(0, 0)), "top half positive: red");
        assertEquals(new Color(WeightImages.NEGATIVE.getRGB()), new Color(first.getRGB(0, 83)), "bottom half negative: blue");
        assertTrue(countNear(image, WeightImages.POSITIVE) > 14 * 84, "red drawn");
        assertEquals("expected 784 rows (one per pixel), got shape [10, 3]", assertThrows(IllegalArgumentException.class,
                () -> WeightImages.of(Nd4j.zeros(10, 3), 3, 3, Language.FRENCH)).getMessage());
        save(image, "weights-fr.png");
    }
}
