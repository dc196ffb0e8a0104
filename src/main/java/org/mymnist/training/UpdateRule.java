package org.mymnist.training;

import java.util.Locale;

/** How a batch's error becomes a change of the weights. */
public enum UpdateRule implements Labelled {
    /**
     * The notebook's rule, {@link org.mymnist.nn.Model#learnOn}: each layer's
     * {@link org.mymnist.nn.Layer#learn} (error divided by {@code output_n}, softmax's diagonal
     * derivative, the error summed over the batch, the layer's own learning rate). It trains the
     * mean squared error with plain gradient descent.
     */
    SEED,
    /**
     * The true gradient of the batch's mean loss ({@link org.mymnist.nn.Model#gradients}), then
     * the optimizer's step: any loss, optimizer and bias. Runs on the fast engine when it can.
     */
    MEAN_GRADIENT;

    /** The name on the command line: {@code seed} or {@code mean-gradient}. */
    @Override
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The rule with the given {@link #label()}.
     *
     * @param label {@code seed} or {@code mean-gradient}
     * @return the rule
     * @throws IllegalArgumentException for any other label
     */
    public static UpdateRule named(String label) {
        return Labelled.named(UpdateRule.class, "rule", label);
    }
}
