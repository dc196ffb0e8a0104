package org.mymnist.files;

import java.nio.file.Path;
import java.util.function.ToLongFunction;

/**
 * Free space as a test says it is, for {@link DiskSpace#usable}: no disk has to be filled. Close it
 * to give the system's back.
 */
public final class FakeDiskSpace implements AutoCloseable {

    private final DiskSpace.Probe previous;

    private FakeDiskSpace(ToLongFunction<Path> free) {
        previous = DiskSpace.replace(free::applyAsLong);
    }

    /**
     * Every folder has {@code free} bytes free.
     *
     * @param free the bytes
     * @return the fake, to close
     */
    public static FakeDiskSpace everywhere(long free) {
        return new FakeDiskSpace(folder -> free);
    }

    /**
     * The folders under {@code small} (and it) have {@code free} bytes free, all others plenty.
     *
     * @param small a folder
     * @param free the bytes it has free
     * @return the fake, to close
     */
    public static FakeDiskSpace in(Path small, long free) {
        Path root = small.toAbsolutePath().normalize();
        return new FakeDiskSpace(folder -> folder.toAbsolutePath().normalize().startsWith(root) ? free : 1L << 40);
    }

    /**
     * Free space from a function of the folder.
     *
     * @param free the bytes free in each folder
     * @return the fake, to close
     */
    public static FakeDiskSpace of(ToLongFunction<Path> free) {
        return new FakeDiskSpace(free);
    }

    @Override
    public void close() {
        DiskSpace.replace(previous);
    }
}
