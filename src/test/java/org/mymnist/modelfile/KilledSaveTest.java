package org.mymnist.modelfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mymnist.nn.Model;

/**
 * A save killed with SIGKILL, as a kernel over its memory limit is: a JVM of its own
 * saves a 784-3200-10 float64 model (20 MB) to {@code m.zip} and is killed at 20 points spread over
 * the save, timed first (twice, the shorter kept). After each kill the folder holds the whole previous file or the whole
 * new one, and at most the killed save's temporary file; one more save removes that, and the
 * folder then holds {@code m.zip} alone, which loads. Two JVMs saving to the same name at once
 * leave one of the two models, whole. Tagged {@code process}: it runs in {@code mvn verify}.
 */
@Tag("process")
class KilledSaveTest {

    /** The hidden layer's width: 784 x 3200 float64 weights, 20 MB. */
    static final int WIDTH = 3200;

    @TempDir
    Path dir;

    /** A JVM running {@link BigSave}, ready to save when told. */
    static final class Saver implements AutoCloseable {
        final Process process;
        final BufferedReader out;
        final double value;

        Saver(Path target, double value) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            this.process = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp",
                    System.getProperty("java.class.path"), BigSave.class.getName(), target.toString(),
                    Integer.toString(WIDTH), Double.toString(value)).redirectErrorStream(true).start();
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.value = value;
        }

        void awaitReady() throws IOException {
            String line = out.readLine();
            assertEquals("ready", line, "the saver started");
        }

        void go() throws IOException {
            OutputStream in = process.getOutputStream();
            in.write('\n');
            in.flush();
        }

        /** Waits for the save to end; returns how long it took. */
        long awaitSaved() throws Exception {
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("saved "), "the save ended: " + line);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue());
            return Long.parseLong(line.substring("saved ".length()));
        }

        void kill() throws InterruptedException {
            process.destroyForcibly(); // SIGKILL
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the saver stops");
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** The value every weight of the model in {@code file} has: which save wrote it. */
    private static double valueIn(Path file) throws IOException {
        Model model = ModelFile.load(file);
        return model.layers().get(0).weight().getDouble(0, 0);
    }

    @Test
    void aSaveKilledAtTwentyPointsLeavesWholeFilesAndTheNextSaveRemovesItsTemporaryFile() throws Exception {
        Path target = dir.resolve("m.zip");
        ModelFile.save(BigSave.wide(2, -1), target);
        // Timed twice, the shorter kept: the first save of a JVM on a busy machine can take twice as long.
        long saveNanos = Long.MAX_VALUE;
        Saver next = new Saver(target, 0.5);
        for (int run = 0; run < 2; run++) {
            try (Saver timing = next) {
                next = new Saver(target, run == 0 ? 0.5 : 1);
                timing.awaitReady();
                timing.go();
                saveNanos = Math.min(saveNanos, timing.awaitSaved());
            }
        }
        assertEquals(0.5, valueIn(target));
        int midSave = 0;
        int afterRename = 0;
        List<String> log = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Saver saver = next;
            try {
                saver.awaitReady();
                next = i < 19 ? new Saver(target, i + 2) : null;
                saver.go();
                TimeUnit.NANOSECONDS.sleep(delay(saveNanos, i));
                saver.kill();
            } finally {
                saver.close();
            }
            String temp = ".m.zip." + saver.process.pid() + "-";
            List<String> left = names();
            for (String name : left) {
                if (!name.equals("m.zip") && !(name.startsWith(temp) && name.endsWith(".tmp"))) {
                    fail("after kill " + i + ", a file that is neither m.zip nor the killed save's: " + left);
                }
            }
            boolean tempLeft = left.size() == 2;
            double value = valueIn(target);
            double previous = i == 0 ? 0.5 : -1 - i;
            assertTrue(value == previous || value == saver.value,
                    "m.zip is the previous model or the killed save's, whole: " + value);
            midSave += tempLeft ? 1 : 0;
            afterRename += value == saver.value ? 1 : 0;
            log.add(String.format("%.0f ms: %s", delay(saveNanos, i) / 1e6, tempLeft ? "temporary file left"
                    : value == saver.value ? "saved" : "not started"));

            ModelFile.save(BigSave.wide(2, -2 - i), target); // one more save
            assertEquals(List.of("m.zip"), names(), "the next save removed the killed save's temporary file");
            assertEquals(-2 - i, valueIn(target));
        }
        // The kills must have come during the writes, or the test would test nothing.
        assertTrue(midSave >= 5, "kills during the write: " + midSave + " of 20 (save timed at "
                + saveNanos / 1_000_000 + " ms): " + log);
        System.out.println("KilledSaveTest: save " + saveNanos / 1_000_000 + " ms; " + midSave
                + " kills left a temporary file, " + afterRename + " came after the rename; " + log);
    }

    /** The middle of the {@code i}-th twentieth of the save. */
    private static long delay(long saveNanos, int i) {
        return saveNanos * (2 * i + 1) / 40;
    }

    @Test
    void twoJvmsSavingTheSameNameAtOnceLeaveOneWholeModel() throws Exception {
        Path target = dir.resolve("m.zip");
        try (Saver a = new Saver(target, 3); Saver b = new Saver(target, 4)) {
            a.awaitReady();
            b.awaitReady();
            a.go();
            b.go();
            a.awaitSaved();
            b.awaitSaved();
        }
        assertEquals(List.of("m.zip"), names(), "one file, no temporary file");
        assertTrue(Set.of(3.0, 4.0).contains(valueIn(target)), "one of the two models, whole");
        Model model = ModelFile.load(target);
        assertEquals(Set.of(valueIn(target)), Set.of(model.layers().get(1).weight().getDouble(WIDTH - 1, 9)),
                "the last weight comes from the same save as the first");
    }
}
