package org.mymnist.data;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.regex.Pattern;

/** The rule every fuzzed read must follow: it succeeds, or throws a documented exception with a clean line. */
public final class Fuzz {

    /** The most Java heap one read of a tiny mutated file may allocate. */
    public static final long MAX_ALLOCATED = 64L << 20;

    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\b(java|javax|sun|jdk|org\\.nd4j|org\\.bytedeco|com\\.fasterxml)\\.[a-z]|Exception|Error:");

    private Fuzz() {
    }

    /** Something that reads a file. */
    @FunctionalInterface
    public interface Read {
        void run() throws Exception;
    }

    /**
     * Runs a read and checks how it ends.
     *
     * @param read the read
     * @param documented the exception class the reader documents (IOException is always allowed)
     * @param what the input, for the failure message
     */
    public static void check(Read read, Class<? extends IOException> documented, String what) {
        long before = allocated();
        try {
            read.run();
        } catch (IOException e) {
            String m = e.getMessage();
            assertTrue(m != null && !m.isBlank(), () -> "a message for " + what + ": " + e);
            assertFalse(m.contains("\n") || m.contains("\r"), () -> "one line for " + what + ": " + m);
            assertFalse(CLASS_NAME.matcher(m).find(), () -> "no class names for " + what + ": " + m);
            assertTrue(m.length() < 1000, () -> "a short message for " + what + ": " + m.length() + " characters");
            assertTrue(documented.isInstance(e) || e.getClass() == IOException.class
                    || e instanceof java.nio.file.FileSystemException,
                    () -> "a documented exception for " + what + ": " + e);
        } catch (Throwable t) {
            fail("undocumented " + t + " for " + what, t);
        }
        long used = allocated() - before;
        assertTrue(used < MAX_ALLOCATED, () -> "allocated " + used + " bytes for " + what);
    }

    /** Bytes allocated on the Java heap by this thread so far. */
    static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
