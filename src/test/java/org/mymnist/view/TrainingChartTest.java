package org.mymnist.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

class TrainingChartTest {

    /** Loss falling from 0.15 to 0.085 and accuracy rising from 11 % to 27 %, as in the seed. */
    private static TrainingChart seedLike(int epochs, Language language) {
        TrainingChart chart = new TrainingChart(epochs, language);
        for (int i = 0; i < epochs; i++) {
            chart.add(i, 0.085 + 0.065 * Math.exp(-i / 5.0), 11 + 16.0 * i / (epochs - 1));
        }
        return chart;
    }

    private static int countNear(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                int d = Math.abs(((p >> 16) & 255) - ((rgb >> 16) & 255))
                        + Math.abs(((p >> 8) & 255) - ((rgb >> 8) & 255)) + Math.abs((p & 255) - (rgb & 255));
                if (d < 30) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void drawsBothCurvesAtTheRequestedSize() throws Exception {
        BufferedImage image = seedLike(50, Language.FRENCH).image();
        assertEquals(TrainingChart.DEFAULT_WIDTH, image.getWidth());
        assertEquals(TrainingChart.DEFAULT_HEIGHT, image.getHeight());
        assertTrue(countNear(image, 0xD62728) > 500, "the red loss curve is drawn");
        assertTrue(countNear(image, 0x1F77B4) > 500, "the blue accuracy curve is drawn");
        File dir = new File("target/view-pictures");
        dir.mkdirs();
        ImageIO.write(image, "png", new File(dir, "training-50-fr.png"));
        ImageIO.write(seedLike(100, Language.ENGLISH).image(), "png", new File(dir, "training-100-en.png"));
        ImageIO.write(seedLike(3, Language.ENGLISH).image(), "png", new File(dir, "training-3-en.png"));
        TrainingChart partial = new TrainingChart(50);
        for (int i = 0; i < 7; i++) {
            partial.add(i, 0.15 - 0.005 * i, 11 + i);
        }
        ImageIO.write(partial.image(), "png", new File(dir, "training-7-of-50-fr.png"));
        ImageIO.write(new TrainingChart(50).image(), "png", new File(dir, "training-empty-fr.png"));
    }

    @Test
    void anEmptyChartStillDraws() {
        BufferedImage image = new TrainingChart(50).image();
        assertEquals(TrainingChart.DEFAULT_WIDTH, image.getWidth());
        assertEquals(0, countNear(image, 0xD62728) / 1000, "no curve yet");
    }

    @Test
    void growsOneEpochAtATime() {
        TrainingChart chart = new TrainingChart(50);
        for (int i = 0; i < 5; i++) {
            chart.add(i, 0.1, 10 + i);
            assertEquals(i + 1, chart.size());
            assertEquals(2, chart.image().getWidth() / (TrainingChart.DEFAULT_WIDTH / 2));
        }
        chart.clear();
        assertEquals(0, chart.size());
    }

    @Test
    void wordsFollowTheLanguage() {
        XYChart french = seedLike(10, Language.FRENCH).chart();
        XYChart english = seedLike(10, Language.ENGLISH).chart();
        assertEquals("époque", french.getXAxisTitle());
        assertEquals("epoch", english.getXAxisTitle());
        assertTrue(french.getSeriesMap().containsKey("perte"));
        assertTrue(english.getSeriesMap().containsKey("loss"));
        assertEquals(0.0, french.getStyler().getXAxisMin());
        assertEquals(9.0, french.getStyler().getXAxisMax());
        assertEquals("perte (MSE)", french.getYAxisGroupTitle(0), "the notebook's loss by default");
        assertEquals("loss (MSE)", english.getYAxisGroupTitle(0));
    }

    @Test
    void theLossAxisNamesTheLossTrained() {
        assertEquals("perte (entropie croisée)",
                new TrainingChart(3, Language.FRENCH, "cross-entropy").chart().getYAxisGroupTitle(0));
        assertEquals("loss (cross-entropy)",
                new TrainingChart(3, Language.ENGLISH, "cross-entropy").chart().getYAxisGroupTitle(0));
        assertEquals("loss (MSE)", new TrainingChart(3, Language.ENGLISH, "mse").chart().getYAxisGroupTitle(0));
        assertEquals("loss (my-loss)", new TrainingChart(3, Language.ENGLISH, "my-loss").chart().getYAxisGroupTitle(0));
    }

    @Test
    void epochTicksAreWholeNumbersOnly() {
        assertEquals("10", ChartStyle.epochLabel(10.0));
        assertEquals("0", ChartStyle.epochLabel(-0.0));
        assertEquals("", ChartStyle.epochLabel(2.5));
        assertEquals("", ChartStyle.epochLabel(0.2));
    }
}
