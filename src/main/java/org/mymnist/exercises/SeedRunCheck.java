package org.mymnist.exercises;

import static org.mymnist.exercises.CheckRun.num;
import static org.mymnist.exercises.CheckRun.t;

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

    private static final String NOTHING_TRAINED_FR = "aucune époque entraînée : la cellule d'entraînement plus haut"
            + " a échoué ou n'a pas été lancée. Si elle dit qu'un morceau n'est pas encore écrit, écrivez-le, passez sa"
            + " vérification, puis relancez la cellule d'entraînement et celle-ci.";
    private static final String NOTHING_TRAINED_EN = "no epoch trained: the training cell above failed or was not run."
            + " If it says a piece is not written yet, write it, pass its check, then run the training cell and this"
            + " one again.";


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
                c.fail(NOTHING_TRAINED_FR, NOTHING_TRAINED_EN);
            }
            int n = Math.min(epochs.size(), SEED_LOSSES.length);
            for (int i = 0; i < n; i++) {
                Epoch e = epochs.get(i);
                double accuracy = SeedLog.round(e.accuracy(), 2);
                if (e.epoch() != i || !(Math.abs(e.loss() - SEED_LOSSES[i]) <= 1e-10 * SEED_LOSSES[i])
                        || accuracy != SEED_ACCURACIES[i]) {
                    c.fail("époque " + i + " : votre réseau affiche « " + SeedLog.epochLine(e) + " », le carnet"
                            + " « Epoch : " + i + " loss : " + SeedLog.repr(SEED_LOSSES[i]) + ", acc : "
                            + SeedLog.repr(SEED_ACCURACIES[i]) + " % ». Un de vos morceaux diffère de ceux du carnet :"
                            + " les vérifications plus haut disent lequel (relancez-les). Pour repartir des poids du carnet,"
                            + " relancez la cellule qui crée le réseau.", "epoch " + i + ": your network prints \""
                            + SeedLog.epochLine(e) + "\", the seed \"Epoch : " + i + " loss : " + SeedLog.repr(SEED_LOSSES[i])
                            + ", acc : " + SeedLog.repr(SEED_ACCURACIES[i]) + " %\". One of your pieces differs from the"
                            + " seed's: the checks above say which (run them again). To start again from the seed's"
                            + " weights, run the cell that creates the network.");
                }
            }
            return t(lang, "vos " + n + " lignes sont celles du carnet d'origine (la perte à 10 chiffres près, la précision"
                    + " au centième), calculées par votre code. Bravo !", "your " + n + " lines are the original"
                    + " notebook's (the loss to 10 digits, the accuracy to the hundredth), computed by your code. Well done!");
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
                c.fail(NOTHING_TRAINED_FR, NOTHING_TRAINED_EN);
            }
            double last = history.last().accuracy();
            if (!(last >= CLIMB_MIN)) {
                c.fail("la précision finit à " + num(SeedLog.round(last, 2)) + " %, on attend " + num(CLIMB_MIN)
                        + " % ou plus : vérifiez la sigmoïde et le gradient de softmax + cross-entropy (leurs vérifications"
                        + " plus haut).", "the accuracy ends at " + num(SeedLog.round(last, 2)) + " %, expected "
                        + num(CLIMB_MIN) + " % or more: check the sigmoid and the gradient of softmax + cross-entropy"
                        + " (their checks above).");
            }
            return t(lang, "de " + num(SeedLog.round(history.epochs().get(0).accuracy(), 2)) + " % à "
                    + num(SeedLog.round(last, 2)) + " % en " + history.size() + " époques, avec votre sigmoïde et votre"
                    + " gradient.", "from " + num(SeedLog.round(history.epochs().get(0).accuracy(), 2)) + " % to "
                    + num(SeedLog.round(last, 2)) + " % in " + history.size() + " epochs, with your sigmoid and your gradient.");
        });
    }
}
