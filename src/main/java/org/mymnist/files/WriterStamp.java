package org.mymnist.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The process that writes a temporary file, as the file's name carries it:
 * {@code <pid>-<start>-<machine>}. {@code start} is when the process started (on Linux the
 * {@code starttime} field of {@code /proc/<pid>/stat}, in clock ticks since boot, which never
 * changes; elsewhere {@link ProcessHandle.Info#startInstant()} in milliseconds), so a PID reused by
 * a later process is told apart. {@code machine} is 8 hexadecimal digits of a hash of the host name
 * and, on Linux, the PID namespace: a file written by a process this one cannot see (another
 * machine sharing the folder, another container) has another tag and is never judged.
 *
 * @param pid the writer's process id
 * @param start when it started, in the units above
 * @param machine the tag of the machine and PID namespace it ran in
 */
record WriterStamp(long pid, long start, String machine) {

    /** What {@link #startOf} returns when no process of that PID runs (or it is a zombie). */
    static final long ABSENT = -1;
    /** What {@link #startOf} returns when the system does not say. */
    static final long UNKNOWN = -2;

    private static final Pattern TEXT = Pattern.compile("([0-9]{1,10})-([0-9]{1,19})-([0-9a-f]{8})");
    private static final Path PROC = Path.of("/proc");

    private static volatile WriterStamp current;

    /** {@return this process's stamp} */
    static WriterStamp current() {
        WriterStamp stamp = current;
        if (stamp == null) {
            long pid = ProcessHandle.current().pid();
            stamp = new WriterStamp(pid, Math.max(0, startOf(pid)), machineTag());
            current = stamp;
        }
        return stamp;
    }

    /** {@return the stamp as a file name carries it: {@code <pid>-<start>-<machine>}} */
    String text() {
        return pid + "-" + start + "-" + machine;
    }

    /**
     * Reads a stamp written by {@link #text()}.
     *
     * @param text the text
     * @return the stamp, or empty if the text is not exactly one
     */
    static Optional<WriterStamp> parse(String text) {
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new WriterStamp(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), m.group(3)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the writer has certainly stopped: it ran on this machine, in this PID namespace, and
     * no process of that PID is running now, or the one running started at another time (the PID
     * was reused), or it is a zombie (it has exited; its files are closed). A writer from elsewhere,
     * or one whose start is unknown, is never judged gone while its PID runs, nor one whose process
     * cannot be looked at.
     *
     * @return true only if the writer has stopped
     */
    boolean isGone() {
        if (!machine.equals(current().machine) || pid <= 0) {
            return false;
        }
        long now = startOf(pid);
        if (now == UNKNOWN) {
            return false;
        }
        return now == ABSENT || start != 0 && now != start;
    }

    /**
     * When the process of that PID started: on Linux from {@code /proc/<pid>/stat}, elsewhere from
     * {@link ProcessHandle}; {@link #ABSENT} if none runs or it is a zombie, {@link #UNKNOWN} if
     * the system does not say (a {@code /proc} that hides other users' processes' details).
     */
    static long startOf(long pid) {
        if (Files.isDirectory(PROC.resolve("self"))) {
            try {
                String text = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"),
                        StandardCharsets.ISO_8859_1);
                // pid (comm) state ppid ...: comm may hold spaces and parentheses, so count from the last ')'.
                String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
                String state = fields[0];
                if (state.equals("Z") || state.equals("X") || state.equals("x")) {
                    return ABSENT;
                }
                return Long.parseLong(fields[19]); // field 22, starttime
            } catch (NoSuchFileException e) {
                return ABSENT;
            } catch (IOException | RuntimeException e) {
                return UNKNOWN;
            }
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return ABSENT;
        }
        return handle.get().info().startInstant().map(i -> i.toEpochMilli()).orElse(UNKNOWN);
    }

    /** 8 hexadecimal digits of the host name and the PID namespace. */
    private static String machineTag() {
        String host = firstLine(Path.of("/proc/sys/kernel/hostname"));
        if (host == null) {
            host = System.getenv("COMPUTERNAME") != null ? System.getenv("COMPUTERNAME") : System.getenv("HOSTNAME");
        }
        if (host == null) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "";
            }
        }
        String namespace = "";
        try {
            namespace = Files.readSymbolicLink(PROC.resolve("self/ns/pid")).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // not Linux, or hidden: the host name alone
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((host + "\n" + namespace).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }

    private static String firstLine(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? null : text;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
