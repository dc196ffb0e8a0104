package org.mymnist.training;

import java.util.Locale;
import org.mymnist.nn.Activation;
import org.mymnist.nn.Identity;
import org.mymnist.nn.Relu;
import org.mymnist.nn.Sigmoid;

/** The activations a {@link TrainingConfig} can give the hidden layers. */
public enum ActivationKind implements Labelled {
    /** {@link Sigmoid}, the notebook's. */
    SIGMOID,
    /** {@link Relu}. */
    RELU,
    /** {@link Identity} (no activation). */
    IDENTITY;

    /** A new activation of this kind. */
    public Activation create() {
        switch (this) {
            case RELU:
                return new Relu();
            case IDENTITY:
                return new Identity();
            default:
                return new Sigmoid();
        }
    }

    /** The name on the command line and in model files: {@code sigmoid}, {@code relu}, {@code identity}. */
    @Override
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The kind with the given {@link #label()}.
     *
     * @param label {@code sigmoid}, {@code relu} or {@code identity}
     * @return the kind
     * @throws IllegalArgumentException for any other label
     */
    public static ActivationKind named(String label) {
        return Labelled.named(ActivationKind.class, "activation", label);
    }
}
