package org.mymnist.training;

import java.util.Locale;
import org.mymnist.optim.Optimizer;

/** The optimizers a {@link TrainingConfig} can train with. */
public enum OptimizerKind implements Labelled {
    /** {@link org.mymnist.optim.Sgd}, plain gradient descent. */
    SGD,
    /** {@link org.mymnist.optim.Momentum}, with momentum 0.9. */
    MOMENTUM,
    /** {@link org.mymnist.optim.Adam}. */
    ADAM;

    /**
     * A new optimizer of this kind.
     *
     * @param learningRate its learning rate
     * @return the optimizer, with no state yet
     */
    public Optimizer create(double learningRate) {
        return Optimizer.named(label(), learningRate);
    }

    /** The name on the command line: {@code sgd}, {@code momentum} or {@code adam}. */
    @Override
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The kind with the given {@link #label()}.
     *
     * @param label {@code sgd}, {@code momentum} or {@code adam}
     * @return the kind
     * @throws IllegalArgumentException for any other label
     */
    public static OptimizerKind named(String label) {
        return Labelled.named(OptimizerKind.class, "optimizer", label);
    }
}
