package org.mymnist.backend;

import java.util.Locale;
import org.bytedeco.javacpp.Pointer;

/**
 * What this JVM may use, to refuse work that cannot fit before it starts rather than fail with an
 * {@link OutOfMemoryError} after minutes (or be killed by the system): the Java heap's limit
 * ({@code -Xmx}, {@link Runtime#maxMemory()}) and the limit of the native memory that ND4J's arrays
 * live in (JavaCPP's {@code -Dorg.bytedeco.javacpp.maxBytes}, by default the heap's limit).
 * Estimates are about right, not exact: they count the arrays, not the small objects around them.
 */
public final class MemoryBudget {

    private MemoryBudget() {
    }

    /** The most Java heap this JVM may use, in bytes. */
    public static long heapLimit() {
        return Runtime.getRuntime().maxMemory();
    }

    /** The most native memory ND4J's arrays may use, in bytes. */
    public static long nativeLimit() {
        long max = Pointer.maxBytes();
        return max > 0 ? max : Pointer.totalPhysicalBytes();
    }

    /**
     * Why something that needs this much memory cannot fit, or null when it can.
     *
     * @param what what needs it, e.g. {@code "the data set in /data/mnist"}
     * @param heapBytes the Java heap it needs
     * @param nativeBytes the native memory it needs
     * @return one line with what is needed and what this JVM may use, or null
     */
    public static String shortfall(String what, long heapBytes, long nativeBytes) {
        long heap = heapLimit();
        long offHeap = nativeLimit();
        if (heapBytes <= heap && nativeBytes <= offHeap) {
            return null;
        }
        return what + " needs about " + mib(heapBytes) + " of Java heap and " + mib(nativeBytes)
                + " of native memory, but this JVM may use " + mib(heap) + " of heap (-Xmx) and "
                + mib(offHeap) + " of native memory (-Dorg.bytedeco.javacpp.maxBytes)";
    }

    /** A size in MiB, e.g. {@code 1,536 MiB}. */
    public static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,d MiB", (bytes + (1 << 20) - 1) >> 20);
    }
}
