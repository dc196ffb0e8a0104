package org.mymnist.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.mymnist.backend.MemoryCeiling;
import org.mymnist.backend.NativeBackend;
import org.mymnist.nn.Activation;
import org.mymnist.nn.Initializer;
import org.mymnist.nn.Layer;
import org.mymnist.nn.Model;
import org.mymnist.nn.Softmax;
import org.mymnist.nn.Stage;
import org.mymnist.nn.conv.Activated;
import org.mymnist.nn.conv.Convolution;
import org.mymnist.nn.conv.Flatten;
import org.mymnist.nn.conv.MaxPooling;
import org.mymnist.nn.conv.Unflatten;
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
 * @param convolutions the filters of each convolution stage before the dense layers, first to last
 *     (each stage: {@value #KERNEL} x {@value #KERNEL} filters, the hidden activation, max pooling
 *     {@value #POOL} x {@value #POOL}); empty for a dense network. {@code [20, 50]} is LeNet's shape.
 * @param learningRateDrops the epochs, counted from 1, from which the learning rate is multiplied by
 *     {@value #DROP_FACTOR} once more ({@link #learningRateAt}), in increasing order; empty for a
 *     learning rate that stays as set
 */
public record TrainingConfig(List<Integer> hidden, ActivationKind activation, LossKind loss, boolean bias,
        Initializer initializer, OptimizerKind optimizer, double learningRate, Integer batch, boolean shuffle,
        DataType dataType, long randomSeed, UpdateRule rule, List<Integer> convolutions,
        List<Integer> learningRateDrops) {

    /** The side of every convolution's filters, in pixels. */
    public static final int KERNEL = 5;
    /** The side of every max pooling's windows, in pixels. */
    public static final int POOL = 2;
    /** What each of {@link #learningRateDrops()} multiplies the learning rate by: {@value}. */
    public static final double DROP_FACTOR = 0.1;
    /** The side of an MNIST image, in pixels. */
    private static final int IMAGE_SIDE = 28;
    /** The outputs of the last layer: one per digit. */
    private static final int DIGITS = 10;

    /**
     * The settings of a dense network (no convolution stages).
     *
     * @param hidden the hidden layers' sizes
     * @param activation the hidden activation
     * @param loss the loss
     * @param bias whether every layer has a bias
     * @param initializer how the first weights are drawn, or null for the activation's usual one
     * @param optimizer the optimizer
     * @param learningRate the learning rate
     * @param batch examples per batch, or null for all
     * @param shuffle whether batches are shuffled
     * @param dataType DOUBLE or FLOAT
     * @param randomSeed the random seed
     * @param rule the update rule
     */
    public TrainingConfig(List<Integer> hidden, ActivationKind activation, LossKind loss, boolean bias,
            Initializer initializer, OptimizerKind optimizer, double learningRate, Integer batch, boolean shuffle,
            DataType dataType, long randomSeed, UpdateRule rule) {
        this(hidden, activation, loss, bias, initializer, optimizer, learningRate, batch, shuffle, dataType,
                randomSeed, rule, List.of(), List.of());
    }

    /**
     * The settings of a network with a learning rate that stays as set.
     *
     * @param hidden the hidden layers' sizes
     * @param activation the hidden activation
     * @param loss the loss
     * @param bias whether every layer has a bias
     * @param initializer how the first weights are drawn, or null for the activation's usual one
     * @param optimizer the optimizer
     * @param learningRate the learning rate
     * @param batch examples per batch, or null for all
     * @param shuffle whether batches are shuffled
     * @param dataType DOUBLE or FLOAT
     * @param randomSeed the random seed
     * @param rule the update rule
     * @param convolutions the filters of each convolution stage
     */
    public TrainingConfig(List<Integer> hidden, ActivationKind activation, LossKind loss, boolean bias,
            Initializer initializer, OptimizerKind optimizer, double learningRate, Integer batch, boolean shuffle,
            DataType dataType, long randomSeed, UpdateRule rule, List<Integer> convolutions) {
        this(hidden, activation, loss, bias, initializer, optimizer, learningRate, batch, shuffle, dataType,
                randomSeed, rule, convolutions, List.of());
    }

    /** Checks every setting on its own; {@link #problem()} checks how they go together. */
    public TrainingConfig {
        hidden = List.copyOf(hidden);
        convolutions = List.copyOf(convolutions);
        learningRateDrops = List.copyOf(learningRateDrops);
        for (int i = 0; i < learningRateDrops.size(); i++) {
            int epoch = learningRateDrops.get(i);
            if (epoch < 2 || (i > 0 && epoch <= learningRateDrops.get(i - 1))) {
                throw new IllegalArgumentException("learning rate drops are epochs from 2 on, counted from 1, in"
                        + " increasing order, got " + learningRateDrops);
            }
        }
        for (int filters : convolutions) {
            if (filters < 1) {
                throw new IllegalArgumentException("convolution filter counts must be at least 1, got " + convolutions);
            }
        }
        featureSide(convolutions.size());
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
        return with(c -> c.hidden = listOf(sizes));
    }

    /** These settings with another hidden activation. */
    public TrainingConfig withActivation(ActivationKind kind) {
        return with(c -> c.activation = kind);
    }

    /** These settings with another loss. */
    public TrainingConfig withLoss(LossKind kind) {
        return with(c -> c.loss = kind);
    }

    /** These settings with or without biases. */
    public TrainingConfig withBias(boolean withBias) {
        return with(c -> c.bias = withBias);
    }

    /** These settings with another draw of the first weights. */
    public TrainingConfig withInit(Initializer init) {
        Objects.requireNonNull(init, "init");
        return with(c -> c.initializer = init);
    }

    /**
     * These settings with the hidden activation's usual draw of the first weights ({@link #init()}:
     * He for ReLU, Xavier otherwise), which follows the activation when it changes.
     */
    public TrainingConfig withUsualInit() {
        return with(c -> c.initializer = null);
    }

    /** These settings with another optimizer. */
    public TrainingConfig withOptimizer(OptimizerKind kind) {
        return with(c -> c.optimizer = kind);
    }

    /** These settings with another learning rate. */
    public TrainingConfig withLearningRate(double rate) {
        return with(c -> c.learningRate = rate);
    }

    /** These settings with another batch size (null: the whole training set at once). */
    public TrainingConfig withBatch(Integer size) {
        return with(c -> c.batch = size);
    }

    /** These settings with shuffled batches, or not. */
    public TrainingConfig withShuffle(boolean shuffled) {
        return with(c -> c.shuffle = shuffled);
    }

    /** These settings with another number type. */
    public TrainingConfig withDataType(DataType type) {
        return with(c -> c.dataType = type);
    }

    /** These settings with another random seed (first weights and shuffles). */
    public TrainingConfig withRandomSeed(long seed) {
        return with(c -> c.randomSeed = seed);
    }

    /** These settings with another update rule. */
    public TrainingConfig withRule(UpdateRule updateRule) {
        return with(c -> c.rule = updateRule);
    }

    /**
     * These settings with convolution stages before the dense layers, e.g. {@code withConvolutions(20, 50)};
     * none for a dense network.
     */
    public TrainingConfig withConvolutions(int... filters) {
        return with(c -> c.convolutions = listOf(filters));
    }

    /**
     * These settings with a learning rate multiplied by {@value #DROP_FACTOR} from each of the given
     * epochs on (counted from 1), e.g. {@code withLearningRateDrops(3)}: the last of 3 epochs takes
     * steps ten times smaller, to settle in the valley the first two found. None: the rate stays.
     */
    public TrainingConfig withLearningRateDrops(int... epochs) {
        return with(c -> c.learningRateDrops = listOf(epochs));
    }

    /** These settings with one change: a copy of every setting, changed, checked as a new configuration. */
    private TrainingConfig with(Consumer<Settings> change) {
        Settings settings = new Settings(this);
        change.accept(settings);
        return settings.build();
    }

    private static List<Integer> listOf(int... values) {
        return IntStream.of(values).boxed().toList();
    }

    /** Every setting of a configuration, to change one of them in a {@code with...} method. */
    private static final class Settings {
        List<Integer> hidden;
        ActivationKind activation;
        LossKind loss;
        boolean bias;
        Initializer initializer;
        OptimizerKind optimizer;
        double learningRate;
        Integer batch;
        boolean shuffle;
        DataType dataType;
        long randomSeed;
        UpdateRule rule;
        List<Integer> convolutions;
        List<Integer> learningRateDrops;

        Settings(TrainingConfig c) {
            hidden = c.hidden;
            activation = c.activation;
            loss = c.loss;
            bias = c.bias;
            initializer = c.initializer;
            optimizer = c.optimizer;
            learningRate = c.learningRate;
            batch = c.batch;
            shuffle = c.shuffle;
            dataType = c.dataType;
            randomSeed = c.randomSeed;
            rule = c.rule;
            convolutions = c.convolutions;
            learningRateDrops = c.learningRateDrops;
        }

        TrainingConfig build() {
            return new TrainingConfig(hidden, activation, loss, bias, initializer, optimizer, learningRate, batch,
                    shuffle, dataType, randomSeed, rule, convolutions, learningRateDrops);
        }
    }

    /**
     * The learning rate of an epoch: {@link #learningRate()} times {@value #DROP_FACTOR} for each
     * of {@link #learningRateDrops()} reached.
     *
     * @param epoch the epoch, counted from 0 as in {@link Epoch#epoch()}
     * @return the learning rate of that epoch's steps
     */
    public double learningRateAt(int epoch) {
        double rate = learningRate;
        for (int drop : learningRateDrops) {
            if (epoch + 1 >= drop) {
                rate *= DROP_FACTOR;
            }
        }
        return rate;
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
        if (rule == UpdateRule.SEED && !learningRateDrops.isEmpty()) {
            return "the seed's rule (Layer.learn) keeps each layer's learning rate, it does not drop it"
                    + ": choose the mean-gradient rule (withRule(UpdateRule.MEAN_GRADIENT), --rule mean-gradient)";
        }
        if (rule == UpdateRule.SEED && !convolutions.isEmpty()) {
            return "the seed's rule (Layer.learn) trains dense layers only, not convolutions"
                    + ": choose the mean-gradient rule (withRule(UpdateRule.MEAN_GRADIENT), --rule mean-gradient)";
        }
        return null;
    }

    /**
     * The side of the square feature maps that {@code stages} convolution stages make of a 28 x 28
     * image: each stage's filters take {@value #KERNEL} - 1 pixels, its pooling divides what is left
     * by {@value #POOL}; 28 for none, 4 for two.
     *
     * @param stages the number of convolution stages
     * @return the side, in pixels
     * @throws IllegalArgumentException when that many stages do not fit
     */
    private static int featureSide(int stages) {
        int side = IMAGE_SIDE;
        for (int i = 0; i < stages; i++) {
            int convolved = side - (KERNEL - 1);
            if (convolved < 1 || convolved % POOL != 0) {
                throw new IllegalArgumentException(stages + " convolution stages do not fit a " + IMAGE_SIDE + " x "
                        + IMAGE_SIDE + " image (each takes " + (KERNEL - 1) + " pixels and halves what is left)");
            }
            side = convolved / POOL;
        }
        return side;
    }

    /**
     * The sizes of the dense layers' inputs and outputs, first to last: the image's 784 pixels (or
     * the last convolution stage's feature maps, flattened: 50 x 4 x 4 = 800 for {@code [20, 50]}),
     * the hidden layers, the 10 digits. Layer {@code i} takes {@code sizes[i]} inputs and gives
     * {@code sizes[i + 1]} outputs.
     */
    private int[] denseSizes() {
        int[] sizes = new int[hidden.size() + 2];
        int side = featureSide(convolutions.size());
        sizes[0] = convolutions.isEmpty() ? IMAGE_SIDE * IMAGE_SIDE
                : convolutions.get(convolutions.size() - 1) * side * side;
        for (int i = 0; i < hidden.size(); i++) {
            sizes[i + 1] = hidden.get(i);
        }
        sizes[sizes.length - 1] = DIGITS;
        return sizes;
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
     * @throws org.mymnist.backend.MemoryCeilingException if the kernel has a memory ceiling and the
     *     model does not fit under it
     */
    public Model newModel() {
        NativeBackend.configure();
        admitUnderCeiling();
        NumpyRandomState random = new NumpyRandomState(randomSeed);
        List<Stage> features = new ArrayList<>();
        List<Layer> layers = new ArrayList<>();
        if (!convolutions.isEmpty()) {
            // Rows of 784 pixels as 1 x 28 x 28 images; each stage: convolution, activation, max pooling.
            features.add(new Unflatten(1, IMAGE_SIDE, IMAGE_SIDE));
            int channels = 1;
            for (int filters : convolutions) {
                INDArray w = init().filters(filters, channels, KERNEL, dataType, random);
                features.add(new Convolution(w, Nd4j.zeros(dataType, filters)));
                features.add(new Activated(activation.create()));
                features.add(new MaxPooling(POOL));
                channels = filters;
            }
            features.add(new Flatten());
        }
        int[] sizes = denseSizes();
        for (int i = 0; i < sizes.length - 1; i++) {
            boolean last = i == sizes.length - 2;
            Activation act = last ? new Softmax() : activation.create();
            INDArray weight = init().weights(sizes[i], sizes[i + 1], dataType, random);
            INDArray b = bias ? Nd4j.zeros(dataType, 1, sizes[i + 1]) : null;
            layers.add(new Layer(weight, b, learningRate, act));
        }
        return new Model(features, layers, loss.create());
    }

    /**
     * Asks the kernel's {@link MemoryCeiling}, where it has one, for the new model's memory before
     * any of it is drawn: its arrays, and numpy's draws on the Java heap (8 bytes a value) that they
     * are copied from.
     */
    private void admitUnderCeiling() {
        MemoryCeiling ceiling = MemoryCeiling.ofThisJvm();
        if (ceiling == null) {
            return;
        }
        long values = 0;
        for (long[] shape : parameterShapes()) {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            values += n;
        }
        String what = String.format(Locale.ROOT, "a network with hidden layers %s (%,d parameters)", hidden, values);
        ceiling.admit(what, values * (dataType.width() + 8L));
        Runtime heap = Runtime.getRuntime();
        if (values * 8L > heap.maxMemory() - (heap.totalMemory() - heap.freeMemory())) {
            // The ceiling has room, but the heap (half of it) has not, for numpy's draws.
            ceiling.refuse(what + "'s first weights, drawn on the Java heap,", values * 8L);
        }
    }

    /**
     * The shapes of the arrays {@link #newModel()} makes, without making them: each convolution's
     * filters {@code (filters, channels, 5, 5)} and bias {@code (filters)}, then each layer's weights
     * {@code (inputs, outputs)} and, with a bias, {@code (outputs)}. What a model file of this
     * configuration holds, for checking the room it needs before training.
     *
     * @return the shapes
     */
    public List<long[]> parameterShapes() {
        List<long[]> shapes = new ArrayList<>();
        int channels = 1;
        for (int filters : convolutions) {
            shapes.add(new long[] {filters, channels, KERNEL, KERNEL});
            shapes.add(new long[] {filters});
            channels = filters;
        }
        int[] sizes = denseSizes();
        for (int i = 0; i < sizes.length - 1; i++) {
            shapes.add(new long[] {sizes[i], sizes[i + 1]});
            if (bias) {
                shapes.add(new long[] {sizes[i + 1]});
            }
        }
        return shapes;
    }

    /** One line describing every setting, e.g. for a log or a table row. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (!convolutions.isEmpty()) {
            s.append("conv ").append(KERNEL).append('x').append(KERNEL).append(' ')
                    .append(convolutions.stream().map(String::valueOf).collect(Collectors.joining("-")))
                    .append(" (").append(activation.label()).append(", max-pool ").append(POOL).append("), ");
        }
        s.append(IntStream.of(denseSizes()).mapToObj(String::valueOf).collect(Collectors.joining("-")));
        return s.append(' ').append(activation.label()).append(", loss ").append(loss.label())
                .append(bias ? ", bias" : ", no bias").append(", init ").append(init().label())
                .append(", ").append(rule == UpdateRule.SEED ? "seed's rule" : optimizer.label())
                .append(" lr ").append(learningRate)
                .append(learningRateDrops.isEmpty() ? "" : " (x" + DROP_FACTOR + " from epoch "
                        + learningRateDrops.stream().map(String::valueOf).collect(Collectors.joining(", "))
                        + ")")
                .append(", batch ").append(batch == null ? "all" : batch.toString())
                .append(shuffle ? " shuffled" : rule == UpdateRule.SEED ? " (notebook loop)" : " in order")
                .append(", ").append(dataType.name().toLowerCase(Locale.ROOT))
                .append(", seed ").append(randomSeed).toString();
    }
}
