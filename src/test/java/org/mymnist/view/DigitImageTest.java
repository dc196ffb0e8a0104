package org.mymnist.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DigitImageTest {

    private static int gray(BufferedImage image, int x, int y) {
        return image.getRaster().getSample(x, y, 0);
    }

    @Test
    void eachPixelBecomesASquare() {
        int[][] pixels = new int[28][28];
        pixels[3][5] = 255;
        pixels[27][27] = 128;
        BufferedImage image = DigitImage.of(pixels);
        assertEquals(224, image.getWidth());
        assertEquals(224, image.getHeight());
        for (int dy = 0; dy < 8; dy++) {
            for (int dx = 0; dx < 8; dx++) {
                assertEquals(255, gray(image, 5 * 8 + dx, 3 * 8 + dy));
                assertEquals(128, gray(image, 27 * 8 + dx, 27 * 8 + dy));
            }
        }
        assertEquals(0, gray(image, 5 * 8 + 8, 3 * 8), "the next pixel is black");
        assertEquals(0, gray(image, 0, 0));
    }

    @Test
    void anExampleInZeroOneLooksTheSame() {
        double[] values = new double[784];
        values[28 * 3 + 5] = 1.0;
        values[783] = 128 / 255.0;
        INDArray row = Nd4j.createFromArray(new double[][] {values});
        BufferedImage image = DigitImage.of(row, 2);
        assertEquals(56, image.getWidth());
        assertEquals(255, gray(image, 10, 6));
        assertEquals(128, gray(image, 55, 55));
        assertEquals(0, gray(image, 0, 0));
    }

    @Test
    void refusesWhatIsNotAnImage() {
        assertEquals("expected a square number of values (784 for 28 x 28), got 783",
                assertThrows(IllegalArgumentException.class, () -> DigitImage.of(new double[783], 8)).getMessage());
        assertEquals("scale must be between 1 and 64, got 0",
                assertThrows(IllegalArgumentException.class, () -> DigitImage.of(new int[28][28], 0)).getMessage());
        assertEquals("row 1 has 1 pixels, row 0 has 2",
                assertThrows(IllegalArgumentException.class, () -> DigitImage.of(new int[][] {{1, 2}, {3}}, 1)).getMessage());
    }
}
