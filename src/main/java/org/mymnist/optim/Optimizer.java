package org.mymnist.optim;

import java.util.OptionalDouble;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A rule that moves parameters against their gradient. An optimizer may keep state for each
 * parameter matrix it updates (a velocity, running moments), keyed by the matrix itself: use one
 * optimizer per model, and the same one from step to step. Its learning rate may change between
 * steps ({@link #setLearningRate}); everything else is fixed when it is made.
 */
public interface Optimizer {

    /**
     * Updates {@code parameter} in place from its gradient.
     *
     * @param parameter the live parameter matrix
     * @param gradient the gradient of the loss with respect to it (same shape), left unchanged
     */
    void update(INDArray parameter, INDArray gradient);

    /** The learning rate. */
    double learningRate();

    /**
     * Changes the learning rate of the steps to come, keeping the state (velocity, moments): how
     * a schedule lowers it between epochs ({@code TrainingConfig.learningRateAt}).
     *
     * @param rate the new learning rate, positive
     */
    void setLearningRate(double rate);

    /** A short name used on the command line: {@code sgd}, {@code momentum} or {@code adam}. */
    String name();

    /**
     * The decay {@code mu} when this rule is {@code v = mu * v + g, w -= lr * v} (plain gradient
     * descent is {@code mu = 0}, {@code v = g}), so that the fast engine ({@code org.mymnist.engine})
     * may fold it into the product that computes {@code g}; empty for any other rule, which the
     * engine then runs through {@link #update}.
     */
    default OptionalDouble velocityDecay() {
        return OptionalDouble.empty();
    }

    /**
     * A new optimizer with the given {@link #name()} and learning rate, other settings at their
     * usual defaults (momentum 0.9; Adam's 0.9, 0.999, 1e-8).
     *
     * @param name {@code sgd}, {@code momentum} or {@code adam}
     * @param learningRate the learning rate, positive
     * @return the optimizer
     * @throws IllegalArgumentException for any other name
     */
    static Optimizer named(String name, double learningRate) {
        switch (name) {
            case Sgd.NAME:
                return new Sgd(learningRate);
            case Momentum.NAME:
                return new Momentum(learningRate, Momentum.DEFAULT_MOMENTUM);
            case Adam.NAME:
                return new Adam(learningRate);
            default:
                throw new IllegalArgumentException("unknown optimizer '" + name
                        + "': expected sgd, momentum or adam");
        }
    }
}
