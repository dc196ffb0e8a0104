package org.mymnist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mymnist.modelfile.ModelFile;
import org.mymnist.training.History;
import org.mymnist.training.Recipe;

/**
 * The command line as a user runs it: exit codes, the one-line errors, and the outputs. Training
 * runs on a tiny IDX dataset of 28 x 28 images written by the test (a folder given with --data is
 * read as it is), so every case takes well under a second.
 */
class MainTest {

    @TempDir
    static Path folder;

    static Path data;
    static Path model;

    /** What one run printed and returned. */
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    static byte[] idx(int[] dimensions, byte[] data) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dimensions.length + data.length);
        buffer.put((byte) 0).put((byte) 0).put((byte) 8).put((byte) dimensions.length);
        for (int size : dimensions) {
            buffer.putInt(size);
        }
        return buffer.put(data).array();
    }

    /** Writes a dataset whose image i is a bar of brightness at row (label * 2). */
    static void writeDataset(Path dir, String prefix, int count) throws IOException {
        byte[] pixels = new byte[count * 784];
        byte[] labels = new byte[count];
        for (int i = 0; i < count; i++) {
            labels[i] = (byte) (i % 10);
            for (int c = 0; c < 28; c++) {
                pixels[i * 784 + (i % 10) * 2 * 28 + c] = (byte) 200;
            }
        }
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte"), idx(new int[] {count, 28, 28}, pixels));
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), idx(new int[] {count}, labels));
    }

    @BeforeAll
    static void trainATinyModel() throws IOException {
        data = Files.createDirectories(folder.resolve("tiny"));
        writeDataset(data, "train", 40);
        writeDataset(data, "t10k", 20);
        model = folder.resolve("tiny.zip");
        Run train = run("train", "--epochs", "3", "--data", data.toString(), "--save", model.toString(),
                "--history", folder.resolve("history.csv").toString());
        assertEquals(0, train.code(), train.err());
    }

    @Test
    void trainPrintsTheNotebooksLineAndWritesModelAndHistory() throws IOException {
        Run train = run("train", "--epochs", "2", "--data", data.toString(),
                "--history", folder.resolve("h2.csv").toString());
        assertEquals(0, train.code(), train.err());
        List<String> lines = train.out().lines().toList();
        assertTrue(lines.get(0).matches("Epoch : 0 loss : 0\\.\\d+, acc : \\d+(\\.\\d+)? %"), lines.get(0));
        assertTrue(lines.get(1).startsWith("Epoch : 1 loss : "), lines.get(1));
        List<String> csv = Files.readAllLines(folder.resolve("h2.csv"));
        assertEquals(History.CSV_HEADER, csv.get(0));
        assertEquals(3, csv.size());
        assertTrue(csv.get(1).startsWith("0,0."), csv.get(1));
        assertEquals(3, ModelFile.load(model).loss().size(), "the saved model keeps its loss history");
    }

    @Test
    void evaluateJsonHasAccuracyPerDigitAndConfusion() throws IOException {
        Run evaluate = run("evaluate", "--model", model.toString(), "--data", data.toString(), "--json");
        assertEquals(0, evaluate.code(), evaluate.err());
        JsonNode json = new ObjectMapper().readTree(evaluate.out());
        assertTrue(json.get("accuracy").isNumber());
        assertEquals(10, json.get("per_digit").size());
        assertTrue(json.get("per_digit").has("9"));
        int total = 0;
        for (JsonNode row : json.get("confusion")) {
            assertEquals(10, row.size());
            for (JsonNode cell : row) {
                total += cell.asInt();
            }
        }
        assertEquals(20, total, "every test image is counted once");
    }

    @Test
    void evaluatePrintsTheTable() {
        Run evaluate = run("evaluate", "--model", model.toString(), "--data", data.toString());
        assertEquals(0, evaluate.code(), evaluate.err());
        assertTrue(evaluate.out().startsWith("Test accuracy: "), evaluate.out());
        assertTrue(evaluate.out().contains("accuracy %"), evaluate.out());
    }

    @Test
    void predictJsonGivesTheLargestProbability() throws IOException {
        Run predict = run("predict", "--model", model.toString(), "--data", data.toString(), "--index", "3", "--json");
        assertEquals(0, predict.code(), predict.err());
        JsonNode json = new ObjectMapper().readTree(predict.out());
        assertEquals(3, json.get("index").asInt());
        assertEquals(3, json.get("label").asInt());
        JsonNode p = json.get("probabilities");
        assertEquals(10, p.size());
        double sum = 0;
        int best = 0;
        for (int i = 0; i < 10; i++) {
            sum += p.get(i).asDouble();
            if (p.get(i).asDouble() > p.get(best).asDouble()) {
                best = i;
            }
        }
        assertEquals(1.0, sum, 1e-9);
        assertEquals(best, json.get("predicted").asInt());
    }

    @Test
    void predictDrawsTheImage() {
        Run predict = run("predict", "--model", model.toString(), "--data", data.toString(), "--index", "3");
        assertEquals(0, predict.code(), predict.err());
        List<String> lines = predict.out().lines().toList();
        assertEquals(29, lines.size());
        assertEquals("@".repeat(56), lines.get(6).replace('%', '@').replace('#', '@').replace('*', '@'),
                "row 6 of image 3 is the bar");
        assertTrue(lines.get(28).startsWith("Test image 3: predicted "), lines.get(28));
    }

    // ---- usage errors: exit 2, one line on stderr -------------------------------------------------

    @Test
    void benchPrintsSpeedMemoryBackendAndBlas() {
        Run bench = run("bench", "--epochs", "3", "--repeats", "2", "--batch", "8", "--data", data.toString());
        assertEquals(0, bench.code(), bench.err());
        List<String> lines = bench.out().lines().toList();
        assertEquals("backend   CpuBackend", lines.get(0));
        assertTrue(lines.get(1).matches("blas      OPENBLAS \\d+\\.\\d+\\.\\d+, \\d+ threads \\(/.*libopenblas_nolapack\\.so.*\\)"),
                lines.get(1));
        assertTrue(lines.get(2).contains("batch 8 shuffled"), lines.get(2));
        assertTrue(lines.get(3).matches("train     epoch 1: \\d+\\.\\d{3} s, \\d+ samples/s, .*\\(warm-up\\)"), lines.get(3));
        assertTrue(lines.get(5).startsWith("train     epoch 3: "), lines.get(5));
        assertTrue(lines.get(6).matches("training  median \\d+\\.\\d{3} s/epoch, \\d+ samples/s"), lines.get(6));
        assertTrue(lines.get(7).matches("inference median \\d+\\.\\d{4} s for 20 images, \\d+ samples/s"), lines.get(7));
        assertTrue(lines.get(8).matches("memory    peak resident [1-9]\\d* MiB, Java heap max \\d+ MiB"), lines.get(8));
    }

    @Test
    void benchNeedsAnEpoch() {
        assertUsageError(run("bench", "--epochs", "0", "--data", data.toString()), "--epochs");
    }

    static void assertUsageError(Run run, String... parts) {
        assertEquals(2, run.code(), run.err());
        assertEquals(1, run.err().lines().count(), "one line: " + run.err());
        assertTrue(run.err().startsWith("my-mnist: "), run.err());
        for (String part : parts) {
            assertTrue(run.err().contains(part), "lacks \"" + part + "\": " + run.err());
        }
        assertEquals("", run.out());
    }

    @Test
    void noCommand() {
        assertUsageError(run(), "a command is required: fetch, train, evaluate, predict or bench");
    }

    @Test
    void unknownOption() {
        assertUsageError(run("train", "--bogus"), "Unknown option: '--bogus'", "my-mnist train --help");
    }

    @Test
    void epochsNotANumber() {
        assertUsageError(run("train", "--epochs", "many"), "Invalid value for option '--epochs'", "'many'");
    }

    @Test
    void epochsZero() {
        assertUsageError(run("train", "--epochs", "0"), "--epochs must be between 1 and 100000, got 0");
    }

    @Test
    void negativeSeed() {
        assertUsageError(run("train", "--seed", "-3"), "--seed: ", "seed must be between 0 and 4294967295, got -3");
    }

    @Test
    void unknownLoss() {
        assertUsageError(run("train", "--recipe", "modern", "--loss", "hinge"), "--loss: ", "hinge");
    }

    @Test
    void unknownDtype() {
        assertUsageError(run("train", "--dtype", "int8"), "--dtype: unknown type 'int8', expected float32 or float64");
    }

    @Test
    void unknownRecipe() {
        assertUsageError(run("train", "--recipe", "magic"), "--recipe", "magic");
    }

    @Test
    void evaluateWithoutModel() {
        assertUsageError(run("evaluate"), "Missing required option: '--model=FILE'");
    }

    @Test
    void indexOutOfRange() {
        assertUsageError(run("predict", "--model", model.toString(), "--data", data.toString(), "--index", "20"),
                "--index must be between 0 and 19 (the test set has 20 images), got 20");
    }

    // ---- data and model errors: exit 1, one line on stderr ----------------------------------------

    static void assertDataError(Run run, String... parts) {
        assertEquals(1, run.code(), run.err());
        assertEquals(1, run.err().lines().count(), "one line: " + run.err());
        for (String part : parts) {
            assertTrue(run.err().contains(part), "lacks \"" + part + "\": " + run.err());
        }
    }

    @Test
    void dataFolderWithoutTheFiles() throws IOException {
        Path empty = Files.createDirectories(folder.resolve("empty"));
        assertDataError(run("train", "--data", empty.toString()), empty.toString(), "train-images-idx3-ubyte");
    }

    @Test
    void truncatedImagesFile() throws IOException {
        Path broken = Files.createDirectories(folder.resolve("broken"));
        writeDataset(broken, "train", 10);
        writeDataset(broken, "t10k", 10);
        Path images = broken.resolve("t10k-images-idx3-ubyte");
        byte[] bytes = Files.readAllBytes(images);
        Files.write(images, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        assertDataError(run("evaluate", "--model", model.toString(), "--data", broken.toString()),
                images.toString(), "truncated");
    }

    @Test
    void missingModelFile() {
        Path missing = folder.resolve("nothing.zip");
        assertDataError(run("evaluate", "--model", missing.toString(), "--data", data.toString()), missing.toString());
    }

    @Test
    void foreignModelFile() throws IOException {
        Path text = Files.writeString(folder.resolve("notes.zip"), "not a model at all");
        assertDataError(run("predict", "--model", text.toString(), "--index", "0", "--data", data.toString()),
                text.toString(), "not a my-mnist model file");
    }

    @Test
    void verboseAddsTheStackTrace() {
        Path missing = folder.resolve("nothing.zip");
        Run run = run("--verbose", "evaluate", "--model", missing.toString());
        assertEquals(1, run.code());
        assertTrue(run.err().lines().count() > 3, run.err());
        assertTrue(run.err().contains("\tat org.mymnist."), run.err());
    }

    @Test
    void trainHelpSaysEachRecipesEpochs() {
        Run help = run("train", "--help");
        assertEquals(0, help.code());
        String said = "Number of epochs (default: " + Arrays.stream(Recipe.values())
                .map(r -> r.epochs() + " for " + r.label()).collect(Collectors.joining(", ")) + ").";
        assertTrue(help.out().replaceAll("\\s+", " ").contains(said), said + " in\n" + help.out());
    }

    @Test
    void helpListsTheCommands() {
        Run help = run("--help");
        assertEquals(0, help.code());
        for (String command : List.of("fetch", "train", "evaluate", "predict")) {
            assertTrue(help.out().contains(command), help.out());
        }
        assertFalse(help.out().isBlank());
    }
}
