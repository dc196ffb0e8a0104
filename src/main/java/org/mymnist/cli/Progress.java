package org.mymnist.cli;

import java.io.PrintStream;

/** A one-line progress indicator on standard error, shown only when a person watches a terminal. */
final class Progress {

    private final PrintStream err;
    private final int total;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private boolean shown;

    private Progress(PrintStream err, int total, boolean enabled) {
        this.err = err;
        this.total = total;
        this.enabled = enabled;
    }

    /** A progress line on {@code err} when the JVM has a console, otherwise one that prints nothing. */
    static Progress onTerminal(PrintStream err, int total) {
        return new Progress(err, total, System.console() != null);
    }

    /** Shows {@code done} of the total, a bar, the time so far and the time left. */
    void show(int done) {
        if (!enabled || done >= total) {
            return;
        }
        int width = 30;
        int filled = (int) ((long) width * done / total);
        double elapsed = (System.nanoTime() - start) / 1e9;
        double left = done == 0 ? 0 : elapsed / done * (total - done);
        err.printf("\r[%s%s] %d/%d epochs, %.0f s, about %.0f s left ", "#".repeat(filled),
                " ".repeat(width - filled), done, total, elapsed, left);
        err.flush();
        shown = true;
    }

    /** Erases the progress line so that a normal line can be printed. */
    void clear() {
        if (shown) {
            err.print("\r" + " ".repeat(79) + "\r");
            err.flush();
            shown = false;
        }
    }
}
