package org.mymnist.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The names of temporary files and folders, {@code PREFIX<pid>-<start>-<machine>.<random>SUFFIX}
 * ({@link WriterStamp}), and the removal of those whose writer is gone. Nothing is removed by age:
 * a name without a stamp, a stamp from another machine, or a writer that still runs keeps its file.
 */
final class TempNames {

    private static final Pattern RANDOM = Pattern.compile("[0-9a-f]{1,16}");

    private TempNames() {
    }

    /** {@return a new name, {@code prefix + stamp + "." + random + suffix}, for this process} */
    static String next(String prefix, String suffix) {
        String random = Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        return prefix + WriterStamp.current().text() + "." + random + suffix;
    }

    /**
     * The writer named in {@code name}, if it has the form {@link #next} gives.
     *
     * @param name a file name
     * @param prefix what it must start with
     * @param suffix what it must end with
     * @return the writer's stamp, or empty for any other name
     */
    static Optional<WriterStamp> writer(String name, String prefix, String suffix) {
        if (!name.startsWith(prefix) || !name.endsWith(suffix) || name.length() <= prefix.length() + suffix.length()) {
            return Optional.empty();
        }
        String middle = name.substring(prefix.length(), name.length() - suffix.length());
        int dot = middle.lastIndexOf('.');
        if (dot < 0 || !RANDOM.matcher(middle.substring(dot + 1)).matches()) {
            return Optional.empty();
        }
        return WriterStamp.parse(middle.substring(0, dot));
    }

    /**
     * Removes the entries of {@code folder} named {@code prefix<stamp>.<random>suffix} whose writer
     * is gone: regular files, or (with {@code folders}) folders and everything in them. Anything
     * that cannot be removed is left; nothing here fails.
     *
     * @return what was removed
     */
    static List<Path> removeStale(Path folder, String prefix, String suffix, boolean folders) {
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder,
                entry -> entry.getFileName().toString().startsWith(prefix))) {
            for (Path entry : entries) {
                Optional<WriterStamp> writer = writer(entry.getFileName().toString(), prefix, suffix);
                boolean kind = folders ? Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)
                        : Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS);
                if (writer.isPresent() && kind && writer.get().isGone() && delete(entry)) {
                    removed.add(entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            // A folder that cannot be listed: nothing to clean.
        }
        return removed;
    }

    private static boolean delete(Path entry) {
        try (Stream<Path> paths = Files.walk(entry)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
