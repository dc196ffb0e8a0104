package org.mymnist.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mymnist.data.IdxFixtures.assertMessage;
import static org.mymnist.data.IdxFixtures.gzip;
import static org.mymnist.data.IdxFixtures.images;
import static org.mymnist.data.IdxFixtures.labels;
import static org.mymnist.data.IdxFixtures.write;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Each class of bad data, one test each: the error names the file, the field
 * and what was expected, in one line, fails at once and costs little memory, and the files are
 * left as they were.
 */
class BadDataTest {

    @TempDir
    Path folder;

    /** A valid tiny data set: 3 training and 2 test images of 4 x 4. */
    private void writeDataSet() throws IOException {
        write(folder, "train-images-idx3-ubyte", images(3, 4, 4, 1, 2, 3));
        write(folder, "train-labels-idx1-ubyte", labels(1, 2, 3));
        write(folder, "t10k-images-idx3-ubyte", images(2, 4, 4, 9));
        write(folder, "t10k-labels-idx1-ubyte", labels(4, 5));
    }

    /** Bytes allocated on the Java heap by this thread so far. */
    static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    static void assertOneLine(Throwable e) {
        assertTrue(e.getMessage() != null && !e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertFalse(e.getMessage().matches(".*\\b(java|javax|org\\.nd4j|com\\.fasterxml)\\.[a-z].*"),
                "no class names: " + e.getMessage());
    }

    @Test
    void trailingBytesAfterAGzipStreamAreRefusedLikeAfterARawFile() throws IOException {
        byte[] gz = gzip(labels(1, 2, 3));
        byte[] withGarbage = Arrays.copyOf(gz, gz.length + 8);
        Arrays.fill(withGarbage, gz.length, withGarbage.length, (byte) 0x5a);
        Path file = write(folder, "labels.gz", withGarbage);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxFile.read(file, 1));
        assertMessage(e, file.toString(), "byte count", "nothing after the gzip stream's end (byte " + gz.length + ")",
                "8 trailing bytes that are not gzip data");
        assertOneLine(e);
        Path raw = write(folder, "labels", Arrays.copyOf(labels(1, 2, 3), 12));
        assertMessage(assertThrows(IdxFormatException.class, () -> IdxFile.read(raw, 1)), "byte count",
                "trailing bytes");
    }

    @Test
    void concatenatedGzipMembersAreOneStream() throws IOException {
        byte[] whole = labels(1, 2, 3, 4);
        byte[] a = gzip(Arrays.copyOf(whole, 6));
        byte[] b = gzip(Arrays.copyOfRange(whole, 6, whole.length));
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(a);
        both.write(b);
        Path file = write(folder, "labels.gz", both.toByteArray());
        assertArrayEquals(new byte[] {1, 2, 3, 4}, IdxFile.read(file, 1).bytes());
    }

