package org.mymnist.files;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Writes a file all at once or not at all: the content goes to a new temporary file in the same
 * folder ({@code .<name>.<pid>-<start>-<machine>.<random>.tmp}), is forced to disk, then renamed
 * over the target. If anything fails before the rename the temporary file is deleted and an
 * existing target is left untouched; if the JVM is stopped (Ctrl-C, {@code kill}) {@link TempFiles}'
 * shutdown hook deletes it. A JVM killed outright ({@code kill -9}, a memory limit) leaves it; the
 * next write of the same target removes it, once its writer is certainly gone ({@link #removeStale}).
 * Two processes writing the same target at once each rename a whole file: the last one wins.
 */
public final class AtomicFile {

    /** What to write into the temporary file. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the whole content.
         *
         * @param out the temporary file; do not close it
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    private static final int TEMP_NAME_ATTEMPTS = 16;

    private AtomicFile() {
    }

    /**
     * Writes {@code target} from {@code content}, replacing it if it exists. A target that is a
     * symbolic link is replaced by the file, not followed: callers that mean the link's target
     * resolve it first.
     *
     * @param target the file to write; its folder must exist
     * @param content what to write
     * @throws IOException if the temporary file cannot be created, written or renamed; the target
     *     is then unchanged and no temporary file is left
     */
    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new NoSuchFileException(target.toString(), null, "cannot write it: the folder " + folder
                    + (Files.exists(folder) ? " is not a folder" : " does not exist"));
        }
        removeStale(absolute);
        Path temp;
        try {
            temp = createTemp(absolute);
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(target.toString(), null,
                    "cannot write it: permission denied in the folder " + folder);
        }
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel))) {
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            move(temp, absolute);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            TempFiles.release(temp);
        }
    }

    /**
     * Removes the temporary files that earlier writes of {@code target} left beside it and whose
     * writer is gone: named {@code .<name>.<pid>-<start>-<machine>.<random>.tmp}, written on this
     * machine (and PID namespace) by a process that no longer runs, or whose PID now belongs to a
     * process started at another time. A live writer's file is kept, and so is any name without a
     * writer (the {@code .<name>.<random>.tmp} of versions before it) and any other machine's.
     * Nothing is judged by age. {@link #write} calls it first.
     *
     * @param target the file written
     * @return the files removed
     */
    public static List<Path> removeStale(Path target) {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        return folder == null ? List.of() : TempNames.removeStale(folder, tempPrefix(absolute), ".tmp", false);
    }

    /**
     * The name pattern of the temporary files of {@code target}: they start with this prefix and
     * end in {@code .tmp}.
     *
     * @param target the file being written
     * @return {@code .<name>.}
     */
    public static String tempPrefix(Path target) {
        return "." + target.toAbsolutePath().getFileName() + ".";
    }

    /**
     * A new empty file next to {@code target}, named {@code .<name>.<pid>-<start>-<machine>.<random>.tmp}. Created like
     * any other file (not with {@code Files.createTempFile}'s owner-only permissions), so the
     * renamed file gets the usual permissions. Registered with {@link TempFiles} before it exists,
     * so that no moment leaves it unrecorded.
     */
    private static Path createTemp(Path target) throws IOException {
        String prefix = tempPrefix(target);
        for (int attempt = 0; ; attempt++) {
            Path temp = target.resolveSibling(TempNames.next(prefix, ".tmp"));
            TempFiles.register(temp);
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                TempFiles.release(temp);
                if (attempt == TEMP_NAME_ATTEMPTS) {
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                TempFiles.release(temp);
                throw e;
            }
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
