package org.mymnist.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mymnist.data.IdxFixtures.gzip;
import static org.mymnist.data.IdxFixtures.images;
import static org.mymnist.data.IdxFixtures.labels;
import static org.mymnist.data.IdxFixtures.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class PixelCacheTest {

    @TempDir
    Path folder;

    /** Two 16 x 16 training images holding every byte value, three test images (gzip). */
    private void writeFixture() throws IOException {
        int[] everyByte = new int[256];
        for (int i = 0; i < 256; i++) {
            everyByte[i] = 255 - i;
        }
        write(folder, "train-images-idx3-ubyte", images(2, 16, 16, everyByte));
        write(folder, "train-labels-idx1-ubyte", labels(7, 0));
        write(folder, "t10k-images-idx3-ubyte.gz", gzip(images(3, 16, 16, 0, 255, 128)));
        write(folder, "t10k-labels-idx1-ubyte", labels(9, 3, 5));
    }

    private static double[][] values(INDArray a) {
        return a.castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    @Test
    void theMappedPixelsAreTheDecodedOnesBitForBitInBothTypes() throws IOException {
        writeFixture();
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            double[][] train, test;
            int[][] drawn;
            try (MnistData decoded = MnistData.load(folder, type)) {
                train = values(decoded.trainImages());
                test = values(decoded.testImages());
                drawn = decoded.testPixels(1);
            }
            PixelCache.main(new String[] {folder.toString()});
            assertTrue(Files.isRegularFile(folder.resolve("train-images-idx3-ubyte." + type.name().toLowerCase() + ".pixels")));
            assertTrue(Files.isRegularFile(folder.resolve("t10k-images-idx3-ubyte." + type.name().toLowerCase() + ".pixels")),
                    "the cache of a .gz file is named for the raw file");
            PixelCache.Mapped mapped = PixelCache.map(folder.resolve("train-images-idx3-ubyte"), type, 2, 256);
            assertNotNull(mapped, "a cache that matches its file is used");
            assertArrayEquals(train, values(mapped.images()));
            mapped.unmap();
            try (MnistData data = MnistData.load(folder, type)) {
                assertEquals(type, data.trainImages().dataType());
                assertArrayEquals(new long[] {2, 256}, data.trainImages().shape());
                assertArrayEquals(train, values(data.trainImages()));
                assertArrayEquals(test, values(data.testImages()));
                assertArrayEquals(drawn, data.testPixels(1), "the test set's bytes are still there for drawing");
            }
        }
    }

    @Test
    void aNotebookThatWritesIntoTheArrayChangesItsOwnCopyNotTheFile() throws IOException {
        writeFixture();
        PixelCache.main(new String[] {folder.toString()});
        Path cache = PixelCache.path(folder.resolve("train-images-idx3-ubyte"), DataType.DOUBLE);
        byte[] before = Files.readAllBytes(cache);
        try (MnistData data = MnistData.load(folder)) {
            data.trainImages().muli(2);
            assertEquals(2.0, data.trainImages().getDouble(0, 0), 0.0);
        }
        assertArrayEquals(before, Files.readAllBytes(cache));
        try (MnistData again = MnistData.load(folder)) {
            assertEquals(1.0, again.trainImages().getDouble(0, 0), 0.0);
        }
    }

    @Test
    void aCacheThatNoLongerMatchesItsFileIsNotUsed() throws IOException {
        writeFixture();
        PixelCache.main(new String[] {folder.toString()});
        Path source = folder.resolve("train-images-idx3-ubyte");
        Files.setLastModifiedTime(source, FileTime.fromMillis(Files.getLastModifiedTime(source).toMillis() + 5000));
        assertNull(PixelCache.map(source, DataType.DOUBLE, 2, 256), "the image file was replaced after the cache");
        try (MnistData data = MnistData.load(folder)) {
            assertEquals(1.0, data.trainImages().getDouble(0, 0), 0.0, "decoded from the file instead");
        }
    }

    @Test
    void aTruncatedCacheIsNotUsed() throws IOException {
        writeFixture();
        PixelCache.main(new String[] {folder.toString()});
        Path source = folder.resolve("train-images-idx3-ubyte");
        Path cache = PixelCache.path(source, DataType.DOUBLE);
        byte[] bytes = Files.readAllBytes(cache);
        Files.write(cache, java.util.Arrays.copyOf(bytes, bytes.length - 8));
        assertNull(PixelCache.map(source, DataType.DOUBLE, 2, 256));
        try (MnistData data = MnistData.load(folder)) {
            assertEquals(1.0, data.trainImages().getDouble(0, 0), 0.0);
        }
    }
}
