package org.mymnist.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.mymnist.nn.Activation;
import org.mymnist.nn.Initializer;
import org.mymnist.nn.Layer;
import org.mymnist.nn.Loss;
import org.mymnist.nn.MeanSquaredError;
import org.mymnist.nn.Model;
import org.mymnist.nn.Relu;
import org.mymnist.nn.Sigmoid;
import org.mymnist.nn.SoftmaxCrossEntropy;
import org.mymnist.nn.Softmax;
import org.mymnist.optim.Optimizer;
import org.mymnist.optim.Sgd;
import org.mymnist.random.NumpyRandomState;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Every choice of a training run, each one a setter, so that the fixes to the notebook can be
 * applied one at a time: start from {@link #seed()} (the notebook exactly), change one setting,
 * retrain, compare. {@link #modern()} applies them all.
 *
 * <pre>{@code
 * TrainingConfig c = TrainingConfig.seed().batch(64).shuffle(true);   // fix 1: the batch loop
 * c.loss("cross-entropy");                                          // fix 2
 * c.bias(true).init(Initializer.XAVIER);                            // fixes 3 and 4
 * Model model = c.newModel();
 * History h = new Trainer(model, ...).config(c).epochs(10).run();
 * }</pre>
 *
 * <p>While the loss is {@code mse}, the optimizer {@code sgd} and there is no bias, training uses
 * the notebook's own rule ({@link Layer#learn}: error divided by {@code output_n}, softmax's
 * diagonal derivative). Any other choice trains with the exact mean gradient of the batch
 * ({@link org.mymnist.nn.MiniBatchStep}).
 */
public final class TrainingConfig {

    private int[] hidden = {32, 16};
    private String activation = Sigmoid.NAME;
    private String loss = MeanSquaredError.NAME;
    private boolean bias;
    private Initializer init = Initializer.NORMAL;
    private boolean initChosen = true;
    private String optimizer = Sgd.NAME;
    private double learningRate = Recipe.SEED_LEARNING_RATE;
    private Integer batch;
    private boolean shuffle;
    private DataType dataType = DataType.DOUBLE;
    private long seed = 2;

    private TrainingConfig() {
    }

    /**
     * The notebook as written: 784-32-16-10, sigmoid then softmax, no bias, N(0, 1) weights from
     * {@code np.random.seed(2)}, mean squared error, plain SGD at 0.001 with the notebook's rule,
     * the notebook's batch loop with no batch (one update on all 60000 images per epoch), float64.
     *
     * @return a new configuration
     */
    public static TrainingConfig seed() {
        return new TrainingConfig();
    }

    /**
     * Every fix, on the notebook's 784-32-16-10 shape: shuffled mini-batches of 64, softmax with
     * cross-entropy, biases, Xavier initialisation for sigmoid (He for ReLU, unless {@link #init}
     * is set), SGD with momentum 0.9 at learning rate 0.05 (96.57 % after 10 epochs; 98.19 % with
     * {@code hidden(256, 128)} and ReLU), float32, seed 1.
     *
     * @return a new configuration
     */
    public static TrainingConfig modern() {
        TrainingConfig c = new TrainingConfig();
        c.loss = SoftmaxCrossEntropy.NAME;
        c.bias = true;
        c.initChosen = false;
        c.optimizer = "momentum";
        c.learningRate = 0.05;
        c.batch = 64;
        c.shuffle = true;
        c.dataType = DataType.FLOAT;
        c.seed = 1;
        return c;
    }

    /**
     * Sets the hidden layers' sizes (the input is 784 and the output 10).
     *
     * @param sizes neurons per hidden layer, first to last, each at least 1 (none for a network
     *     without hidden layer)
     * @return this configuration
     */
    public TrainingConfig hidden(int... sizes) {
        for (int s : sizes) {
            if (s < 1) {
                throw new IllegalArgumentException("hidden layer sizes must be at least 1, got "
                        + Arrays.toString(sizes));
            }
        }
        this.hidden = sizes.clone();
        return this;
    }

    /**
     * Sets the hidden layers' activation.
     *
     * @param name {@code sigmoid} or {@code relu} (or {@code identity})
     * @return this configuration
     */
    public TrainingConfig activation(String name) {
        Activation.named(name);
        this.activation = name;
        return this;
    }

    /**
     * Sets the loss; the output layer is a softmax either way.
     *
     * @param name {@code mse} or {@code cross-entropy}
     * @return this configuration
     */
    public TrainingConfig loss(String name) {
        Loss.named(name);
        this.loss = name;
        return this;
    }

    /**
     * Sets whether every layer has a bias (initialised to zero).
     *
     * @param withBias true for biases
     * @return this configuration
     */
    public TrainingConfig bias(boolean withBias) {
        this.bias = withBias;
        return this;
    }

    /**
     * Sets how the first weights are drawn.
     *
     * @param initializer the draw
     * @return this configuration
     */
    public TrainingConfig init(Initializer initializer) {
        this.init = initializer;
        this.initChosen = true;
        return this;
    }

    /**
     * Sets the optimizer.
     *
     * @param name {@code sgd}, {@code momentum} or {@code adam}
     * @return this configuration
     */
    public TrainingConfig optimizer(String name) {
        Optimizer.named(name, 1.0);
        this.optimizer = name;
        return this;
    }

    /**
     * Sets the learning rate.
     *
     * @param rate a positive number
     * @return this configuration
     */
    public TrainingConfig learningRate(double rate) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + rate);
        }
        this.learningRate = rate;
        return this;
    }

    /**
     * Sets the batch size: with {@link #shuffle} the size of each mini-batch (the last one of an
     * epoch may be smaller); without, the notebook's batch argument ({@code step = n / batch}
     * updates on {@code input_data[::step]}).
     *
     * @param size examples per batch, or null for all the training set at once
     * @return this configuration
     */
    public TrainingConfig batch(Integer size) {
        if (size != null && size < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + size);
        }
        this.batch = size;
        return this;
    }

    /**
     * Sets the batch loop: shuffled mini-batches over all examples (a new seeded order at each
     * epoch), or the notebook's {@code input_data[::step]}.
     *
     * @param shuffled true for shuffled mini-batches
     * @return this configuration
     */
    public TrainingConfig shuffle(boolean shuffled) {
        this.shuffle = shuffled;
        return this;
    }

    /**
     * Sets the number type of weights and data.
     *
     * @param type {@code DOUBLE} (float64, as numpy by default) or {@code FLOAT} (float32)
     * @return this configuration
     */
    public TrainingConfig dataType(DataType type) {
        if (type != DataType.DOUBLE && type != DataType.FLOAT) {
            throw new IllegalArgumentException("data type must be DOUBLE or FLOAT, got " + type);
        }
        this.dataType = type;
        return this;
    }

    /**
     * Sets the seed of the initial weights (numpy's {@code np.random.seed}) and of the shuffles.
     *
     * @param value 0 to 2^32 - 1
     * @return this configuration
     */
    public TrainingConfig seed(long value) {
        if (value < 0 || value > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("seed must be between 0 and 4294967295, got " + value);
        }
        this.seed = value;
        return this;
    }

    /** The hidden layers' sizes. */
    public int[] hidden() {
        return hidden.clone();
    }

    /** The hidden layers' activation name. */
    public String activation() {
        return activation;
    }

    /** The loss name. */
    public String loss() {
        return loss;
    }

    /** Whether layers have biases. */
    public boolean bias() {
        return bias;
    }

    /** The initializer: the one set, else He for ReLU and Xavier otherwise in {@link #modern()}. */
    public Initializer init() {
        if (initChosen) {
            return init;
        }
        return Relu.NAME.equals(activation) ? Initializer.HE : Initializer.XAVIER;
    }

    /** The optimizer name. */
    public String optimizer() {
        return optimizer;
    }

    /** The learning rate. */
    public double learningRate() {
        return learningRate;
    }

    /** The batch size, or null for all rows. */
    public Integer batch() {
        return batch;
    }

    /** Whether batches are shuffled. */
    public boolean shuffle() {
        return shuffle;
    }

    /** The data type. */
    public DataType dataType() {
        return dataType;
    }

    /** The seed of the initial weights and of the shuffles. */
    public long randomSeed() {
        return seed;
    }

    /**
     * Whether training follows the notebook's rule ({@link Model#learnOn}, {@link Layer#learn}):
     * mean squared error, plain SGD, no bias.
     */
    public boolean notebookRule() {
        return MeanSquaredError.NAME.equals(loss) && Sgd.NAME.equals(optimizer) && !bias;
    }

    /** A new optimizer as configured (one per model). */
    public Optimizer newOptimizer() {
        return Optimizer.named(optimizer, learningRate);
    }

    /**
     * A new, untrained model: 784 inputs, the hidden layers, 10 softmax outputs, weights drawn in
     * layer order from {@code np.random.seed(seed)} by {@link #init()}, zero biases. With the
     * {@link #seed()} settings it is the notebook's model ({@link Recipe#seed(long)} builds it here).
     *
     * @return the model
     */
    public Model newModel() {
        NumpyRandomState random = new NumpyRandomState(seed);
        List<Layer> layers = new ArrayList<>();
        int inputs = 784;
        for (int i = 0; i <= hidden.length; i++) {
            boolean last = i == hidden.length;
            int outputs = last ? 10 : hidden[i];
            Activation act = last ? new Softmax() : Activation.named(activation);
            try (var weight = init().weights(inputs, outputs, dataType, random)) {
                var b = bias ? org.nd4j.linalg.factory.Nd4j.zeros(dataType, 1, outputs) : null;
                layers.add(new Layer(weight, b, learningRate, act));
                if (b != null) {
                    b.close();
                }
            }
            inputs = outputs;
        }
        return new Model(layers, Loss.named(loss));
    }

    /** One line describing every setting, e.g. for a log or a table row. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("784");
        for (int h : hidden) {
            s.append('-').append(h);
        }
        return s.append("-10 ").append(activation).append(", loss ").append(loss)
                .append(bias ? ", bias" : ", no bias").append(", init ").append(init().label())
                .append(", ").append(optimizer).append(" lr ").append(learningRate)
                .append(", batch ").append(batch == null ? "all" : batch.toString())
                .append(shuffle ? " shuffled" : " (notebook loop)")
                .append(", ").append(dataType.name().toLowerCase(Locale.ROOT))
                .append(", seed ").append(seed).toString();
    }
}
