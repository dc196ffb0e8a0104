package org.mymnist.modelfile;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.mymnist.files.DiskSpace;
import org.mymnist.files.NoRoomException;
import org.mymnist.files.TempFiles;
import org.mymnist.nn.Model;

/**
 * A model that could not be saved where asked for want of room, saved where there is room: the
 * system's temporary folder, else the home folder, under a new name only its owner can read.
 */
final class Rescue {

    private Rescue() {
    }

    /**
     * Saves the model elsewhere and says so.
     *
     * @param model the model
     * @param file where it was to be saved
     * @param folder that file's folder
     * @param needed the bytes it needs
     * @param free the bytes the folder has free
     * @param reason what failed during the write, or null for a refusal before it
     * @param cause the failed write, or null
     * @return the exception to throw: one line with the folder, the MiB needed and free, and where
     *     the model is now and how to move it, or that it could not be saved anywhere
     */
    static NoRoomException noRoom(Model model, Path file, Path folder, long needed, long free, String reason,
            IOException cause) {
        StringBuilder message = new StringBuilder(file.toString()).append(": ")
                .append(DiskSpace.noRoom(folder, "the model", needed, free, reason)).append("; ");
        if (Files.exists(file)) {
            message.append(file).append(" is unchanged; ");
        }
        List<String> tried = new ArrayList<>();
        for (Path place : places(folder)) {
            long room = DiskSpace.usable(place);
            if (room < needed) {
                tried.add(place + " has " + DiskSpace.mib(room, false) + " free");
                continue;
            }
            try {
                Path saved = write(model, place, file);
                message.append("the model was saved to ").append(saved).append(" instead: once there is room, move it")
                        .append(" with mv ").append(shell(saved)).append(' ').append(shell(file.toAbsolutePath()));
                return new NoRoomException(message.toString(), folder, needed, free, cause);
            } catch (IOException e) {
                if (cause != null) {
                    cause.addSuppressed(e);
                }
                tried.add(place + ": " + (DiskSpace.isFull(e) ? "no room either" : e.getMessage()));
            }
        }
        message.append("it could not be saved elsewhere either (").append(String.join("; ", tried))
                .append("): free some space, then save again");
        return new NoRoomException(message.toString(), folder, needed, free, cause);
    }

    /** The system's temporary folder and the home folder, those that exist and are not {@code folder}. */
    private static List<Path> places(Path folder) {
        List<Path> places = new ArrayList<>();
        for (String property : new String[] {"java.io.tmpdir", "user.home"}) {
            String value = System.getProperty(property);
            if (value == null || value.isEmpty()) {
                continue;
            }
            Path place = Paths.get(value).toAbsolutePath().normalize();
            if (Files.isDirectory(place) && !same(place, folder) && places.stream().noneMatch(p -> same(p, place))) {
                places.add(place);
            }
        }
        return places;
    }

    private static boolean same(Path a, Path b) {
        try {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize()) || Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Writes the model to a new file {@code my-mnist-<name>-<random>.zip} in {@code place}, readable by its
     * owner only (a temporary folder is shared); deleted again if the write fails.
     */
    private static Path write(Model model, Path place, Path file) throws IOException {
        String name = file.getFileName() == null ? "model" : file.getFileName().toString();
        name = name.endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
        name = name.replaceAll("[^A-Za-z0-9._-]", "_");
        name = name.substring(0, Math.min(name.length(), 40));
        Path saved = Files.createTempFile(place, "my-mnist-" + name + "-", ".zip");
        TempFiles.register(saved);
        boolean written = false;
        try {
            try (FileChannel channel = FileChannel.open(saved, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel))) {
                ModelArchiveWriter.write(model, out, ModelArchiveWriter.EntryListener.NONE);
                out.flush();
                channel.force(true);
            }
            written = true;
            return saved;
        } finally {
            if (!written) {
                Files.deleteIfExists(saved);
            }
            TempFiles.release(saved);
        }
    }

    /** A path as a shell reads it: as it is if plain, else in single quotes. */
    private static String shell(Path path) {
        String text = path.toString();
        return text.matches("[A-Za-z0-9_./+:=@%-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
    }
}
