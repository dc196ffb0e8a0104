package org.mymnist.modelfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/** Every kind of broken model file fails with a {@link ModelFileException} that says what is wrong. */
class ModelFileErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path file;
    Map<String, byte[]> entries;

    @BeforeEach
    void saveAGoodModel() throws Exception {
        file = dir.resolve("demo.zip");
        ModelFile.save(Archives.smallModel(), file);
        entries = Archives.entries(file);
    }

    @Test
    void missingFile() {
        Path missing = dir.resolve("nothing.zip");
        assertMessage(missing, missing + ": no such file");
    }

    @Test
    void directory() {
        assertMessage(dir, dir + " is a directory, not a my-mnist model file");
    }

    @Test
    void foreignFiles() throws Exception {
        Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0});
        assertMessage(file, file + " is not a my-mnist model file (not a zip archive; it looks like a PNG image)");

        Files.write(file, new byte[] {(byte) 0x80, 4, (byte) 0x95, 0x10, 0, 0});
        assertMessage(file, file + " is not a my-mnist model file (not a zip archive; it looks like a Python pickle)");

        Files.write(file, Npy.toBytes(Nd4j.createFromArray(new double[] {1})));
        assertMessage(file, file + " is not a my-mnist model file (not a zip archive; it looks like a single"
                + " .npy array, not a model archive)");

        Files.writeString(file, "hello");
        assertMessage(file, file + " is not a my-mnist model file (not a zip archive)");

        Files.write(file, new byte[0]);
        assertMessage(file, file + " is not a my-mnist model file (not a zip archive; the file is empty)");
    }

    @Test
    void truncatedZip() throws Exception {
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));
        assertStartsWith(file, file + " is not a my-mnist model file (truncated or damaged zip archive: ");
    }

    @Test
    void corruptedWeightEntry() throws Exception {
        byte[] whole = Files.readAllBytes(file);
        byte[] npy = entries.get("layers/1.weight.npy");
        int at = indexOf(whole, npy) + npy.length - 3; // a data byte of the stored entry
        whole[at] ^= 0x10;
        Files.write(file, whole);
        assertStartsWith(file, file + ": layers/1.weight.npy: corrupted entry (CRC-32 ");
    }

    @Test
    void corruptedJsonEntry() throws Exception {
        byte[] whole = Files.readAllBytes(file);
        whole[60] ^= 0x01; // inside model.json's deflated data, which follows its 40-byte local header
        Files.write(file, whole);
        assertStartsWith(file, file + ": model.json: corrupted entry (");
    }

    @Test
    void zipWithoutModelJson() throws Exception {
        Archives.write(file, Map.of("hello.txt", "hi".getBytes(StandardCharsets.UTF_8)));
        assertMessage(file, file + " is not a my-mnist model file (no model.json entry in the zip archive)");
    }

    @Test
    void notJson() throws Exception {
        entries.put("model.json", "{\"format\": ".getBytes(StandardCharsets.UTF_8));
        Archives.write(file, entries);
        assertStartsWith(file, file + ": model.json: not valid JSON (");
    }

    @Test
    void wrongFormatName() throws Exception {
        editJson(json -> json.put("format", "keras"));
        assertMessage(file, file + ": model.json: format: expected 'my-mnist-model', got 'keras'");
    }

    @Test
    void unsupportedVersion() throws Exception {
        editJson(json -> json.put("version", 3));
        assertMessage(file, file + ": model.json: version: unsupported version 3, expected 1 or 2"
                + " (written by a newer my-mnist?)");
    }

    @Test
    void missingFields() throws Exception {
        editJson(json -> json.remove("loss_history"));
        assertMessage(file, file + ": model.json: loss_history: missing");

        saveAGoodModel();
        editJson(json -> layer(json, 0).remove("lr"));
        assertMessage(file, file + ": model.json: layers[0].lr: missing");

        saveAGoodModel();
        editJson(json -> json.remove("format"));
        assertMessage(file, file + ": model.json: format: missing");
    }

    @Test
    void badFieldValues() throws Exception {
        editJson(json -> layer(json, 1).put("input_n", 5));
        assertMessage(file, file + ": model.json: layers[1].input_n: expected 2 (layers[0].output_n), got 5");

        saveAGoodModel();
        editJson(json -> layer(json, 0).put("output_n", "2"));
        assertMessage(file, file + ": model.json: layers[0].output_n: expected a positive integer, got \"2\"");

        saveAGoodModel();
        editJson(json -> json.putArray("loss_history").add("low"));
        assertMessage(file, file + ": model.json: loss_history[0]: expected a number, got \"low\"");
    }

    @Test
    void unknownActivation() throws Exception {
        editJson(json -> layer(json, 1).put("activation", "tanh"));
        assertMessage(file, file + ": model.json: layers[1].activation: unknown activation 'tanh':"
                + " expected sigmoid, softmax, identity or relu");
    }

    @Test
    void unknownLoss() throws Exception {
        editJson(json -> json.put("loss", "crossentropy"));
        assertMessage(file, file + ": model.json: loss: unknown loss 'crossentropy': expected mse or cross-entropy");
    }

    @Test
    void biasNamedButMissingIsRefused() throws Exception {
        editJson(json -> layer(json, 0).put("bias", "layers/0.bias.npy"));
        assertMessage(file, file + ": model.json: layers[0].bias: entry 'layers/0.bias.npy'"
                + " not found in the zip archive");
    }

    @Test
    void missingWeightEntry() throws Exception {
        entries.remove("layers/1.weight.npy");
        Archives.write(file, entries);
        assertMessage(file, file + ": model.json: layers[1].weight: entry 'layers/1.weight.npy'"
                + " not found in the zip archive");
    }

    @Test
    void npyWithBadMagic() throws Exception {
        entries.get("layers/0.weight.npy")[0] = 'X';
        Archives.write(file, entries);
        assertMessage(file, file + ": layers/0.weight.npy: not a .npy array (bad magic XNUMPY, expected \\x93NUMPY)");
    }

    @Test
    void npyWithWrongDtype() throws Exception {
        entries.put("layers/0.weight.npy", NpyTest.npy(
                "{'descr': '<i8', 'fortran_order': False, 'shape': (3, 2), }", 64, new byte[48]));
        Archives.write(file, entries);
        assertMessage(file, file + ": layers/0.weight.npy: dtype '<i8' not supported, expected '<f8' or '<f4'");
    }

    @Test
    void npyShapeNotMatchingTheLayer() throws Exception {
        entries.put("layers/0.weight.npy", Npy.toBytes(Nd4j.zeros(2, 3)));
        Archives.write(file, entries);
        assertMessage(file, file + ": layers/0.weight.npy: shape (2, 3) does not match layers[0]"
                + " (input_n 3, output_n 2), expected (3, 2)");
    }

    @Test
    void npyDataLengthNotMatchingTheShape() throws Exception {
        byte[] npy = entries.get("layers/0.weight.npy");
        entries.put("layers/0.weight.npy", Arrays.copyOf(npy, npy.length - 8));
        Archives.write(file, entries);
        assertMessage(file, file + ": layers/0.weight.npy: data length 40 bytes does not match shape (3, 2)"
                + " '<f8', expected 48 bytes");
    }

    @Test
    void hugeDeclaredShapeFailsBeforeAllocating() throws Exception {
        editJson(json -> {
            layer(json, 0).put("input_n", 100_000).put("output_n", 100_000);
            layer(json, 1).put("input_n", 100_000);
        });
        entries = Archives.entries(file);
        entries.put("layers/0.weight.npy", NpyTest.npy(
                "{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }", 64, new byte[64]));
        Archives.write(file, entries);
        assertMessage(file, file + ": layers/0.weight.npy: data length 64 bytes does not match shape"
                + " (100000, 100000) '<f8', expected 80000000000 bytes");
    }

    private void editJson(Consumer<ObjectNode> edit) throws Exception {
        ObjectNode json = (ObjectNode) JSON.readTree(entries.get("model.json"));
        edit.accept(json);
        entries.put("model.json", JSON.writeValueAsBytes(json));
        Archives.write(file, entries);
    }

    private static ObjectNode layer(ObjectNode json, int index) {
        return (ObjectNode) json.get("layers").get(index);
    }

    private static void assertMessage(Path path, String expected) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(path));
        assertEquals(expected, e.getMessage());
    }

    private static void assertStartsWith(Path path, String expected) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(path));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
