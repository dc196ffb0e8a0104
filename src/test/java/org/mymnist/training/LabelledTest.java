package org.mymnist.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LabelledTest {

    @Test
    void eachChoiceIsFoundByItsLabel() {
        for (ActivationKind k : ActivationKind.values()) {
            assertEquals(k, ActivationKind.named(k.label()));
        }
        assertEquals(UpdateRule.MEAN_GRADIENT, UpdateRule.named("mean-gradient"));
        assertEquals(LossKind.CROSS_ENTROPY, LossKind.named("cross-entropy"));
        assertEquals(OptimizerKind.ADAM, OptimizerKind.named("adam"));
        assertEquals(Recipe.CNN, Recipe.named("cnn"));
    }

    @Test
    void anUnknownLabelNamesEveryLabelThereIs() {
        assertEquals("unknown activation 'tanh': expected sigmoid, relu or identity",
                assertThrows(IllegalArgumentException.class, () -> ActivationKind.named("tanh")).getMessage());
        assertEquals("unknown rule 'magic': expected seed or mean-gradient",
                assertThrows(IllegalArgumentException.class, () -> UpdateRule.named("magic")).getMessage());
        assertEquals("unknown recipe 'MODERN': expected seed, modern or cnn",
                assertThrows(IllegalArgumentException.class, () -> Recipe.named("MODERN")).getMessage());
    }
}
