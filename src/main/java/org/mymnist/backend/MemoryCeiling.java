package org.mymnist.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The most memory of its own that one kernel may hold, heap and native arrays together: on a class
 * server, one student's runaway cell must not take the memory of thirty. It is set by the property
 * {@value #PROPERTY} (a size such as {@code 1g} or {@code 1536m}), which the class's kernel spec carries
 * ({@code scripts/install-class.sh --memory}); {@link CeilingDataBufferFactory} asks it before each
 * large ND4J array is made.
 *
 * <p>What a kernel holds is its anonymous resident memory (Linux's {@code /proc/self/statm}: resident
 * less shared pages): its Java heap, its arrays, its code. Pages of files mapped read-only, such as the
 * class's shared pixel caches, are not its own and are not counted.
 *
 * @param bytes the ceiling, in bytes
 */
public record MemoryCeiling(long bytes) {

    /** The system property that sets a JVM's ceiling: {@value}. */
    public static final String PROPERTY = "mymnist.memoryCeiling";

    /** Arrays smaller than this ({@value} bytes) are not checked: reading the memory in use costs more. */
    static final long CHECKED_FROM = 1 << 20;

    private static final Pattern SIZE = Pattern.compile("([1-9][0-9]*)([mMgG])");
    private static final Path STATM = Path.of("/proc/self/statm");
    private static final long PAGE = 4096;

    /**
     * A ceiling.
     *
     * @throws IllegalArgumentException if {@code bytes} is not positive
     */
    public MemoryCeiling {
        if (bytes <= 0) {
            throw new IllegalArgumentException("memory ceiling: expected a positive number of bytes, got " + bytes);
        }
    }

    /**
     * The ceiling that {@code text} writes, as the JVM's {@code -Xmx} does.
     *
     * @param text a size such as {@code 1g} or {@code 1536m}
     * @return the ceiling
     * @throws IllegalArgumentException if {@code text} is not such a size, naming the property
     */
    public static MemoryCeiling parse(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("-D" + PROPERTY + "=" + text
                    + ": expected a size such as 1g or 1536m");
        }
        long unit = Character.toLowerCase(m.group(2).charAt(0)) == 'g' ? 1L << 30 : 1L << 20;
        return new MemoryCeiling(Math.multiplyExact(Long.parseLong(m.group(1)), unit));
    }

    /**
     * This JVM's ceiling, from {@value #PROPERTY}.
     *
     * @return the ceiling, or null when the property is not set (no ceiling)
     */
    public static MemoryCeiling ofThisJvm() {
        String text = System.getProperty(PROPERTY);
        return text == null || text.isBlank() ? null : parse(text);
    }

    /**
     * The memory this process holds of its own now, in bytes: anonymous resident pages where Linux
     * says, else all resident pages (JavaCPP's count).
     */
    public static long inUse() {
        try {
            String[] fields = Files.readString(STATM).trim().split(" ");
            long resident = Long.parseLong(fields[1]);
            long shared = Long.parseLong(fields[2]);
            return (resident - shared) * PAGE;
        } catch (IOException | RuntimeException e) {
            return Pointer.physicalBytes();
        }
    }

    /**
     * Lets an array of {@code length} values of {@code type} be made, or says why not.
     *
     * @param type the array's number type
     * @param length how many values it holds
     * @throws MemoryCeilingException if it does not fit under the ceiling
     */
    public void admit(DataType type, long length) {
        long wanted = length * (long) type.width();
        if (wanted >= CHECKED_FROM) {
            admit(String.format(Locale.ROOT, "an array of %,d %s values", length,
                    type.name().toLowerCase(Locale.ROOT)), wanted);
        }
    }

    /**
     * Lets {@code what} take {@code wanted} more bytes, or says why not. When it would take the
     * kernel over its ceiling, the memory of arrays no longer referenced is collected first, and the
     * question asked again.
     *
     * @param what what needs the memory, for the message: {@code "an array of 100 double values"}
     * @param wanted the bytes it needs
     * @throws MemoryCeilingException if it does not fit under the ceiling
     */
    public void admit(String what, long wanted) {
        if (wanted > bytes) {
            throw new MemoryCeilingException(this, what, wanted, inUse());
        }
        long used = inUse();
        for (int attempt = 0; used + wanted > bytes && attempt < 3; attempt++) {
            // Arrays that nothing references any more hold native memory until the collector finds
            // them and ND4J's deallocator frees it.
            System.gc();
            try {
                Thread.sleep(50L << attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            used = inUse();
        }
        if (used + wanted > bytes) {
            throw new MemoryCeilingException(this, what, wanted, used);
        }
    }

    /**
     * Refuses {@code what}, which cannot fit although the ceiling as a whole would have room (the Java
     * heap, a part of it, has not).
     *
     * @param what what needs the memory, for the message
     * @param wanted the bytes it needs
     * @throws MemoryCeilingException always
     */
    public void refuse(String what, long wanted) {
        throw new MemoryCeilingException(this, what, wanted, inUse());
    }

    /** The ceiling as a person writes it, e.g. {@code 1 GiB} or {@code 1,536 MiB}. */
    @Override
    public String toString() {
        return size(bytes);
    }

    /** A size as a person reads it: GiB with one decimal from 1 GiB up, MiB below. */
    static String size(long bytes) {
        if (bytes >= 1L << 30) {
            double gib = bytes / (double) (1L << 30);
            return gib == Math.rint(gib) ? String.format(Locale.ROOT, "%.0f GiB", gib)
                    : String.format(Locale.ROOT, "%.1f GiB", gib);
        }
        return MemoryBudget.mib(bytes);
    }
}
