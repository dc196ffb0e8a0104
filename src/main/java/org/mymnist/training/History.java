package org.mymnist.training;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.mymnist.files.AtomicFile;

/** The epochs of a training run, in order: what a learning curve is drawn from. */
public final class History {

    /** The header of the CSV file written by {@link #writeCsv}. */
    public static final String CSV_HEADER = "epoch,loss,accuracy,train_seconds,eval_seconds";

    private final List<Epoch> epochs = new ArrayList<>();

    /**
     * Appends an epoch.
     *
     * @param epoch the epoch that just ended
     */
    public synchronized void add(Epoch epoch) {
        epochs.add(epoch);
    }

    /** The epochs so far, oldest first (a snapshot). */
    public synchronized List<Epoch> epochs() {
        return Collections.unmodifiableList(new ArrayList<>(epochs));
    }

    /** Number of epochs so far. */
    public synchronized int size() {
        return epochs.size();
    }

    /** The last epoch, or null when there is none. */
    public synchronized Epoch last() {
        return epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
    }

    /** The loss of each epoch, oldest first. */
    public synchronized double[] losses() {
        return epochs.stream().mapToDouble(Epoch::loss).toArray();
    }

    /** The test accuracy of each epoch in percent, oldest first. */
    public synchronized double[] accuracies() {
        return epochs.stream().mapToDouble(Epoch::accuracy).toArray();
    }

    /** A percentage to 12 significant digits, without trailing zeros: 88.66, 100, 27.11. */
    static String percent(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        return new BigDecimal(value).round(new MathContext(12)).stripTrailingZeros().toPlainString();
    }

    /**
     * Writes the history as CSV with header {@value #CSV_HEADER}: the loss as Python prints it, the
     * accuracy in percent to 12 significant digits (88.66, not 88.66000000000001). The file is
     * written beside its final name and renamed ({@link AtomicFile}), so it is never half-written,
     * and its temporary file is removed if the JVM is stopped meanwhile. Missing folders are created.
     *
     * @param file the CSV file to create or replace
     * @throws IOException when the file cannot be written
     */
    public void writeCsv(Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null) {
            Files.createDirectories(folder);
        }
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (Epoch e : epochs()) {
            csv.append(String.format(Locale.ROOT, "%d,%s,%s,%.6f,%.6f%n", e.epoch(),
                    SeedLog.repr(e.loss()), percent(e.accuracy()), e.trainSeconds(), e.evalSeconds()));
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(file, out -> out.write(bytes));
    }
}
