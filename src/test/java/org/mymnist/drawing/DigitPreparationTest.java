package org.mymnist.drawing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DigitPreparationTest {

    /** A blank picture with the given values set: {x, y, value} triples. */
    private static GrayPicture picture(int width, int height, double[]... pixels) {
        double[] v = new double[width * height];
        for (double[] p : pixels) {
            v[(int) p[1] * width + (int) p[0]] = p[2];
        }
        return new GrayPicture(width, height, v);
    }

    private static GrayPicture rectangle(int width, int height, int left, int top, int w, int h) {
        double[] v = new double[width * height];
        for (int y = top; y < top + h; y++) {
            for (int x = left; x < left + w; x++) {
                v[y * width + x] = 1;
            }
        }
        return new GrayPicture(width, height, v);
    }

    @Test
    void anEmptyDrawingGivesZerosAndEmptySteps() {
        DigitPreparation.Steps steps = DigitPreparation.prepare(new GrayPicture(5, 4, new double[20]));
        assertTrue(steps.empty());
        assertNull(steps.crop());
        assertNull(steps.scaled());
        assertArrayEquals(new double[784], steps.values());
        assertEquals(28, steps.input().width());
    }

    @Test
    void theCropIsTheInksBoundingBox() {
        GrayPicture raw = picture(10, 8, new double[] {2, 3, 0.5}, new double[] {6, 5, 1});
        GrayPicture crop = DigitPreparation.crop(raw);
        assertEquals(5, crop.width());
        assertEquals(3, crop.height());
        assertEquals(0.5, crop.at(0, 0));
        assertEquals(1, crop.at(4, 2));
        assertEquals(0, crop.at(4, 0));
    }

    @Test
    void scalingKeepsTheAspectRatioWithTheLongestSideAt20() {
        assertEquals(20, DigitPreparation.scaledSide(7, 7));
        assertEquals(9, DigitPreparation.scaledSide(3, 7), "3 * 20 / 7 = 8.57 rounds to 9");
        assertEquals(10, DigitPreparation.scaledSide(1, 2), "exactly half");
        assertEquals(1, DigitPreparation.scaledSide(1, 200), "never below one pixel");
        assertEquals(3, DigitPreparation.scaledSide(5, 40), "2.5 rounds up");
        GrayPicture scaled = DigitPreparation.scale(rectangle(7, 3, 0, 0, 7, 3));
        assertEquals(20, scaled.width());
        assertEquals(9, scaled.height());
    }

    @Test
    void enlargingRepeatsEachPixelOverItsArea() {
        GrayPicture scaled = DigitPreparation.scale(new GrayPicture(2, 2, new double[] {1, 0.25, 0, 0.5}));
        assertEquals(20, scaled.width());
        assertEquals(1, scaled.at(0, 0));
        assertEquals(1, scaled.at(9, 9));
        assertEquals(0.25, scaled.at(10, 0));
        assertEquals(0, scaled.at(5, 15));
        assertEquals(0.5, scaled.at(19, 19));
    }

    @Test
    void shrinkingAveragesTheAreaEachPixelCovers() {
        // a 40 x 40 checkerboard: every new pixel covers 2 x 2 old ones, two of them ink
        double[] v = new double[1600];
        for (int i = 0; i < 1600; i++) {
            v[i] = (i / 40 + i % 40) % 2;
        }
        GrayPicture scaled = DigitPreparation.scale(new GrayPicture(40, 40, v));
        for (double s : scaled.values()) {
            assertEquals(0.5, s, 1e-15);
        }
        // 3 pixels into 20: new pixel 6 covers [0.9, 1.05): 0.1 of pixel 0 (ink), 0.05 of pixel 1
        GrayPicture row = DigitPreparation.scale(new GrayPicture(3, 1, new double[] {1, 0, 0}));
        assertEquals(20, row.width());
        assertEquals(7, row.height(), "1 * 20 / 3 = 6.67 rounds to 7");
        assertEquals(1, row.at(5, 3), 1e-15);
        assertEquals(0.1 / 0.15, row.at(6, 3), 1e-12);
        assertEquals(0, row.at(7, 3), 1e-15);
    }

    @Test
    void areaAveragingKeepsTheMeanInk() {
        Random random = new Random(3);
        double[] v = new double[37 * 23];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextDouble();
        }
        GrayPicture p = new GrayPicture(37, 23, v);
        GrayPicture scaled = DigitPreparation.scale(p);
        double before = 0, after = 0;
        for (double x : v) {
            before += x;
        }
        for (double x : scaled.values()) {
            after += x;
        }
        assertEquals(before / v.length, after / scaled.values().length, 1e-12);
    }

    @Test
    void theCentreOfMassGoesToTheCentre() {
        // a 10 x 5 block of ink in 40 x 40 becomes 20 x 10; its centre (9.5, 4.5) goes to 13.5:
        // column round(13.5 - 9.5) = 4, row round(13.5 - 4.5) = 9
        DigitPreparation.Steps steps = DigitPreparation.prepare(rectangle(40, 40, 25, 3, 10, 5));
        assertEquals(20, steps.scaled().width());
        assertEquals(10, steps.scaled().height());
        GrayPicture input = steps.input();
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                boolean ink = x >= 4 && x < 24 && y >= 9 && y < 19;
                assertEquals(ink ? 1.0 : 0.0, input.at(x, y), "at " + x + ", " + y);
            }
        }
    }

    @Test
    void theShiftIsRoundedHalfUp() {
        assertEquals(4, DigitPreparation.offset(9.5, 20), "13.5 - 9.5 = 4");
        assertEquals(9, DigitPreparation.offset(4.5, 10), "9");
        assertEquals(5, DigitPreparation.offset(9.0, 20), "4.5 rounds up to 5");
        assertEquals(4, DigitPreparation.offset(9.1, 20), "4.4 rounds to 4");
    }

    @Test
    void aLopsidedDigitStaysInTheField() {
        // nearly all the mass in column 0 of a 20-wide picture: the shift 14 would push it out
        double[] v = new double[20 * 20];
        for (int y = 0; y < 20; y++) {
            v[y * 20] = 1;
        }
        v[19] = 0.01;
        GrayPicture input = DigitPreparation.centre(new GrayPicture(20, 20, v));
        assertEquals(8, DigitPreparation.offset(0.01, 20));
        assertEquals(1, input.at(8, 4));
        assertEquals(0.01, input.at(27, 4));
    }

    @Test
    void aThinVerticalLineStaysOnePixelWide() {
        DigitPreparation.Steps steps = DigitPreparation.prepare(rectangle(30, 30, 12, 2, 1, 25));
        assertEquals(1, steps.scaled().width());
        assertEquals(20, steps.scaled().height());
        assertEquals(1, steps.input().at(14, 4), "column 13.5 - 0 rounds to 14, rows 4 to 23");
        assertEquals(0, steps.input().at(14, 3));
    }

    @Test
    void valuesStayInZeroOneAndTheCentreNearTheMiddle() {
        Random random = new Random(11);
        for (int t = 0; t < 20; t++) {
            int w = 30 + random.nextInt(60), h = 30 + random.nextInt(60);
            double[] v = new double[w * h];
            int x0 = random.nextInt(w / 2), y0 = random.nextInt(h / 2);
            for (int y = y0; y < h; y++) {
                for (int x = x0; x < w; x++) {
                    v[y * w + x] = random.nextInt(4) == 0 ? random.nextInt(256) / 255.0 : 0;
                }
            }
            double[] input = DigitPreparation.values(new GrayPicture(w, h, v));
            double mass = 0, cx = 0, cy = 0;
            for (int i = 0; i < 784; i++) {
                assertTrue(input[i] >= 0 && input[i] <= 1);
                mass += input[i];
                cx += input[i] * (i % 28);
                cy += input[i] * (i / 28);
            }
            assertEquals(13.5, cx / mass, 0.5);
            assertEquals(13.5, cy / mass, 0.5);
        }
    }

    @Test
    void withoutPreparationTheWholeDrawingIsOnlyShrunk() {
        // a 2 x 2 block in the corner of 56 x 56 stays one pixel in the corner, not centred
        double[] unprepared = DigitPreparation.unprepared(rectangle(56, 56, 0, 0, 2, 2));
        assertEquals(784, unprepared.length);
        assertEquals(1, unprepared[0]);
        assertEquals(0, unprepared[1]);
        assertEquals(1, DigitPreparation.values(rectangle(56, 56, 0, 0, 2, 2))[28 * 13 + 13], "prepared: centred");
    }

    @Test
    void levelsAreDividedBy255() {
        GrayPicture p = GrayPicture.ofLevels(2, 1, new int[] {255, 51});
        assertEquals(1.0, p.at(0, 0));
        assertEquals(0.2, p.at(1, 0));
        assertEquals("level 0 is 256, not 0 to 255",
                assertThrows(IllegalArgumentException.class, () -> GrayPicture.ofLevels(1, 1, new int[] {256})).getMessage());
        assertEquals("a 2 x 2 picture holds 4 values, got 3",
                assertThrows(IllegalArgumentException.class, () -> new GrayPicture(2, 2, new double[3])).getMessage());
    }
}
