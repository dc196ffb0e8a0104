package org.mymnist.training;

import org.mymnist.nn.Loss;
import org.mymnist.nn.MeanSquaredError;
import org.mymnist.nn.SoftmaxCrossEntropy;

/** The losses a {@link TrainingConfig} can train (the output layer is a softmax either way). */
public enum LossKind implements Labelled {
    /** {@link MeanSquaredError}, the notebook's. */
    MSE(MeanSquaredError.NAME),
    /** {@link SoftmaxCrossEntropy}. */
    CROSS_ENTROPY(SoftmaxCrossEntropy.NAME);

    private final String label;

    LossKind(String label) {
        this.label = label;
    }

    /** A new loss of this kind. */
    public Loss create() {
        return Loss.named(label);
    }

    /** The name on the command line and in model files: {@code mse} or {@code cross-entropy}. */
    @Override
    public String label() {
        return label;
    }

    /**
     * The kind with the given {@link #label()}.
     *
     * @param label {@code mse} or {@code cross-entropy}
     * @return the kind
     * @throws IllegalArgumentException for any other label
     */
    public static LossKind named(String label) {
        return Labelled.named(LossKind.class, "loss", label);
    }
}
