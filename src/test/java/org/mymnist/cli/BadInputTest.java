package org.mymnist.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mymnist.cli.MainTest.assertDataError;
import static org.mymnist.cli.MainTest.assertUsageError;
import static org.mymnist.cli.MainTest.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mymnist.modelfile.ModelFile;
import org.mymnist.nn.Layer;
import org.mymnist.nn.MeanSquaredError;
import org.mymnist.nn.Model;
import org.mymnist.nn.Softmax;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bad command lines, one test per class of failure: the exit code, the one line
 * that names the option or file and what was expected, and that nothing was lost (the old model
 * byte for byte, the data files, no temporary file left). The three that start a JVM of their own
 * (a small heap, LANG=C) are tagged {@code process} and run in {@code mvn verify}.
 */
class BadInputTest {

    @TempDir
    static Path shared;
    static Path data;
    static Path oldModel;
    static byte[] oldModelBytes;
    static Map<Path, byte[]> dataBytes = new HashMap<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void tinyDataAndAModel() throws IOException {
        data = Files.createDirectories(shared.resolve("tiny"));
        MainTest.writeDataset(data, "train", 40);
        MainTest.writeDataset(data, "t10k", 20);
        try (Stream<Path> files = Files.list(data)) {
            for (Path f : files.toList()) {
                dataBytes.put(f, Files.readAllBytes(f));
            }
        }
        oldModel = shared.resolve("old.zip");
        assertEquals(0, run("train", "--epochs", "1", "--data", data.toString(), "--save", oldModel.toString()).code());
        oldModelBytes = Files.readAllBytes(oldModel);
    }

    @BeforeEach
    void copyTheModel() throws IOException {
        Files.write(dir.resolve("m.zip"), oldModelBytes);
    }

