package org.mymnist.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mymnist.data.IdxFixtures.assertMessage;
import static org.mymnist.data.IdxFixtures.gzip;
import static org.mymnist.data.IdxFixtures.images;
import static org.mymnist.data.IdxFixtures.labels;
import static org.mymnist.data.IdxFixtures.write;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

class MnistDataTest {

    @TempDir
    Path folder;

    /** Two 16 x 16 training images, the first holding every byte value 0 to 255 in order. */
    private void writeValidFixture() throws IOException {
        int[] everyByte = new int[256];
        for (int i = 0; i < 256; i++) {
            everyByte[i] = i;
        }
        write(folder, "train-images-idx3-ubyte", images(2, 16, 16, everyByte));
        write(folder, "train-labels-idx1-ubyte.gz", gzip(labels(7, 0)));
        write(folder, "t10k-images-idx3-ubyte.gz", gzip(images(3, 16, 16, 0, 255, 128)));
        write(folder, "t10k-labels-idx1-ubyte", labels(9, 3, 5));
    }

    @Test
    void scalesEveryByteValueExactlyAsNumpyDividingFloat64By255() throws IOException {
        writeValidFixture();
        try (MnistData data = MnistData.load(folder)) {
            assertEquals(DataType.DOUBLE, data.trainImages().dataType());
            assertArrayEquals(new long[] {2, 256}, data.trainImages().shape());
            double[] firstImage = data.trainImages().getRow(0).toDoubleVector();
            for (int b = 0; b < 256; b++) {
                assertEquals(b / 255.0, firstImage[b], 0.0, "byte " + b);
            }
        }
    }

    @Test
    void scalesEveryByteValueExactlyInFloat32() throws IOException {
        writeValidFixture();
        try (MnistData data = MnistData.load(folder, DataType.FLOAT)) {
            assertEquals(DataType.FLOAT, data.trainImages().dataType());
            assertEquals(DataType.FLOAT, data.trainOneHot().dataType());
            float[] firstImage = data.trainImages().getRow(0).toFloatVector();
            for (int b = 0; b < 256; b++) {
                assertEquals(b / 255f, firstImage[b], 0f, "byte " + b);
            }
        }
    }

    @Test
    void keepsFileOrderInLabelsOneHotAndPixels() throws IOException {
        writeValidFixture();
        try (MnistData data = MnistData.load(folder)) {
            assertEquals(2, data.trainSize());
            assertEquals(3, data.testSize());
            assertEquals(folder, data.folder());
            assertArrayEquals(new int[] {7, 0}, data.trainLabels());
            assertArrayEquals(new int[] {9, 3, 5}, data.testLabels());
            assertArrayEquals(new long[] {3, MnistData.CLASSES}, data.testOneHot().shape());
            assertArrayEquals(new double[] {0, 0, 0, 0, 0, 0, 0, 1, 0, 0}, data.trainOneHot().getRow(0).toDoubleVector());
            assertArrayEquals(new double[] {0, 0, 0, 0, 0, 1, 0, 0, 0, 0}, data.testOneHot().getRow(2).toDoubleVector());
            int[][] pixels = data.testPixels(0);
            assertEquals(16, pixels.length);
            assertArrayEquals(new int[] {0, 255, 128, 0}, java.util.Arrays.copyOf(pixels[0], 4));
            assertEquals(255.0 / 255.0, data.testImages().getDouble(0, 1), 0.0);
            assertEquals(128 / 255.0, data.testImages().getDouble(0, 2), 0.0);
        }
    }

    @Test
    void rejectsLabelCountThatDiffersFromImageCount() throws IOException {
        writeValidFixture();
        Path labels = write(folder, "t10k-labels-idx1-ubyte", labels(9, 3));

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> MnistData.load(folder));

        assertMessage(e, folder.resolve("t10k-images-idx3-ubyte.gz").toString(), "dimension 0 (image count)",
                "expected 2, the number of labels in " + labels, "found 3");
    }

    @Test
    void rejectsLabelThatIsNotADigit() throws IOException {
        writeValidFixture();
        Path labels = write(folder, "t10k-labels-idx1-ubyte", labels(9, 12, 5));

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> MnistData.load(folder));

        assertMessage(e, labels.toString(), "label 1", "expected a digit from 0 to 9", "found 12");
    }

    @Test
    void rejectsTestImagesOfAnotherSizeThanTrainingImages() throws IOException {
        writeValidFixture();
        Path test = write(folder, "t10k-images-idx3-ubyte.gz", gzip(images(3, 16, 15)));

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> MnistData.load(folder));

        assertMessage(e, test.toString(), "dimensions 1 and 2 (rows x columns)",
                "expected 16 x 16 as in " + folder.resolve("train-images-idx3-ubyte"), "found 16 x 15");
    }

    @Test
    void rejectsImagesFileOfWrongRank() throws IOException {
        writeValidFixture();
        Path train = write(folder, "train-images-idx3-ubyte", labels(1, 2));

        IdxFormatException e = assertThrows(IdxFormatException.class, () -> MnistData.load(folder));

        assertMessage(e, train.toString(), "dimension count: expected 3, found 1");
    }

    @Test
    void rejectsIntegerDataType() throws IOException {
        writeValidFixture();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MnistData.load(folder, DataType.INT32));

        assertMessage(e, "floating-point type", "INT");
    }
}
