package org.mymnist.modelfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad model files, one test per kind: special files refused at once and named, values from the
 * file never echoed whole, no library internals, a model for other data refused naming both sizes.
 */
class BadModelFileTest {

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

    static String message(Path file) {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        String m = e.getMessage();
        assertFalse(m.contains("\n"), "one line: " + m);
        assertFalse(m.matches(".*\\b(java|javax|org\\.nd4j|com\\.fasterxml)\\.[a-z].*"), "no class names: " + m);
        assertFalse(m.contains("StreamReadConstraints") || m.contains("Exception"), "no library internals: " + m);
        return m;
    }

    @Test
    void aNamedPipeFailsAtOnceInsteadOfWaitingForever() throws Exception {
        Path fifo = dir.resolve("fifo.zip");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor());
        String m = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> message(fifo));
        assertEquals(fifo + " is a named pipe (FIFO), not a my-mnist model file", m);
    }

    @Test
    void devicesAndBrokenLinksAreNamed() throws Exception {
        assertEquals("/dev/zero is a device, not a my-mnist model file", message(Paths.get("/dev/zero")));
        Path dangling = Files.createSymbolicLink(dir.resolve("old.zip"), dir.resolve("deleted.zip"));
        assertEquals(dangling + " is a symbolic link to a file that does not exist, not a my-mnist model file",
                message(dangling));
        Path loop = dir.resolve("loop.zip");
        Files.createSymbolicLink(loop, loop);
        assertEquals(loop + " is a symbolic link that loops (too many levels of links), not a my-mnist model file",
                message(loop));
        assertEquals("'' (an empty path) is a directory, not a my-mnist model file", message(Paths.get("")));
    }

    /** The campaign's model.json with a 10 MB string where the format's name goes. */
    @Test
    void aHugeStringIsNotEchoedWhole() throws Exception {
        String json = new String(entries.get("model.json"), StandardCharsets.UTF_8)
                .replace("\"my-mnist-model\"", "\"" + "x".repeat(10_000_000) + "\"");
        entries.put("model.json", json.getBytes(StandardCharsets.UTF_8));
        Archives.write(file, entries);
        String m = message(file);
        assertEquals(file + ": model.json: format: expected 'my-mnist-model', got '" + "x".repeat(77)
                + "... (10000000 characters)'", m);
    }

    /** A string beyond Jackson's limit: said in words, not as StreamReadConstraints.getMaxStringLength(). */
    @Test
    void aStringBeyondTheJsonReadersLimitIsSaidInWords() throws Exception {
        String json = new String(entries.get("model.json"), StandardCharsets.UTF_8)
                .replace("\"my-mnist-model\"", "\"" + "y".repeat(20_000_001) + "\"");
        entries.put("model.json", json.getBytes(StandardCharsets.UTF_8));
        Archives.write(file, entries);
        assertEquals(file + ": model.json: not a model description (a value longer or more deeply nested than a"
                + " model description has, beyond the JSON reader's limits)", message(file));
    }

    @Test
    void aDamagedEntryIsSaidInWords() throws Exception {
        byte[] whole = Files.readAllBytes(file);
        int at = indexOf(whole, "model.json".getBytes(StandardCharsets.US_ASCII)) + 10 + 4;
        for (int i = at; i < at + 20; i++) {
            whole[i] ^= (byte) 0x55; // the deflated bytes of model.json, the first entry
        }
        Files.write(file, whole);
        String m = message(file);
        assertTrue(m.startsWith(file + ": model.json: "), m);
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
        return -1;
    }

    @Test
    void aModelForOtherDataIsRefusedNamingBothSizes() throws ModelFileException {
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file, 784, 10));
        assertEquals(file + ": the model takes 3 inputs and gives 2 outputs, but the data have 784 values per image"
                + " and 10 classes: expected a model of 784 inputs and 10 outputs", e.getMessage());
        assertEquals(2, assertDoesNotThrowLoad().layers().size());
    }

    private org.mymnist.nn.Model assertDoesNotThrowLoad() throws ModelFileException {
        return ModelFile.load(file, 3, 2);
    }

    @Test
    void messagesAreClipped() {
        assertEquals("a 'short' one", ModelFileException.oneLine("a 'short' one"));
        assertEquals("two lines", ModelFileException.oneLine("two\nlines"));
        String clipped = ModelFileException.oneLine("got '" + "z".repeat(81) + "' here");
        assertEquals("got '" + "z".repeat(77) + "... (81 characters)' here", clipped);
        assertEquals(ModelFileException.MAX_MESSAGE, ModelFileException.oneLine("w".repeat(5000)).length());
    }
}
