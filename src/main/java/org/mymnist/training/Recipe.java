package org.mymnist.training;

import java.util.List;
import org.mymnist.nn.Layer;
import org.mymnist.nn.MeanSquaredError;
import org.mymnist.nn.Model;
import org.mymnist.nn.Sigmoid;
import org.mymnist.nn.Softmax;
import org.mymnist.random.NumpyRandomState;

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
        NumpyRandomState random = new NumpyRandomState(seed);
        return new Model(List.of(
                new Layer(784, 32, SEED_LEARNING_RATE, new Sigmoid(), random),
                new Layer(32, 16, SEED_LEARNING_RATE, new Sigmoid(), random),
                new Layer(16, 10, SEED_LEARNING_RATE, new Softmax(), random)),
                new MeanSquaredError());
    }
}
