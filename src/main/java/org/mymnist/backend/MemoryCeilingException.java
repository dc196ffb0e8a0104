package org.mymnist.backend;

import java.util.Locale;

/**
 * An array that would take this kernel over its {@link MemoryCeiling}. Its message says what was
 * asked, what the ceiling is, what is in use, and what to do: a smaller array, memory given back, or a
 * higher ceiling from whoever installed the class. Nothing was allocated; the kernel goes on.
 */
public final class MemoryCeilingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient MemoryCeiling ceiling;
    private final long wanted;
    private final long inUse;

    MemoryCeilingException(MemoryCeiling ceiling, String what, long wanted, long inUse) {
        super(message(ceiling, what, wanted, inUse));
        this.ceiling = ceiling;
        this.wanted = wanted;
        this.inUse = inUse;
    }

    /** The ceiling that refused. */
    public MemoryCeiling ceiling() {
        return ceiling;
    }

    /** The bytes the array would have taken. */
    public long wanted() {
        return wanted;
    }

    /** The bytes the kernel held when it was refused. */
    public long inUse() {
        return inUse;
    }

    private static String message(MemoryCeiling ceiling, String what, long wanted, long inUse) {
        long fits = inUse + wanted + (256L << 20);
        String raise = fits <= 4 * ceiling.bytes()
                ? ": scripts/install-class.sh --memory " + ((fits + (1L << 30) - 1) >> 30) + "g PREFIX would let it"
                        + " fit (ask your teacher)"
                : " (scripts/install-class.sh --memory SIZE PREFIX), but this is far beyond what one kernel of a"
                        + " class server gets: make it smaller";
        return String.format(Locale.ROOT, "my-mnist: %s needs %s, but this kernel's memory"
                        + " ceiling is %s and it holds %s already. Make a smaller array (or a smaller network), or"
                        + " give memory back: restart the kernel (Kernel > Restart Kernel) and run only what you"
                        + " need. The ceiling (-D%s) is set when the course is installed%s.",
                what, MemoryCeiling.size(wanted), ceiling,
                MemoryCeiling.size(inUse), MemoryCeiling.PROPERTY, raise);
    }
}
