package org.mymnist.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.mymnist.nn.Activation;
import org.mymnist.nn.Initializer;
import org.mymnist.nn.Layer;
import org.mymnist.nn.Model;
import org.mymnist.nn.Softmax;
import org.mymnist.optim.Optimizer;
import org.mymnist.random.NumpyRandomState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every choice of a training run, as a value: each {@code with...} method returns a new
 * configuration and leaves this one as it was, so the fixes to the notebook can be applied one
 * at a time, and a notebook cell run twice does the same thing twice. Start from
 * {@link Recipe#SEED} (the notebook exactly), change one setting, retrain, compare;
 * {@link Recipe#MODERN} applies every fix.
 *
 * <pre>{@code
 * TrainingConfig c1 = Recipe.SEED.config().withBatch(64).withShuffle(true);     // fix 1: the batch loop
 * TrainingConfig c2 = c1.withLoss(LossKind.CROSS_ENTROPY).withRule(UpdateRule.MEAN_GRADIENT);
 * Model model = c2.newModel();
 * History h = new Trainer(model, c2, xTrain, yTrain, xTest, yTest).epochs(10).run();
 * }</pre>
 *
 * @param hidden the hidden layers' sizes, first to last (the input is 784 and the output 10)
 * @param activation the hidden layers' activation
 * @param loss the loss (the output layer is a softmax either way)
 * @param bias whether every layer has a bias (initialised to zero)
 * @param initializer how the first weights are drawn, or null for the activation's usual one
 *     ({@link #init()}: He for ReLU, Xavier otherwise)
 * @param optimizer the optimizer of the mean-gradient rule
 * @param learningRate the learning rate (of the optimizer, or of each layer for the seed's rule)
 * @param batch examples per batch, or null for the whole training set at once
 * @param shuffle whether batches are drawn in a new random order each epoch; otherwise the
 *     seed's rule keeps the notebook's loop ({@code input_data[::n/batch]}, {@code n/batch} times)
 *     and the mean-gradient rule takes the batches in order
 * @param dataType DOUBLE (float64, numpy's default) or FLOAT (float32), for weights and data
 * @param randomSeed numpy's {@code np.random.seed} for the first weights, and the seed of the shuffles
 * @param rule how a batch's error becomes a change of the weights
 */
public record TrainingConfig(List<Integer> hidden, ActivationKind activation, LossKind loss, boolean bias,
        Initializer initializer, OptimizerKind optimizer, double learningRate, Integer batch, boolean shuffle,
        DataType dataType, long randomSeed, UpdateRule rule) {

    /** Checks every setting on its own; {@link #problem()} checks how they go together. */
    public TrainingConfig {
        hidden = List.copyOf(hidden);
        for (int size : hidden) {
            if (size < 1) {
                throw new IllegalArgumentException("hidden layer sizes must be at least 1, got " + hidden);
            }
        }
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(rule, "rule");
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be a positive number, got " + learningRate);
        }
        if (batch != null && batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        if (dataType != DataType.DOUBLE && dataType != DataType.FLOAT) {
            throw new IllegalArgumentException("data type must be DOUBLE or FLOAT, got " + dataType);
        }
        if (randomSeed < 0 || randomSeed > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("seed must be between 0 and 4294967295, got " + randomSeed);
        }
    }

    /** These settings with other hidden layer sizes, e.g. {@code withHidden(256, 128)}. */
    public TrainingConfig withHidden(int... sizes) {
        List<Integer> list = new ArrayList<>();
        for (int s : sizes) {
            list.add(s);
        }
        return new TrainingConfig(list, activation, loss, bias, initializer, optimizer, learningRate, batch,
                shuffle, dataType, randomSeed, rule);
    }

    /** These settings with another hidden activation. */
    public TrainingConfig withActivation(ActivationKind kind) {
        return new TrainingConfig(hidden, kind, loss, bias, initializer, optimizer, learningRate, batch,
                shuffle, dataType, randomSeed, rule);
    }

    /** These settings with another loss. */
    public TrainingConfig withLoss(LossKind kind) {
        return new TrainingConfig(hidden, activation, kind, bias, initializer, optimizer, learningRate, batch,
                shuffle, dataType, randomSeed, rule);
    }

    /** These settings with or without biases. */
    public TrainingConfig withBias(boolean withBias) {
        return new TrainingConfig(hidden, activation, loss, withBias, initializer, optimizer, learningRate, batch,
                shuffle, dataType, randomSeed, rule);
    }

    /** These settings with another draw of the first weights. */
    public TrainingConfig withInit(Initializer init) {
        return new TrainingConfig(hidden, activation, loss, bias, Objects.requireNonNull(init, "init"), optimizer,
                learningRate, batch, shuffle, dataType, randomSeed, rule);
    }

    /** These settings with another optimizer. */
    public TrainingConfig withOptimizer(OptimizerKind kind) {
        return new TrainingConfig(hidden, activation, loss, bias, initializer, kind, learningRate, batch,
                shuffle, dataType, randomSeed, rule);
    }

    /** These settings with another learning rate. */
    public TrainingConfig withLearningRate(double rate) {
        return new TrainingConfig(hidden, activation, loss, bias, initializer, optimizer, rate, batch,
                shuffle, dataType, randomSeed, rule);
    }

    /** These settings with another batch size (null: the whole training set at once). */
    public TrainingConfig withBatch(Integer size) {
        return new TrainingConfig(hidden, activation, loss, bias, initializer, optimizer, learningRate, size,
                shuffle, dataType, randomSeed, rule);
    }

    /** These settings with shuffled batches, or not. */
    public TrainingConfig withShuffle(boolean shuffled) {
        return new TrainingConfig(hidden, activation, loss, bias, initializer, optimizer, learningRate, batch,
                shuffled, dataType, randomSeed, rule);
    }

    /** These settings with another number type. */
    public TrainingConfig withDataType(DataType type) {
        return new TrainingConfig(hidden, activation, loss, bias, initializer, optimizer, learningRate, batch,
                shuffle, type, randomSeed, rule);
    }

    /** These settings with another random seed (first weights and shuffles). */
    public TrainingConfig withRandomSeed(long seed) {
        return new TrainingConfig(hidden, activation, loss, bias, initializer, optimizer, learningRate, batch,
                shuffle, dataType, seed, rule);
    }

    /** These settings with another update rule. */
    public TrainingConfig withRule(UpdateRule updateRule) {
        return new TrainingConfig(hidden, activation, loss, bias, initializer, optimizer, learningRate, batch,
                shuffle, dataType, randomSeed, updateRule);
    }

    /** The draw of the first weights: the one chosen, else He for ReLU and Xavier otherwise. */
    public Initializer init() {
        if (initializer != null) {
            return initializer;
        }
        return activation == ActivationKind.RELU ? Initializer.HE : Initializer.XAVIER;
    }

    /**
     * Why these settings cannot be trained as meant, or null when they can: the seed's rule trains
     * the mean squared error with plain gradient descent, nothing else.
     */
    public String problem() {
        if (rule == UpdateRule.SEED && loss != LossKind.MSE) {
            return "the seed's rule (Layer.learn) trains the mean squared error only, not " + loss.label()
                    + ": choose the mean-gradient rule (withRule(UpdateRule.MEAN_GRADIENT), --rule mean-gradient)";
        }
        if (rule == UpdateRule.SEED && optimizer != OptimizerKind.SGD) {
            return "the seed's rule (Layer.learn) is plain gradient descent, not " + optimizer.label()
                    + ": choose the mean-gradient rule (withRule(UpdateRule.MEAN_GRADIENT), --rule mean-gradient)";
        }
        return null;
    }

    /** A new optimizer as configured (one per training run: it keeps state). */
    public Optimizer newOptimizer() {
        return optimizer.create(learningRate);
    }

    /**
     * A new, untrained model: 784 inputs, the hidden layers, 10 softmax outputs, weights drawn in
     * layer order from {@code np.random.seed(randomSeed)} by {@link #init()}, zero biases. With
     * {@link Recipe#SEED}'s settings it is the notebook's model.
     *
     * @return the model
     */
    public Model newModel() {
        NumpyRandomState random = new NumpyRandomState(randomSeed);
        List<Layer> layers = new ArrayList<>();
        int inputs = 784;
        for (int i = 0; i <= hidden.size(); i++) {
            boolean last = i == hidden.size();
            int outputs = last ? 10 : hidden.get(i);
            Activation act = last ? new Softmax() : activation.create();
            INDArray weight = init().weights(inputs, outputs, dataType, random);
            INDArray b = bias ? Nd4j.zeros(dataType, 1, outputs) : null;
            layers.add(new Layer(weight, b, learningRate, act));
            inputs = outputs;
        }
        return new Model(layers, loss.create());
    }

    /** One line describing every setting, e.g. for a log or a table row. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("784");
        for (int h : hidden) {
            s.append('-').append(h);
        }
        return s.append("-10 ").append(activation.label()).append(", loss ").append(loss.label())
                .append(bias ? ", bias" : ", no bias").append(", init ").append(init().label())
                .append(", ").append(rule == UpdateRule.SEED ? "seed's rule" : optimizer.label())
                .append(" lr ").append(learningRate)
                .append(", batch ").append(batch == null ? "all" : batch.toString())
                .append(shuffle ? " shuffled" : rule == UpdateRule.SEED ? " (notebook loop)" : " in order")
                .append(", ").append(dataType.name().toLowerCase(Locale.ROOT))
                .append(", seed ").append(randomSeed).toString();
    }
}