    @Test
    void emptyAndForeignGzipFilesAreNamed() throws IOException {
        Path empty = write(folder, "empty.gz", new byte[0]);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxFile.read(empty, 1));
        assertEquals(empty + ": gzip header: expected a gzip file (a name ending in .gz), found an empty file (0 bytes)",
                e.getMessage());
        Path foreign = write(folder, "labels.gz", labels(1, 2));
        e = assertThrows(IdxFormatException.class, () -> IdxFile.read(foreign, 1));
        assertMessage(e, foreign.toString(), "gzip header", "0x1F 0x8B", "0x00 0x00");
        byte[] gz = gzip(labels(1, 2, 3));
        gz[gz.length - 6] ^= 1; // the CRC-32
        Path damaged = write(folder, "crc.gz", gz);
        assertMessage(assertThrows(IdxFormatException.class, () -> IdxFile.read(damaged, 1)), damaged.toString(),
                "gzip trailer (CRC-32)", "damaged data");
        byte[] cut = Arrays.copyOf(gzip(images(3, 10, 10, 5, 6, 7)), 20);
        Path truncated = write(folder, "cut.gz", cut);
        assertMessage(assertThrows(IdxFormatException.class, () -> IdxFile.read(truncated, 3)), truncated.toString(),
                "truncated");
    }

    @Test
    void aNamedPipeIsRefusedAtOnceInsteadOfBlocking() throws Exception {
        writeDataSet();
        Path images = folder.resolve("t10k-images-idx3-ubyte");
        Files.delete(images);
        Process mkfifo = new ProcessBuilder("mkfifo", images.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor());
        IdxFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(IdxFormatException.class, () -> MnistData.load(folder)));
        assertEquals(images + ": file type: expected a regular file (an IDX file, raw or .gz), found a named pipe (FIFO)",
                e.getMessage());
        assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertMessage(assertThrows(IdxFormatException.class, () -> IdxFile.read(images, 3)), "FIFO"));
    }

    @Test
    void aDirectoryOrABrokenLinkInPlaceOfADataFileIsNamedNotCalledMissing() throws IOException {
        writeDataSet();
        Path images = folder.resolve("train-images-idx3-ubyte");
        Files.delete(images);
        Files.createDirectory(images);
        assertMessage(assertThrows(IdxFormatException.class, () -> MnistData.load(folder)), images.toString(),
                "found a directory");
        Files.delete(images);
        Files.createSymbolicLink(images, folder.resolve("gone"));
        assertMessage(assertThrows(IdxFormatException.class, () -> MnistData.load(folder)), images.toString(),
                "found a symbolic link to a file that does not exist");
        Files.delete(images);
        Path other = folder.resolve("other");
        Files.createSymbolicLink(images, other);
        Files.createSymbolicLink(other, images);
        assertMessage(assertThrows(IdxFormatException.class, () -> MnistData.load(folder)), images.toString(),
                "found a symbolic link that loops");
    }

    @Test
    void aMissingFileSaysNoSuchFile() {
        Path missing = folder.resolve("nothing");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> IdxFile.read(missing, 1));
        assertEquals(missing + ": no such file", e.getMessage());
    }

    @Test
    void anEmptySetOfImagesIsRefusedNamingTheFile() throws IOException {
        write(folder, "train-images-idx3-ubyte", images(0, 28, 28));
        write(folder, "train-labels-idx1-ubyte", labels());
        write(folder, "t10k-images-idx3-ubyte", images(0, 28, 28));
        write(folder, "t10k-labels-idx1-ubyte", labels());
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> MnistData.load(folder));
        assertEquals(folder.resolve("train-labels-idx1-ubyte") + ": dimension 0 (label count): expected at least 1 label,"
                + " found 0", e.getMessage());
        write(folder, "train-labels-idx1-ubyte", labels(1));
        write(folder, "t10k-labels-idx1-ubyte", labels(1));
        write(folder, "train-images-idx3-ubyte", images(1, 0, 28));
        write(folder, "t10k-images-idx3-ubyte", images(1, 0, 28));
        assertMessage(assertThrows(IdxFormatException.class, () -> MnistData.load(folder)),
                "dimensions 1 and 2 (rows x columns): expected at least 1 x 1, found 0 x 28");
    }

    @Test
    void rawAndGzipBothPresentAreReadOnlyWhenTheyHoldTheSameData() throws IOException {
        writeDataSet();
        write(folder, "t10k-labels-idx1-ubyte.gz", gzip(labels(4, 5)));
        try (MnistData data = MnistData.load(folder)) {
            assertArrayEquals(new int[] {4, 5}, data.testLabels());
        }
        byte[] raw = Files.readAllBytes(folder.resolve("t10k-labels-idx1-ubyte"));
        Path gz = write(folder, "t10k-labels-idx1-ubyte.gz", gzip(labels(4, 6)));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> MnistData.load(folder));
        assertEquals(gz + ": contents: expected the same data as t10k-labels-idx1-ubyte beside it (both are present,"
                + " and only one is read), found different data from byte 9: remove the one you do not want",
                e.getMessage());
        assertArrayEquals(raw, Files.readAllBytes(folder.resolve("t10k-labels-idx1-ubyte")), "nothing changed");
    }

    /**
     * The campaign's .gz claiming 2,500,000 test images beside 10,000 labels drove evaluate to 24 GB
     * resident: the count is now checked from the header, before the images are read.
     */
    @Test
    void aHeaderThatDisagreesWithTheLabelsFailsBeforeTheImagesAreRead() throws IOException {
        writeDataSet();
        byte[] lying = IdxFixtures.idx(0x08, new int[] {2_500_000, 28, 28}, new byte[784 * 2000]);
        Path images = write(folder, "t10k-images-idx3-ubyte.gz", gzip(lying));
        Files.delete(folder.resolve("t10k-images-idx3-ubyte"));
        write(folder, "train-images-idx3-ubyte", images(3, 28, 28));
        long before = allocated();
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> MnistData.load(folder));
        long used = allocated() - before;
        assertEquals(images + ": dimension 0 (image count): expected 2, the number of labels in "
                + folder.resolve("t10k-labels-idx1-ubyte") + ", found 2500000", e.getMessage());
        assertTrue(used < 16 << 20, "allocated " + used + " bytes");
    }

    /** Labels and images that agree on a size too large for this JVM: refused with both numbers. */
    @Test
    void dataThatCannotFitIsRefusedWithWhatItNeedsAndWhatThereIs() throws IOException {
        int count = 2_500_000;
        write(folder, "train-labels-idx1-ubyte", labels(new int[count]));
        write(folder, "t10k-labels-idx1-ubyte", labels(new int[count]));
        byte[] header = IdxFixtures.idx(0x08, new int[] {count, 28, 28}, new byte[784]);
        write(folder, "train-images-idx3-ubyte.gz", gzip(header));
        write(folder, "t10k-images-idx3-ubyte.gz", gzip(header));
        IOException e = assertThrows(IOException.class, () -> MnistData.load(folder, DataType.FLOAT));
        assertTrue(e.getMessage().matches("the data set in " + java.util.regex.Pattern.quote(folder.toString())
                + " \\(2500000 \\+ 2500000 images of 28 x 28\\) needs about [\\d,]+ MiB of Java heap and [\\d,]+ MiB of"
                + " native memory, but this JVM may use [\\d,]+ MiB of heap \\(-Xmx\\) and [\\d,]+ MiB of native memory"
                + " \\(-Dorg.bytedeco.javacpp.maxBytes\\)"), e.getMessage());
        assertOneLine(e);
    }

    @Test
    void theEmptyPathIsShownAsTheCurrentFolder() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> MnistFiles.inFolder(Paths.get("")));
        assertTrue(e.getMessage().startsWith("'' (the current folder, " + Paths.get("").toAbsolutePath() + "): "),
                e.getMessage());
    }
}
