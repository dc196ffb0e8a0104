package org.mymnist.training;

import java.util.List;
import java.util.Locale;
import org.mymnist.nn.Initializer;
import org.nd4j.linalg.api.buffer.DataType;

/** Ready-made configurations. */
public enum Recipe implements Labelled {
    /**
     * The original notebook as written: 784 -&gt; 32 sigmoid -&gt; 16 sigmoid -&gt; 10 softmax, no
     * biases, N(0, 1) weights from {@code np.random.seed(2)}, mean squared error, the seed's rule at
     * learning rate 0.001, the notebook's loop with no batch (one update on all 60000 images per
     * epoch), float64.
     */
    SEED(new TrainingConfig(List.of(32, 16), ActivationKind.SIGMOID, LossKind.MSE, false, Initializer.NORMAL,
            OptimizerKind.SGD, 0.001, null, false, DataType.DOUBLE, 2, UpdateRule.SEED)),
    /**
     * Every fix, on the notebook's 784-32-16-10 shape: the mean-gradient rule on shuffled
     * mini-batches of 64, softmax with cross-entropy, biases, Xavier initialisation for sigmoid
     * (He for ReLU, unless another is chosen), momentum 0.9 at learning rate 0.05, float32, seed 1.
     */
    MODERN(new TrainingConfig(List.of(32, 16), ActivationKind.SIGMOID, LossKind.CROSS_ENTROPY, true, null,
            OptimizerKind.MOMENTUM, 0.05, 64, true, DataType.FLOAT, 1, UpdateRule.MEAN_GRADIENT)),
    /**
     * A convolutional network, LeNet's shape: 5 x 5 convolution with 20 filters, ReLU, max-pool 2,
     * 5 x 5 convolution with 50 filters, ReLU, max-pool 2, then dense 800 -&gt; 10 softmax with
     * cross-entropy; biases, He initialisation, momentum 0.9 at learning rate 0.05 on shuffled
     * mini-batches of 64, the learning rate divided by 10 from the third epoch on
     * ({@link TrainingConfig#withLearningRateDrops}), float32, seed 1. Over 99 % test accuracy
     * after 3 epochs for each of the seeds 1 to 5; without the drop, 98.6 to 98.96 %
     * ({@code docs/performance.md}).
     */
    CNN(new TrainingConfig(List.of(), ActivationKind.RELU, LossKind.CROSS_ENTROPY, true, Initializer.HE,
            OptimizerKind.MOMENTUM, 0.05, 64, true, DataType.FLOAT, 1, UpdateRule.MEAN_GRADIENT, List.of(20, 50),
            List.of(3)));

    private final TrainingConfig config;

    Recipe(TrainingConfig config) {
        this.config = config;
    }

    /** The recipe's settings (a value: change them with the {@code with...} methods). */
    public TrainingConfig config() {
        return config;
    }

    /** The name on the command line: {@code seed}, {@code modern} or {@code cnn}. */
    @Override
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The recipe with the given {@link #label()}.
     *
     * @param label {@code seed}, {@code modern} or {@code cnn}
     * @return the recipe
     * @throws IllegalArgumentException for any other label
     */
    public static Recipe named(String label) {
        return Labelled.named(Recipe.class, "recipe", label);
    }
}
