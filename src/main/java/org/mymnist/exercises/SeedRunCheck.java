package org.mymnist.exercises;

import static org.mymnist.exercises.CheckRun.num;
import static org.mymnist.exercises.CheckRun.text;

import java.util.List;
import org.mymnist.training.Epoch;
import org.mymnist.training.History;
import org.mymnist.training.SeedLog;
import org.mymnist.view.Language;

/**
 * The payoff of the exercises: the network built from the student's pieces prints the seed's first
 * lines ({@link #seedLines}), and a short run by the mean-gradient rule climbs ({@link #climbs}).
 */
final class SeedRunCheck {

    /** The seed's printed losses, epochs 0 to 4 ({@code Epoch : 0 loss : 0.151419233487184, ...}). */
    static final double[] SEED_LOSSES = {0.151419233487184, 0.1157290798817189, 0.1081752170670607,
        0.10180303771541105, 0.09722655973188295};
    /** The seed's printed accuracies in percent, epochs 0 to 4. */
    static final double[] SEED_ACCURACIES = {11.51, 12.01, 10.0, 10.32, 13.24};
    /** The lowest last accuracy, in percent, for the short mean-gradient run. */
    static final double CLIMB_MIN = 85.0;

    private SeedRunCheck() {
    }

    /**
     * Checks that a network trained by the seed's rule printed the seed's first lines: each loss to
     * 10 significant digits and each accuracy to the hundredth, as the original notebook printed them.
     *
     * @param history the epochs trained, from epoch 0 (at most 5 are compared)
     * @param lang the language of the verdict
     * @return the verdict
     */
    public static Verdict seedLines(History history, Language lang) {
        return CheckRun.verdict("Epoch : 0 ...", lang, c -> {
            List<Epoch> epochs = history == null ? List.of() : history.epochs();
            if (epochs.isEmpty()) {
                c.fail("seed-run.nothing-trained");
            }
            int n = Math.min(epochs.size(), SEED_LOSSES.length);
            for (int i = 0; i < n; i++) {
                Epoch e = epochs.get(i);
                double accuracy = SeedLog.round(e.accuracy(), 2);
                if (e.epoch() != i || !(Math.abs(e.loss() - SEED_LOSSES[i]) <= 1e-10 * SEED_LOSSES[i])
                        || accuracy != SEED_ACCURACIES[i]) {
                    c.fail("seed-run.epoch-network-prints-seed",
                            i, SeedLog.epochLine(e), SeedLog.repr(SEED_LOSSES[i]), SeedLog.repr(SEED_ACCURACIES[i]));
                }
            }
            return text(lang, "seed-run.lines-are-original-notebook", n);
        });
    }

    /**
     * Checks that a short run by the mean-gradient rule climbed: each epoch's accuracy higher than the
     * first's, the last at {@value #CLIMB_MIN} % or more.
     *
     * @param history the epochs trained
     * @param lang the language of the verdict
     * @return the verdict
     */
    public static Verdict climbs(History history, Language lang) {
        return CheckRun.verdict("mean gradient", lang, c -> {
            if (history == null || history.size() == 0) {
                c.fail("seed-run.nothing-trained");
            }
            double last = history.last().accuracy();
            if (!(last >= CLIMB_MIN)) {
                c.fail("seed-run.accuracy-ends-at-expected", num(SeedLog.round(last, 2)), num(CLIMB_MIN));
            }
            return text(lang, "seed-run.from-epochs-with-sigmoid",
                    num(SeedLog.round(history.epochs().get(0).accuracy(), 2)), num(SeedLog.round(last, 2)), history.size());
        });
    }
}
