package org.mymnist.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary files of writes in progress, deleted by a shutdown hook if the JVM stops before
 * they are renamed or deleted: Ctrl-C (SIGINT), {@code kill} (SIGTERM), {@code System.exit} or a
 * notebook kernel's shutdown. Only a {@code kill -9} (SIGKILL) or a power cut can leave one.
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
