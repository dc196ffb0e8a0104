package org.mymnist.training;

import org.mymnist.nn.Model;

/** Ready-made networks. */
public final class Recipe {

    /** The seed notebook's learning rate. */
    public static final double SEED_LEARNING_RATE = 0.001;

    private Recipe() {
    }

    /**
     * The original notebook's network: 784 -&gt; 32 sigmoid -&gt; 16 sigmoid -&gt; 10 softmax, no
     * biases, learning rate 0.001, mean squared error, weights from {@code np.random.seed(seed)}
     * then {@code np.random.randn} for each layer in order.
     *
     * @param seed numpy's seed (the notebook uses 2)
     * @return a new, untrained model
     */
    public static Model seed(long seed) {
        return TrainingConfig.seed().seed(seed).newModel();
    }
}
