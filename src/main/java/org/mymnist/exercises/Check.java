package org.mymnist.exercises;

import org.mymnist.backend.NativeBackend;
import org.mymnist.nn.Activation;
import org.mymnist.nn.Loss;
import org.mymnist.training.History;
import org.mymnist.view.Language;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checks that teach, the notebook's entry to the exercises: each runs the student's piece against
 * the library's on fixed and random inputs (edge cases included: large sums, one-row batches,
 * float32) and returns a {@link Verdict}, passed, or naming the likely mistake and what to do. A
 * check never throws for a wrong answer: the notebook shows the verdict, then calls
 * {@link Verdict#orThrow()}, so that a wrong answer fails its cell.
 *
 * <p>Each exercise is a class of its own, its check beside its diagnosis: {@link SigmoidCheck},
 * {@link MseCheck}, {@link CalculateCheck}, {@link LearnCheck}, {@link AccuracyCheck},
 * {@link SoftmaxCrossEntropyCheck} and {@link SeedRunCheck}; they share {@link CheckRun}, the
 * verdict runner, and {@link Matrices}.
 */
public final class Check {

    static {
        NativeBackend.configure();
    }

    /** The seed's printed losses, epochs 0 to 4 ({@code Epoch : 0 loss : 0.151419233487184, ...}). */
    static final double[] SEED_LOSSES = SeedRunCheck.SEED_LOSSES;
    /** The seed's printed accuracies in percent, epochs 0 to 4. */
    static final double[] SEED_ACCURACIES = SeedRunCheck.SEED_ACCURACIES;
    /** The lowest last accuracy, in percent, for the short mean-gradient run. */
    static final double CLIMB_MIN = SeedRunCheck.CLIMB_MIN;

    private Check() {
    }

    /**
     * Checks a sigmoid: {@code apply} is {@code 1 / (1 + exp(-x))}, {@code derivative} is
     * {@code s(x) (1 - s(x))}, both finite for large sums, shape and number type kept, input left unchanged.
     *
     * @param mine the student's activation
     * @param lang the language of the verdict
     * @return the verdict
     */
    public static Verdict sigmoid(Activation mine, Language lang) {
        return SigmoidCheck.check(mine, lang);
    }

    /**
     * Checks a mean squared error: {@code value} is the mean of {@code (p - t)²} over every value,
     * {@code derivative} is {@code 2 (p - t)}, inputs left unchanged.
     *
     * @param mine the student's loss
     * @param lang the language of the verdict
     * @return the verdict
     */
    public static Verdict meanSquaredError(Loss mine, Language lang) {
        return MseCheck.check(mine, lang);
    }

    /**
     * Checks a layer's forward pass: returns {@code z1 = self.activation(inputData . self.weight)},
     * keeps {@code self.inputData} and the sums {@code self.predictedOutput_}, leaves the weights.
     *
     * @param mine the student's calculate
     * @param lang the language of the verdict
     * @return the verdict
     */
    public static Verdict calculate(Calculate mine, Language lang) {
        return CalculateCheck.check(mine, lang);
    }

    /**
     * Checks a layer's backward pass, the seed's rule: {@code e1 = e_2 / output_n * f'(y1)},
     * {@code e_0 = e1 . W^T} with the weights before the update, {@code W -= (e1^T . x)^T * lr} in place.
     *
     * @param mine the student's learn
     * @param lang the language of the verdict
     * @return the verdict
     */
    public static Verdict learn(Learn mine, Language lang) {
        return LearnCheck.check(mine, lang);
    }

    /**
     * Checks an accuracy: the share, in [0, 1], of rows whose largest output is where the target's 1 is.
     *
     * @param mine the student's accuracy
     * @param lang the language of the verdict
     * @return the verdict
     */
    public static Verdict accuracy(Accuracy mine, Language lang) {
        return AccuracyCheck.check(mine, lang);
    }

    /**
     * Checks the gradient of the mean cross-entropy of softmax outputs with respect to the sums,
     * {@code (p - t) / m}.
     *
     * @param mine the student's gradient
     * @param lang the language of the verdict
     * @return the verdict
     */
    public static Verdict softmaxCrossEntropy(SumsGradient mine, Language lang) {
        return SoftmaxCrossEntropyCheck.check(mine, lang);
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
        return SeedRunCheck.seedLines(history, lang);
    }

    /**
     * Checks that a short run by the mean-gradient rule climbed: each epoch's accuracy higher than the
     * first's, the last at {@value SeedRunCheck#CLIMB_MIN} % or more.
     *
     * @param history the epochs trained
     * @param lang the language of the verdict
     * @return the verdict
     */
    public static Verdict climbs(History history, Language lang) {
        return SeedRunCheck.climbs(history, lang);
    }

    /** A rows x cols matrix of normal draws times {@code scale}, from a fixed seed. */
    static INDArray random(int rows, int cols, double scale, long seed, DataType type) {
        return Matrices.random(rows, cols, scale, seed, type);
    }
}
