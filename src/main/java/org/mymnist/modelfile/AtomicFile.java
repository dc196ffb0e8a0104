package org.mymnist.modelfile;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file all at once or not at all: the content goes to a new temporary file in the same
 * folder, is forced to disk, then renamed over the target. If anything fails before the rename
 * the temporary file is deleted and an existing target is left untouched.
 */
final class AtomicFile {

    /** What to write into the temporary file. */
    @FunctionalInterface
    interface Content {
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
     * Writes {@code target} from {@code content}, replacing it if it exists.
     *
     * @param target the file to write
     * @param content what to write
     * @throws IOException if the temporary file cannot be created, written or renamed; the target
     *     is then unchanged and no temporary file is left
     */
    static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path temp = createTemp(absolute);
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
        }
    }

    /**
     * A new empty file next to {@code target}, named {@code .<name>.<random>.tmp}. Created like
     * any other file (not with {@code Files.createTempFile}'s owner-only permissions), so the
     * renamed model file gets the usual permissions.
     */
    private static Path createTemp(Path target) throws IOException {
        String prefix = "." + target.getFileName() + ".";
        for (int attempt = 0; ; attempt++) {
            String random = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
            try {
                return Files.createFile(target.resolveSibling(prefix + random + ".tmp"));
            } catch (FileAlreadyExistsException e) {
                if (attempt == TEMP_NAME_ATTEMPTS) {
                    throw e;
                }
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
