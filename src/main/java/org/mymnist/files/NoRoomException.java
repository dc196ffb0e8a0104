package org.mymnist.files;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A write refused, or failed, for want of room on disk. Its message is one line that names the
 * folder, the MiB needed and the MiB free ({@link DiskSpace#noRoom}), and what became of the
 * work.
 */
public class NoRoomException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path folder;
    private final long needed;
    private final long free;

    /**
     * A refusal or failure.
     *
     * @param message the one-line message
     * @param folder the folder without room
     * @param needed the bytes needed
     * @param free the bytes free
     * @param cause the failed write, or null for a refusal before writing
     */
    public NoRoomException(String message, Path folder, long needed, long free, Throwable cause) {
        super(message, cause);
        this.folder = folder;
        this.needed = needed;
        this.free = free;
    }

    /** {@return the folder without room} */
    public Path folder() {
        return folder;
    }

    /** {@return the bytes needed} */
    public long needed() {
        return needed;
    }

    /** {@return the bytes free when it was refused or failed} */
    public long free() {
        return free;
    }
}
