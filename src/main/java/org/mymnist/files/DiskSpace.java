package org.mymnist.files;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Room on disk: how much a folder has free, and whether a failed write ran out of it. A save is
 * checked against the folder's free space before it starts, and a write that fails anyway (the
 * disk filled meanwhile, or a quota the free space does not show) is told from other failures.
 */
public final class DiskSpace {

    /** How many bytes a folder has free; replaced in tests. */
    @FunctionalInterface
    interface Probe {
        /**
         * The bytes this user may still write in a folder.
         *
         * @param folder an existing folder
         * @return the bytes, or {@link Long#MAX_VALUE} if the file system does not say
         * @throws IOException if the folder's file system cannot be asked
         */
        long usable(Path folder) throws IOException;
    }

    private static final Probe SYSTEM = folder -> {
        FileStore store = Files.getFileStore(folder);
        // Pseudo file systems (and some network ones) say 0 of 0: they do not know.
        return store.getTotalSpace() == 0 ? Long.MAX_VALUE : store.getUsableSpace();
    };

    private static volatile Probe probe = SYSTEM;

    private DiskSpace() {
    }

    /**
     * The bytes this user may still write in {@code folder}, or in its nearest existing folder if it
     * does not exist yet ({@link FileStore#getUsableSpace}: a disk quota is not counted).
     *
     * @param folder a folder
     * @return the bytes, or {@link Long#MAX_VALUE} when the file system does not say or cannot be asked
     */
    public static long usable(Path folder) {
        Path existing = folder.toAbsolutePath();
        while (existing != null && !Files.isDirectory(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return Long.MAX_VALUE;
        }
        try {
            return probe.usable(existing);
        } catch (IOException | RuntimeException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Whether a write failed for want of room: the system's "No space left on device" (ENOSPC) or
     * "Disk quota exceeded" (EDQUOT), in the exception or one of its causes.
     *
     * @param e what the write threw
     * @return true if it says the disk or the quota is full
     */
    public static boolean isFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String text = t instanceof FileSystemException f && f.getReason() != null ? f.getReason() : t.getMessage();
            if (text != null && (text.contains("No space left on device") || text.contains("Disk quota exceeded"))) {
                return true;
            }
            for (Throwable s : t.getSuppressed()) {
                if (isFull(s)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The reason a write gave for failing for want of room, e.g. {@code No space left on device},
     * or null.
     *
     * @param e what the write threw
     * @return the system's words, or null if it did not fail for want of room
     */
    public static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String text = t instanceof FileSystemException f && f.getReason() != null ? f.getReason() : t.getMessage();
            if (text != null) {
                for (String words : new String[] {"No space left on device", "Disk quota exceeded"}) {
                    if (text.contains(words)) {
                        return words;
                    }
                }
            }
        }
        return null;
    }

    /**
     * The words of a refusal for want of room: {@code no room in FOLDER for WHAT (REASON):
     * 125.7 MiB needed, 19.9 MiB free}, what is needed rounded up and what is free rounded down,
     * so that the two never read alike.
     *
     * @param folder the folder
     * @param what what needs the room, e.g. {@code the model}
     * @param needed the bytes needed
     * @param free the bytes free
     * @param reason what failed, in words, e.g. {@code No space left on device during the save}, or null
     * @return the words
     */
    public static String noRoom(Path folder, String what, long needed, long free, String reason) {
        return "no room in " + folder + " for " + what + (reason == null ? "" : " (" + reason + ")") + ": "
                + mib(needed, true) + " needed, " + (free == Long.MAX_VALUE ? "an unknown amount" : mib(free, false))
                + " free";
    }

    /**
     * A size in MiB with one decimal, e.g. {@code 1,536.0 MiB}.
     *
     * @param bytes the size
     * @param up whether to round up (a need) or down (what is free)
     * @return the text
     */
    public static String mib(long bytes, boolean up) {
        double tenths = bytes / (double) (1 << 20) * 10;
        double rounded = (up ? Math.ceil(tenths) : Math.floor(tenths)) / 10;
        return String.format(Locale.ROOT, "%,.1f MiB", rounded);
    }

    /**
     * Replaces how free space is measured, for tests; returns the probe replaced.
     *
     * @param replacement the new probe, or null for the system's
     * @return the previous probe
     */
    static Probe replace(Probe replacement) {
        Probe previous = probe;
        probe = replacement == null ? SYSTEM : replacement;
        return previous;
    }
}