    /** The data files and the old model are as they were, and no temporary file is left anywhere. */
    void assertNothingLost() throws IOException {
        for (Map.Entry<Path, byte[]> e : dataBytes.entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(e.getKey()), "data file " + e.getKey());
        }
        try (Stream<Path> files = Files.list(data)) {
            assertEquals(4, files.count(), "the data folder holds its four files only");
        }
        assertArrayEquals(oldModelBytes, Files.readAllBytes(dir.resolve("m.zip")), "the old model is intact");
        try (Stream<Path> files = Files.walk(dir)) {
            List<String> temps = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
            assertEquals(List.of(), temps, "no temporary file left");
        }
    }

    // ---- work lost ---------------------------------------------------------------------------------

    @Test
    void saveAndHistoryOnTheSameFileAreRefusedBeforeTraining() throws IOException {
        Path same = dir.resolve("m.zip");
        MainTest.Run run = run("train", "--epochs", "1", "--data", data.toString(), "--history", same.toString(),
                "--save", same.toString());
        assertUsageError(run, "--history " + same + " and --save " + same + " name the same file");
        Path spelled = dir.resolve("sub/../m.zip");
        Files.createDirectories(dir.resolve("sub"));
        assertUsageError(run("train", "--data", data.toString(), "--save", same.toString(), "--history",
                spelled.toString()), "name the same file");
        Path hardLink = Files.createLink(dir.resolve("hard.zip"), same);
        assertUsageError(run("train", "--data", data.toString(), "--save", same.toString(), "--history",
                hardLink.toString()), "name the same file");
        Files.delete(hardLink);
        assertNothingLost();
    }

    @Test
    void saveOntoADataFileIsRefused() throws IOException {
        Path images = data.resolve("train-images-idx3-ubyte");
        assertUsageError(run("train", "--epochs", "1", "--data", data.toString(), "--save", images.toString()),
                "--save " + images + " is the data file " + images, "writing there would destroy the data");
        Path link = Files.createSymbolicLink(dir.resolve("link.zip"), data.resolve("t10k-labels-idx1-ubyte"));
        assertUsageError(run("train", "--data", data.toString(), "--history", link.toString()), "is the data file");
        Path gz = data.resolve("t10k-images-idx3-ubyte.gz");
        assertUsageError(run("train", "--data", data.toString(), "--save", gz.toString()), "would take its place");
        Files.delete(link);
        assertNothingLost();
    }

    @Test
    void devicesPipesAndDirectoriesAreRefusedAsOutputs() throws Exception {
        assertUsageError(run("train", "--data", data.toString(), "--save", "/dev/full"),
                "--save /dev/full is a device: expected a regular file to write");
        Path fifo = dir.resolve("fifo.csv");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        assertUsageError(run("train", "--data", data.toString(), "--history", fifo.toString()),
                "--history " + fifo + " is a named pipe (FIFO): expected a regular file to write");
        Files.delete(fifo);
        assertUsageError(run("train", "--data", data.toString(), "--save", dir.toString()),
                "--save " + dir + " is a directory: name a file in it, e.g. " + dir.resolve("model.zip"));
        Path dangling = Files.createSymbolicLink(dir.resolve("gone.zip"), dir.resolve("nowhere/x.zip"));
        assertUsageError(run("train", "--data", data.toString(), "--save", dangling.toString()),
                "is a symbolic link to a file that does not exist");
        Files.delete(dangling);
        assertTrue(Files.isRegularFile(Path.of("/dev/full")) == false, "/dev/full is still a device");
        assertNothingLost();
    }

    @Test
    void aMissingFolderIsCreatedAndAFileOnTheWayIsRefusedBeforeTraining() throws IOException {
        Path nested = dir.resolve("no/such/dir/m.zip");
        MainTest.Run run = run("train", "--epochs", "1", "--data", data.toString(), "--save", nested.toString(),
                "--history", dir.resolve("other/h.csv").toString());
        assertEquals(0, run.code(), run.err());
        assertEquals(1, ModelFile.load(nested).loss().size());
        assertTrue(Files.isRegularFile(dir.resolve("other/h.csv")));
        Path file = Files.writeString(dir.resolve("notes.txt"), "mine");
        Path under = file.resolve("m.zip");
        assertUsageError(run("train", "--data", data.toString(), "--save", under.toString()),
                "--save " + under + ": cannot be created, " + file + " is a regular file, not a folder");
        assertEquals("mine", Files.readString(file));
        assertNothingLost();
    }

    @Test
    void aFailedSaveNamesTheFileNotATemporaryOne() throws IOException {
        Path readOnly = Files.createDirectories(dir.resolve("ro"));
        Path target = readOnly.resolve("m.zip");
        assertTrue(readOnly.toFile().setWritable(false));
        try {
            MainTest.Run run = run("train", "--epochs", "1", "--data", data.toString(), "--save", target.toString());
            if (readOnly.toFile().canWrite()) {
                // root writes anywhere: the save succeeds, which is right too
                assertEquals(0, run.code(), run.err());
            } else {
                assertUsageError(run, "--save " + target + ": permission denied: cannot write in " + readOnly);
            }
        } finally {
            readOnly.toFile().setWritable(true);
        }
        assertNothingLost();
    }

    // ---- bounds: usage errors, exit 2, for every recipe --------------------------------------------

    @Test
    void batchEpochsAndHiddenSayTheirRange() throws IOException {
        for (String recipe : List.of("seed", "modern")) {
            assertUsageError(run("train", "--recipe", recipe, "--batch", "1000000", "--data", data.toString()),
                    "--batch must be between 1 and 40 (the training set's size), got 1000000");
        }
        assertUsageError(run("train", "--recipe", "modern", "--batch", "2147483647", "--data", data.toString()),
                "--batch must be between 1 and 40");
        assertUsageError(run("bench", "--batch", "41", "--data", data.toString()), "--batch must be between 1 and 40");
        MainTest.Run recipesOwn = run("train", "--recipe", "modern", "--epochs", "1", "--data", data.toString());
        assertEquals(0, recipesOwn.code(), "the modern recipe's batch of 64 takes all 40 images: " + recipesOwn.err());
        assertUsageError(run("train", "--epochs", "2147483647", "--data", data.toString()),
                "--epochs must be between 1 and 100000, got 2147483647");
        assertUsageError(run("bench", "--epochs", "100001"), "--epochs must be between 1 and 100000");
        assertUsageError(run("train", "--hidden", "1000000"),
                "--hidden must be between 1 and 100000 (neurons per hidden layer), got 1000000");
        assertNothingLost();
    }

    @Test
    void aNetworkThatCannotFitIsRefusedWithBothNumbers() throws IOException {
        MainTest.Run run = run("train", "--hidden", "100000,100000", "--data", data.toString(),
                "--save", dir.resolve("m.zip").toString());
        assertUsageError(run, "--hidden: the network 784-100000-100000-10 (10,079,400,000 weights) with the data set"
                + " needs about ", " MiB of Java heap and ", " MiB of native memory, but this JVM may use ",
                " of heap (-Xmx) and ", "choose smaller --hidden or --batch");
        assertNothingLost();
    }

    /**
     * An {@link OutOfMemoryError} the estimate does not foresee (here a 64 MiB heap, where drawing
     * the 784 x 4500 initial weights needs more than the estimate's 2 copies): one line, exit 1,
     * no stack trace, and the old model kept.
     */
    @Test
    @Tag("process")
    void anOutOfMemoryErrorIsOneLine() throws Exception {
        Path save = dir.resolve("m.zip");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "train", "--epochs", "1",
                "--hidden", "4500", "--data", data.toString(), "--save", save.toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(1, process.exitValue(), err);
        assertEquals("my-mnist: out of memory: this JVM may use 64 MiB of Java heap and 64 MiB of native memory;"
                + " choose smaller --hidden or --batch, or give Java more memory (java -Xmx...)\n", err);
        assertEquals("", out);
        assertNothingLost();
    }

    /**
     * SIGTERM while {@code train --save} writes a 23 MB model (784-2048-2048-10, float32): the JVM
     * stops (exit 143), the old model is intact and the shutdown hook has removed the temporary
     * file (12 of 15 such runs left one before). The signal is sent as soon as the temporary file
     * appears; the save takes a good part of a second, so it comes in the middle of it (16 of 16
     * runs by hand, alternating SIGTERM and SIGINT).
     */
    @Test
    @Tag("process")
    void aSignalDuringTheSaveKeepsTheOldModelAndLeavesNoTemporaryFile() throws Exception {
        Path save = dir.resolve("m.zip");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "train", "--recipe", "modern",
                "--epochs", "1", "--hidden", "2048,2048", "--data", data.toString(), "--save", save.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        boolean seen = false;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (process.isAlive() && System.nanoTime() < deadline) {
                try (Stream<Path> files = Files.list(dir)) {
                    if (files.anyMatch(p -> p.getFileName().toString().startsWith(".m.zip."))) {
                        seen = true;
                        process.destroy(); // SIGTERM
                        break;
                    }
                }
                Thread.sleep(1);
            }
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the JVM stops");
        } finally {
            process.destroyForcibly();
        }
        assertTrue(seen, "the signal came during the save (exit " + process.exitValue() + ")");
        assertEquals(143, process.exitValue(), "stopped by SIGTERM");
        assertNothingLost();
    }

    // ---- silently accepted ------------------------------------------------------------------------

    @Test
    void aModelForOtherDataIsRefusedNamingBothSizes() throws IOException {
        Layer five = new Layer(Nd4j.rand(784, 5), 0.1, new Softmax());
        Path model = dir.resolve("five.zip");
        ModelFile.save(new Model(List.of(five), new MeanSquaredError()), model);
        String expected = model + ": the model takes 784 inputs and gives 5 outputs, but the data have 784 values"
                + " per image and 10 classes: expected a model of 784 inputs and 10 outputs";
        assertDataError(run("evaluate", "--model", model.toString(), "--data", data.toString()), expected);
        assertDataError(run("predict", "--model", model.toString(), "--index", "0", "--data", data.toString()),
                expected);
        assertNothingLost();
    }

    @Test
    void trailingBytesAfterAGzipFileAreRefused() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("gz"));
        MainTest.writeDataset(folder, "train", 10);
        MainTest.writeDataset(folder, "t10k", 10);
        Path raw = folder.resolve("t10k-labels-idx1-ubyte");
        byte[] gz = org.mymnist.data.Gzip.bytes(Files.readAllBytes(raw));
        Files.delete(raw);
        byte[] garbage = java.util.Arrays.copyOf(gz, gz.length + 8);
        Path file = Files.write(folder.resolve("t10k-labels-idx1-ubyte.gz"), garbage);
        assertDataError(run("evaluate", "--model", dir.resolve("m.zip").toString(), "--data", folder.toString()),
                file + ": byte count: expected nothing after the gzip stream's end", "8 trailing bytes");
        assertNothingLost();
    }

    // ---- hangs and special files ------------------------------------------------------------------

    @Test
    void aNamedPipeAsModelFailsAtOnce() throws Exception {
        Path fifo = dir.resolve("fifo.zip");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        MainTest.Run run = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> run("evaluate", "--model", fifo.toString(), "--data", data.toString()));
        assertDataError(run, fifo + " is a named pipe (FIFO), not a my-mnist model file");
        Files.delete(fifo);
        assertNothingLost();
    }

    @Test
    void aDirectoryInPlaceOfADataFileIsNamed() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("d"));
        MainTest.writeDataset(folder, "train", 10);
        MainTest.writeDataset(folder, "t10k", 10);
        Path images = folder.resolve("t10k-images-idx3-ubyte");
        Files.delete(images);
        Files.createDirectory(images);
        assertDataError(run("evaluate", "--model", dir.resolve("m.zip").toString(), "--data", folder.toString()),
                images + ": file type: expected a regular file (an IDX file, raw or .gz), found a directory");
        assertNothingLost();
    }

    // ---- names -------------------------------------------------------------------------------------

    @Test
    void emptyPathsAreUsageErrors() throws IOException {
        assertUsageError(run("train", "--data", ""),
                "Invalid value for option '--data': an empty path; name a file or folder ('.' for the current folder)");
        assertUsageError(run("evaluate", "--model", ""), "Invalid value for option '--model': an empty path");
        assertNothingLost();
    }

    @Test
    void aNameThatIsNotValidInTheLocaleIsRefusedClearly() {
        assertUsageError(run("train", "--save", "donn\uFFFDes.zip"), "Invalid value for option '--save': the name "
                + "'donn?es.zip'");
    }

    @Test
    void longValuesAreCut() {
        String huge = "z".repeat(5000);
        MainTest.Run run = run("train", "--recipe", huge);
        assertUsageError(run, "'" + "z".repeat(77) + "...'");
        assertTrue(run.err().length() < 400, run.err());
    }

    // ---- the one-line rule ------------------------------------------------------------------------

    @Test
    void oneLineCutsQuotedValuesButNotApostrophes() {
        assertEquals("the seed's rule: see 'my-mnist train --help'",
                OneLine.clip("the seed's rule: see 'my-mnist train --help'"));
        assertEquals("got '" + "a".repeat(77) + "...' there", OneLine.clip("got '" + "a".repeat(100) + "' there"));
        assertEquals("a b", OneLine.clip("a\nb"));
    }

    @Test
    void fileSystemErrorsGetTheirReason() {
        assertEquals("/x/y: no such file", Main.describe(new java.nio.file.NoSuchFileException("/x/y")));
        assertEquals("/x/y: permission denied", Main.describe(new java.nio.file.AccessDeniedException("/x/y")));
        assertEquals("/x/y: the reason", Main.describe(new java.nio.file.FileSystemException("/x/y", null, "the reason")));
        assertEquals("input or output error; run again with --verbose for the details", Main.describe(new IOException()));
    }

    /**
     * Runs {@code my-mnist train --epochs 1 --data DATA --save DIR/NAME/m.zip} in a new JVM under
     * {@code LANG=C LC_ALL=C}, NAME given as printf escapes so that no JVM has to encode it.
     */
    static MainTest.Run trainUnderLangC(Path dir, String printfName) throws Exception {
        String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", "exec \"$0\" -cp \"$1\" " + Main.class.getName()
                + " train --epochs 1 --data \"$2\" --save \"$3/$(printf '" + printfName + "')/m.zip\"",
                javaCommand, System.getProperty("java.class.path"), data.toString(), dir.toString());
        builder.environment().put("LANG", "C");
        builder.environment().put("LC_ALL", "C");
        builder.environment().remove(Relaunch.ARGUMENTS);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        return new MainTest.Run(process.exitValue(), out, err);
    }

    /** Under LANG=C a valid UTF-8 name (données-数字) was a usage error; it now works, by a relaunch under C.UTF-8. */
    @Test
    @Tag("process")
    void aNonAsciiNameWorksUnderLangC() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        MainTest.Run run = trainUnderLangC(out, "donn\\303\\251es-\\346\\225\\260\\345\\255\\227");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("Model saved to " + out + "/donn"), run.out());
        List<Path> made;
        try (Stream<Path> files = Files.list(out)) {
            made = files.toList();
        }
        assertEquals(1, made.size(), made.toString());
        assertArrayEquals("données-数字".getBytes(StandardCharsets.UTF_8),
                made.get(0).getFileName().toString().getBytes(StandardCharsets.UTF_8),
                "the name given, byte for byte");
        assertEquals(1, ModelFile.load(made.get(0).resolve("m.zip")).loss().size());
    }

    /** A name that is not UTF-8 at all wrote a different name; it is now refused, and nothing is written. */
    @Test
    @Tag("process")
    void aNameThatIsNotUtf8IsRefusedUnderAnyLocale() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        MainTest.Run run = trainUnderLangC(out, "bad\\377name");
        assertEquals(2, run.code(), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("is not valid UTF-8 (the bytes shown as ? are not characters): rename the"
                + " file with a UTF-8 name"), run.err());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(0, files.count());
        }
    }
}
