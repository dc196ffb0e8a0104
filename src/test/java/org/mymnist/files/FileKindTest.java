package org.mymnist.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileKindTest {

    @TempDir
    Path folder;

    static void mkfifo(Path path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertEquals(0, p.waitFor(), "mkfifo " + path);
    }

    @Test
    void regularFileDirectlyAndThroughLinks() throws IOException {
        Path file = Files.writeString(folder.resolve("a"), "x");
        Path link = Files.createSymbolicLink(folder.resolve("link"), Paths.get("a"));
        Path linkToLink = Files.createSymbolicLink(folder.resolve("link2"), link);
        assertEquals(FileKind.REGULAR, FileKind.of(file));
        assertEquals(FileKind.REGULAR, FileKind.of(link));
        assertEquals(FileKind.REGULAR, FileKind.of(linkToLink));
    }

    @Test
    void specialFilesAreNamed() throws IOException, InterruptedException {
        Path fifo = folder.resolve("fifo");
        mkfifo(fifo);
        assertEquals(FileKind.FIFO, FileKind.of(fifo));
        assertEquals("a named pipe (FIFO)", FileKind.of(fifo).description());
        assertEquals(FileKind.DEVICE, FileKind.of(Paths.get("/dev/null")));
        assertEquals(FileKind.DIRECTORY, FileKind.of(folder));
        assertEquals(FileKind.DIRECTORY, FileKind.of(Paths.get("")), "the empty path is the current folder");
        assertEquals(FileKind.FIFO, FileKind.of(Files.createSymbolicLink(folder.resolve("to-fifo"), fifo)));
    }

    @Test
    void brokenLinksAndMissingFiles() throws IOException {
        Path dangling = Files.createSymbolicLink(folder.resolve("dangling"), folder.resolve("nowhere"));
        Path a = folder.resolve("loop-a");
        Path b = folder.resolve("loop-b");
        Files.createSymbolicLink(a, b);
        Files.createSymbolicLink(b, a);
        assertEquals(FileKind.DANGLING_LINK, FileKind.of(dangling));
        assertEquals(FileKind.LINK_LOOP, FileKind.of(a));
        assertEquals(FileKind.MISSING, FileKind.of(folder.resolve("nothing")));
        assertEquals(FileKind.MISSING, FileKind.of(folder.resolve("no/such/dir/file")));
    }
}
