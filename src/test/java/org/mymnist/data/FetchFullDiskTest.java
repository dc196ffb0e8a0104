package org.mymnist.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mymnist.files.DiskSpace;
import org.mymnist.files.NoRoomException;
import org.mymnist.files.SmallDisk;

/**
 * A fetch of MNIST onto a small disk ({@link SmallDisk}: a tmpfs where this process may
 * mount, else free space faked): refused before any download when the four files cannot fit, and,
 * when the disk fills during the download (a ballast written by the mirror half-way through the
 * training images), stopped at once with no partial file left that a later load could take for
 * data. Tagged {@code mount}: it runs in {@code mvn verify}.
 */
@Tag("mount")
class FetchFullDiskTest {

    private static final long MIB = 1 << 20;
    private static final String ALL = "train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte,"
            + " t10k-labels-idx1-ubyte";

    @TempDir
    Path dir;

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Nothing in the folder passes for the data: a load finds the four files missing. */
    private static void assertNoData(Path folder) {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> MnistFiles.inFolder(folder));
        assertTrue(e.getMessage().contains("this MNIST folder lacks train-images-idx3-ubyte[.gz], "
                + "train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]"),
                e.getMessage());
    }

    @Test
    void aDiskWithoutRoomForTheFilesIsRefusedBeforeAnyDownload() throws IOException {
        try (SmallDisk disk = SmallDisk.of(dir.resolve("disk"), 2 * MIB)) {
            String free = DiskSpace.mib(DiskSpace.usable(disk.folder()), false);
            NoRoomException e = assertThrows(NoRoomException.class, () -> MnistFiles.fetch(disk.folder(),
                    MnistFilesTest.downloader(List.of(MnistFilesTest.closedPort()))));
            assertEquals("could not fetch the MNIST files into " + disk.folder() + ": no room in " + disk.folder()
                    + " for " + ALL + ": 52.5 MiB needed, " + free + " free: free some space there, or fetch them into"
                    + " a folder with room (my-mnist fetch --data DIR, or set MNIST_HOME)", e.getMessage());
            assertEquals(List.of(), names(disk.folder()));
            assertNoData(disk.folder());
        }
    }

    @Test
    void aDiskThatFillsDuringTheDownloadLeavesNoPartialFile() throws IOException {
        byte[] gz = trainingImagesOfZeros();
        try (SmallDisk disk = SmallDisk.of(dir.resolve("disk"), 53 * MIB)) {
            Path ballast = disk.folder().resolve("ballast");
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/mnist/train-images-idx3-ubyte.gz", exchange -> {
                exchange.sendResponseHeaders(200, gz.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(gz, 0, gz.length / 2);
                    out.flush();
                    // Someone else fills the disk.
                    fill(ballast, DiskSpace.usable(disk.folder()));
                    out.write(gz, gz.length / 2, gz.length - gz.length / 2);
                } catch (IOException e) {
                    // the client gave up
                }
            });
            server.start();
            try {
                URI mirror = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/mnist/");
                NoRoomException e = assertThrows(NoRoomException.class,
                        () -> MnistFiles.fetch(disk.folder(), MnistFilesTest.downloader(List.of(mirror))));
                String reason = disk.mounted() ? "No space left on device" : "the disk filled";
                String free = DiskSpace.mib(DiskSpace.usable(disk.folder()), false);
                assertEquals("could not fetch the MNIST files into " + disk.folder() + ": no room in "
                        + disk.folder() + " for " + ALL + " (" + reason + " during the fetch): 52.5 MiB needed, " + free
                        + " free; no partial file was left: free some space there, or fetch them into a folder with"
                        + " room (my-mnist fetch --data DIR, or set MNIST_HOME)", e.getMessage(),
                        disk.mounted() ? "on a tmpfs" : disk.why());
            } finally {
                server.stop(0);
            }
            assertEquals(List.of("ballast"), names(disk.folder()), "no temporary or partial file");
            assertNoData(disk.folder());
        }
    }

    /** A gzip of 60,000 blank images: the training images' size, not their content. */
    private static byte[] trainingImagesOfZeros() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(ByteBuffer.allocate(16).putInt(0x803).putInt(60_000).putInt(28).putInt(28).array());
            byte[] zeros = new byte[28 * 28 * 1000];
            for (int i = 0; i < 60; i++) {
                out.write(zeros);
            }
        }
        return bytes.toByteArray();
    }

    private static void fill(Path ballast, long bytes) throws IOException {
        try (OutputStream out = Files.newOutputStream(ballast)) {
            byte[] block = new byte[1 << 16];
            for (long written = 0; written < bytes; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, bytes - written));
            }
        } catch (IOException e) {
            // full: that was the point
        }
    }
}
