package org.mymnist.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A small disk for a test: a tmpfs of the size asked mounted on an empty folder, where this process
 * may mount (root, {@code CAP_SYS_ADMIN}), else the folder as it is with {@link FakeDiskSpace}
 * saying it holds that size: its free space is the size less the bytes of the files in it. Only
 * the mounted disk makes a write fail for want of room ({@link #mounted()}); a test checks that
 * case through an injected failure otherwise. Closing it unmounts the tmpfs (or gives the system's
 * free space back). {@code -Dmymnist.test.noMount=true} fakes it without trying to mount.
 */
public final class SmallDisk implements AutoCloseable {

    private final Path folder;
    private final boolean mounted;
    private final FakeDiskSpace fake;
    private final String why;

    private SmallDisk(Path folder, boolean mounted, FakeDiskSpace fake, String why) {
        this.folder = folder;
        this.mounted = mounted;
        this.fake = fake;
        this.why = why;
    }

    /**
     * Mounts a tmpfs of {@code bytes} on {@code folder}, or fakes one.
     *
     * @param folder an empty folder
     * @param bytes the disk's size, a multiple of 4 KiB
     * @return the disk, to close
     * @throws IOException if the folder cannot be made
     */
    public static SmallDisk of(Path folder, long bytes) throws IOException {
        Files.createDirectories(folder);
        String output;
        if (Boolean.getBoolean("mymnist.test.noMount")) {
            return fake(folder, bytes, "not mounted (-Dmymnist.test.noMount=true)");
        }
        try {
            Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + bytes + ",mode=0755", "tmpfs",
                    folder.toString()).redirectErrorStream(true).start();
            output = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0) {
                return new SmallDisk(folder, true, null, null);
            }
        } catch (IOException e) {
            output = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while mounting " + folder, e);
        }
        return fake(folder, bytes, "mount refused: " + output);
    }

    private static SmallDisk fake(Path folder, long bytes, String why) {
        System.out.println("SmallDisk: no tmpfs on " + folder + ", " + why + "; free space faked");
        Path root = folder.toAbsolutePath().normalize();
        FakeDiskSpace fake = FakeDiskSpace.of(f -> f.toAbsolutePath().normalize().startsWith(root)
                ? Math.max(0, bytes - used(root)) : 1L << 40);
        return new SmallDisk(folder, false, fake, why);
    }

    private static long used(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    /** {@return the disk's folder} */
    public Path folder() {
        return folder;
    }

    /** {@return whether it is a real tmpfs, where writes fail for want of room} */
    public boolean mounted() {
        return mounted;
    }

    /** {@return why no tmpfs was mounted, or null} */
    public String why() {
        return why;
    }

    @Override
    public void close() throws IOException {
        if (!mounted) {
            fake.close();
            return;
        }
        try {
            for (String[] command : new String[][] {{"umount", folder.toString()}, {"umount", "-l", folder.toString()}}) {
                Process umount = new ProcessBuilder(command).redirectErrorStream(true).start();
                umount.getInputStream().readAllBytes();
                if (umount.waitFor(30, TimeUnit.SECONDS) && umount.exitValue() == 0) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IOException("could not unmount the tmpfs on " + folder);
    }
}
