package org.mymnist.exercises;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import org.mymnist.backend.NativeBackend;
import org.mymnist.backend.StepWorkspace;
import org.mymnist.nn.Activation;
import org.mymnist.nn.Layer;
import org.mymnist.nn.Loss;
import org.mymnist.nn.Model;
import org.mymnist.nn.SoftmaxCrossEntropy;
import org.mymnist.training.Epoch;
import org.mymnist.training.History;
import org.mymnist.training.ListenerThread;
import org.mymnist.training.LossKind;
import org.mymnist.training.Recipe;
import org.mymnist.training.Trainable;
import org.mymnist.training.Trainer;
import org.mymnist.training.TrainingConfig;
import org.mymnist.view.Language;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The seed's network assembled from the student's pieces: {@link Recipe#SEED}'s shape, first
 * weights and learning rate (784 -> 32 sigmoid -> 16 sigmoid -> 10 softmax, weights from
 * {@code np.random.seed(2)}, learning rate 0.001), trained by the seed's loop (one update on all
 * rows per epoch) through the student's {@link Calculate}, {@link Learn}, loss and
 * {@link Accuracy}, in the library's {@link Trainer}. With every piece right it prints the original
 * notebook's lines.
 *
 * <p>{@link #meanGradientModel} puts the student's sigmoid and softmax + cross-entropy gradient into
 * the library's {@link Model}, for a short run by the mean-gradient rule.
 */
public final class StudentNetwork {

    static {
        NativeBackend.configure();
    }

    private final List<StudentLayer> layers;
    private final Loss loss;
    private final Calculate calculate;
    private final Learn learn;
    private final Accuracy accuracy;
    private final Language lang;
    /** The library's loop over the epochs, kept from one {@link #train} to the next (its history grows). */
    private final Trainer trainer = new Trainer(new Epochs());
    /** The data of the {@link #train} in progress: training inputs and targets, test inputs and targets. */
    private INDArray[] data;

    private StudentNetwork(List<StudentLayer> layers, Loss loss, Calculate calculate, Learn learn, Accuracy accuracy,
                           Language lang) {
        this.layers = List.copyOf(layers);
        this.loss = Objects.requireNonNull(loss, "loss");
        this.calculate = Objects.requireNonNull(calculate, "calculate");
        this.learn = Objects.requireNonNull(learn, "learn");
        this.accuracy = Objects.requireNonNull(accuracy, "accuracy");
        this.lang = lang == null ? Language.FRENCH : lang;
    }

    /**
     * The seed's model, {@code Model([Layer(784, 32, 0.001, sigmoid), Layer(32, 16, 0.001, sigmoid),
     * Layer(16, 10, 0.001, softmax)], mse)} after {@code np.random.seed(2)}, with the student's pieces:
     * the layers and first weights of {@link Recipe#SEED}'s model, the student's sigmoid in the
     * hidden ones.
     *
     * @param lang the language of the error messages
     * @param sigmoid the student's sigmoid (hidden layers)
     * @param mse the student's mean squared error
     * @param calculate the student's forward pass
     * @param learn the student's backward pass
     * @param accuracy the student's accuracy
     * @return the untrained network
     */
    public static StudentNetwork seed(Language lang, Activation sigmoid, Loss mse, Calculate calculate, Learn learn,
                                      Accuracy accuracy) {
        Objects.requireNonNull(sigmoid, "sigmoid");
        List<StudentLayer> layers = new ArrayList<>();
        List<Layer> seed = Recipe.SEED.config().newModel().layers();
        for (int i = 0; i < seed.size(); i++) {
            Layer l = seed.get(i);
            layers.add(new StudentLayer(l.weight(), l.lr, i < seed.size() - 1 ? sigmoid : l.activation));
        }
        return new StudentNetwork(layers, mse, calculate, learn, accuracy, lang);
    }

    /** The layers, first to last (their weights are the live ones). */
    public List<StudentLayer> layers() {
        return layers;
    }

    /** The epochs trained so far. */
    public History history() {
        return trainer.history();
    }

    /**
     * The outputs for each row: each layer's calculate in turn ({@code predict}).
     *
     * @param inputData one row per example
     * @return one row of 10 outputs per example
     */
    public INDArray predict(INDArray inputData) {
        INDArray x = inputData;
        for (StudentLayer layer : layers) {
            x = calculate.calculate(layer, x);
            if (x == null) {
                throw new IllegalStateException(lang.text("student-network.calculate-returned-null"));
            }
        }
        return x;
    }

    /**
     * One epoch of the seed's loop with no batch: the outputs and loss on all rows, the loss's
     * derivative, then each layer's learn, last to first ({@code backpropagation}).
     *
     * @param inputData inputs, one row per example
     * @param targetOutput one-hot targets
     * @return the loss before the update
     */
    public double backpropagation(INDArray inputData, INDArray targetOutput) {
        try (MemoryWorkspace step = StepWorkspace.open(StepWorkspace.TRAINING)) {
            INDArray predicted = predict(inputData);
            double value = loss.value(predicted, targetOutput);
            INDArray dLoss = loss.derivative(predicted, targetOutput);
            for (int i = layers.size() - 1; i >= 0; i--) {
                dLoss = learn.learn(layers.get(i), dLoss);
            }
            return value;
        } finally {
            layers.forEach(StudentLayer::forget);
        }
    }

    /**
     * The accuracy on the given rows, by the student's {@link Accuracy} ({@code compute_accuracy}).
     *
     * @param x inputs
     * @param y one-hot targets
     * @return a share in [0, 1]
     */
    public double computeAccuracy(INDArray x, INDArray y) {
        try (MemoryWorkspace evaluation = StepWorkspace.open(StepWorkspace.EVALUATION)) {
            return accuracy.accuracy(predict(x), y);
        } finally {
            layers.forEach(StudentLayer::forget);
        }
    }

    /**
     * Trains {@code epochs} epochs, numbered after those already trained, as the notebook's loop:
     * {@link #backpropagation} on the training set, then {@link #computeAccuracy} on the test set,
     * in the library's {@link Trainer}. Stops between epochs on an interrupt (the stop button), also
     * one that comes while {@code onEpoch} runs (on a thread of its own: {@link ListenerThread}).
     *
     * @param epochs how many epochs (none for 0 or less)
     * @param xTrain training inputs
     * @param yTrain training targets
     * @param xTest test inputs
     * @param yTest test targets
     * @param onEpoch called after each epoch, e.g. to print {@code SeedLog.epochLine}; or null
     * @return the history of every epoch trained so far
     * @throws IllegalStateException when a piece is not written yet or fails, saying which check to run
     */
    public synchronized History train(int epochs, INDArray xTrain, INDArray yTrain, INDArray xTest, INDArray yTest,
                                      Consumer<Epoch> onEpoch) {
        if (epochs < 1) {
            return history();
        }
        data = new INDArray[] {xTrain, yTrain, xTest, yTest};
        try {
            return trainer.epochs(epochs).onEpoch(onEpoch == null ? epoch -> { } : onEpoch).run();
        } finally {
            data = null;
        }
    }

    /** One epoch of the student's network, and its accuracy, for the library's loop. */
    private final class Epochs implements Trainable {

        @Override
        public OptionalDouble trainEpoch(int epoch) {
            try {
                return OptionalDouble.of(backpropagation(data[0], data[1]));
            } catch (UnsupportedOperationException e) {
                throw notWritten(e);
            }
        }

        @Override
        public double testAccuracy() {
            try {
                return computeAccuracy(data[2], data[3]);
            } catch (UnsupportedOperationException e) {
                throw notWritten(e);
            }
        }
    }

    /** A piece that throws {@link UnsupportedOperationException}: not written yet. */
    private IllegalStateException notWritten(UnsupportedOperationException e) {
        return new IllegalStateException(lang.text("student-network.piece-not-written", e.getMessage()), e);
    }

    /**
     * The library's model for {@code config} (its shape and first weights), with the student's
     * sigmoid in the hidden layers and the student's gradient of softmax + cross-entropy as the
     * loss's {@code gradientOfSums}: {@link Model#gradients} then runs through the student's code. A
     * model with the student's pieces trains on the readable path (the fast engine has its own kernels).
     *
     * @param config a configuration with the cross-entropy loss and the sigmoid
     * @param sigmoid the student's sigmoid
     * @param gradient the student's {@code (p - t) / m}
     * @return the untrained model
     * @throws IllegalArgumentException when the configuration's loss is not cross-entropy
     */
    public static Model meanGradientModel(TrainingConfig config, Activation sigmoid, SumsGradient gradient) {
        if (config.loss() != LossKind.CROSS_ENTROPY) {
            throw new IllegalArgumentException("the gradient (p - t) / m is softmax with cross-entropy's:"
                    + " use config.withLoss(LossKind.CROSS_ENTROPY)");
        }
        Objects.requireNonNull(sigmoid, "sigmoid");
        Objects.requireNonNull(gradient, "gradient");
        Model library = config.newModel();
        List<Layer> layers = new ArrayList<>();
        List<Layer> given = library.layers();
        for (int i = 0; i < given.size(); i++) {
            Layer l = given.get(i);
            Activation act = i < given.size() - 1 ? sigmoid : l.activation;
            layers.add(new Layer(l.weight(), l.bias(), l.lr, act));
        }
        return new Model(layers, new StudentCrossEntropy(gradient));
    }

    /** The library's cross-entropy, whose gradient through the softmax is the student's. */
    private static final class StudentCrossEntropy implements Loss {
        private final SoftmaxCrossEntropy library = new SoftmaxCrossEntropy();
        private final SumsGradient gradient;

        StudentCrossEntropy(SumsGradient gradient) {
            this.gradient = gradient;
        }

        @Override
        public double value(INDArray predicted, INDArray target) {
            return library.value(predicted, target);
        }

        @Override
        public INDArray derivative(INDArray predicted, INDArray target) {
            return library.derivative(predicted, target);
        }

        @Override
        public long count(INDArray predicted) {
            return library.count(predicted);
        }

        @Override
        public INDArray gradientOfSums(Activation activation, INDArray y, INDArray predicted, INDArray target) {
            return gradient.gradient(predicted, target);
        }

        @Override
        public String name() {
            return "cross-entropy (yours)";
        }
    }
}
