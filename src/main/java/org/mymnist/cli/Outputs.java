package org.mymnist.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mymnist.data.MnistFile;
import org.mymnist.data.MnistFiles;
import org.mymnist.files.DiskSpace;
import org.mymnist.files.FileKind;

/**
 * The files a command will write ({@code --save}, {@code --history}), checked before any work, so
 * that a refusal costs nothing and a run never ends by destroying a file. One rule for every
 * output: missing folders on the way are created (just before the work starts); the target is a
 * regular file or nothing yet, never a directory, device, pipe or broken link; a link to a
 * regular file is written through (the link stays); no output is the same file as another output
 * or as a data file (or takes a data file's name in the data folder), compared as real paths and
 * with {@link Files#isSameFile}; the folder has room for the output ({@link #checkRoom}). ({@code --model} is read only by {@code evaluate} and
 * {@code predict}, which write nothing.) Every refusal is a {@link UsageException} (exit 2) that names the
 * option and the path.
 */
final class Outputs {

    /** One file to write: the option that names it and its path. */
    record Output(String option, Path path) {
    }

    private final List<Output> outputs = new ArrayList<>();

    /**
     * Adds an output, if given, and checks it on its own and against the outputs added before.
     *
     * @param option the option, e.g. {@code --save}
     * @param path its value, or null when the option is not given
     * @return this
     * @throws UsageException if the path cannot be written as a regular file, or names the same
     *     file as another output
     */
    Outputs add(String option, Path path) {
        if (path == null) {
            return this;
        }
        checkKind(option, path);
        Path key = identity(path);
        for (Output other : outputs) {
            if (identity(other.path()).equals(key) || sameExistingFile(other.path(), path)) {
                throw new UsageException(option + " " + path + " and " + other.option() + " " + other.path()
                        + " name the same file: give each its own file, or one would overwrite the other");
            }
        }
        outputs.add(new Output(option, path));
        return this;
    }

    /**
     * Checks that no output is one of the data files (or takes the name of one in the data
     * folder, raw or {@code .gz}).
     *
     * @param files the data files the command reads
     * @throws UsageException naming the option, the output and the data file
     */
    void checkAgainst(MnistFiles files) {
        for (Output output : outputs) {
            Path key = identity(output.path());
            for (MnistFile file : MnistFile.values()) {
                for (Path input : new Path[] {files.folder().resolve(file.fileName()),
                        files.folder().resolve(file.gzipFileName())}) {
                    if (identity(input).equals(key) || sameExistingFile(input, output.path())) {
                        throw new UsageException(output.option() + " " + output.path() + " is the data file "
                                + input + " (or would take its place): writing there would destroy the data;"
                                + " choose another file");
                    }
                }
            }
        }
    }

    /**
     * Checks that an output's folder has room for what will be written there: its own free space,
     * or its nearest existing folder's if it is still to be created.
     *
     * @param option the output's option, added before
     * @param bytes the bytes it will take
     * @param what what it is, e.g. {@code the model}
     * @throws UsageException naming the option, the folder, the MiB needed and the MiB free
     */
    void checkRoom(String option, long bytes, String what) {
        for (Output output : outputs) {
            if (output.option().equals(option)) {
                Path folder = target(output.path()).toAbsolutePath().getParent();
                if (folder == null) {
                    return;
                }
                long free = DiskSpace.usable(folder);
                if (free < bytes) {
                    throw new UsageException(option + " " + output.path() + ": "
                            + DiskSpace.noRoom(folder, what, bytes, free, null) + "; free some space there or save elsewhere");
                }
            }
        }
    }

    /**
     * Creates the missing folders of every output, once all checks have passed, just before the work.
     *
     * @throws UsageException if a folder cannot be created
     */
    void createFolders() {
        for (Output output : outputs) {
            Path folder = output.path().toAbsolutePath().getParent();
            if (folder != null && !Files.isDirectory(folder)) {
                try {
                    Files.createDirectories(folder);
                } catch (IOException e) {
                    throw new UsageException(output.option() + " " + output.path() + ": cannot create the folder "
                            + folder);
                }
            }
        }
    }

    /** Where to write an output: through a symbolic link to its regular file, else the path itself. */
    static Path target(Path path) {
        try {
            return Files.isSymbolicLink(path) ? path.toRealPath() : path;
        } catch (IOException e) {
            return path;
        }
    }

    private static void checkKind(String option, Path path) {
        FileKind kind = FileKind.of(path);
        switch (kind) {
            case REGULAR:
                Path real = target(path);
                Path folder = real.toAbsolutePath().getParent();
                if (!Files.isWritable(real) || folder != null && !Files.isWritable(folder)) {
                    throw new UsageException(option + " " + path + ": permission denied: cannot replace this file");
                }
                return;
            case MISSING:
                checkFolder(option, path);
                return;
            case DIRECTORY:
                throw new UsageException(option + " " + path + " is a directory: name a file in it, e.g. "
                        + path.resolve("model.zip"));
            default:
                throw new UsageException(option + " " + path + " is " + kind.description()
                        + ": expected a regular file to write");
        }
    }

    /** For a file that does not exist yet: the nearest existing folder on the way must be a writable folder. */
    private static void checkFolder(String option, Path path) {
        Path ancestor = path.toAbsolutePath().getParent();
        while (ancestor != null && FileKind.of(ancestor) == FileKind.MISSING) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null) {
            return;
        }
        FileKind kind = FileKind.of(ancestor);
        if (kind != FileKind.DIRECTORY) {
            throw new UsageException(option + " " + path + ": cannot be created, " + ancestor + " is "
                    + kind.description() + ", not a folder");
        }
        if (!Files.isWritable(ancestor)) {
            throw new UsageException(option + " " + path + ": permission denied: cannot write in " + ancestor);
        }
    }

    /**
     * A path as the file it names: the real path of what exists (links and {@code ..} resolved),
     * and for what does not exist yet, the real path of its nearest existing folder followed by the rest.
     */
    private static Path identity(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        Path rest = null;
        while (existing != null) {
            try {
                Path real = existing.toRealPath();
                return rest == null ? real : real.resolve(rest).normalize();
            } catch (IOException e) {
                Path name = existing.getFileName();
                rest = rest == null ? name : name.resolve(rest);
                existing = existing.getParent();
            }
        }
        return absolute;
    }

    private static boolean sameExistingFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
