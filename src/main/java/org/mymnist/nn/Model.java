package org.mymnist.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.mymnist.backend.NativeBackend;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A stack of {@link Layer}s and a {@link Loss}: the notebook's {@code Model}, with
 * {@code predict}, {@code predict_loss}, {@code compute_accuracy} and {@code backpropagation}, and
 * the list of losses it has seen ({@code model.loss}).
 */
public final class Model implements AutoCloseable {

    static {
        NativeBackend.configure();
    }

    /** Rows per forward pass when predicting many examples, to bound memory. */
    private static final int PREDICT_CHUNK = 10_000;

    private final List<Layer> layers;
    private final Loss lossFunction;
    private final List<Double> loss = new ArrayList<>();

    /**
     * A model from its layers, first to last, and a loss.
     *
     * @param layers the layers; each layer's {@code inputN} must equal the previous {@code outputN}
     * @param lossFunction the loss to train with
     */
    public Model(List<Layer> layers, Loss lossFunction) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one layer");
        }
        for (int i = 1; i < layers.size(); i++) {
            if (layers.get(i).inputN != layers.get(i - 1).outputN) {
                throw new IllegalArgumentException("layer " + i + " takes " + layers.get(i).inputN
                        + " inputs but layer " + (i - 1) + " gives " + layers.get(i - 1).outputN);
            }
        }
        this.layers = List.copyOf(layers);
        this.lossFunction = Objects.requireNonNull(lossFunction, "lossFunction");
    }

    /** The layers, first to last. */
    public List<Layer> layers() {
        return layers;
    }

    /** The loss function. */
    public Loss lossFunction() {
        return lossFunction;
    }

    /** The mean loss of every call to {@link #backpropagation}, oldest first ({@code model.loss}). */
    public List<Double> loss() {
        return Collections.unmodifiableList(loss);
    }

    /**
     * Records losses from an earlier life of this model (used when a saved model is loaded).
     *
     * @param earlier losses, oldest first
     */
    public void restoreLoss(List<Double> earlier) {
        loss.addAll(earlier);
    }

    /**
     * Appends the mean loss of an epoch trained outside {@link #backpropagation} (for example by a
     * {@link MiniBatchStep}), so that {@link #loss()} stays the model's whole history.
     *
     * @param epochLoss the epoch's mean loss
     */
    public void recordLoss(double epochLoss) {
        loss.add(epochLoss);
    }

    /** Number of inputs of the first layer (784 for MNIST). */
    public int inputSize() {
        return layers.get(0).inputN;
    }

    /** Number of outputs of the last layer (10 for MNIST). */
    public int outputSize() {
        return layers.get(layers.size() - 1).outputN;
    }

    /**
     * The outputs of the last layer for each row of {@code input}.
     *
     * @param input one row per example
     * @return a new array the caller owns, one row of {@link #outputSize()} per example
     */
    public INDArray predict(INDArray input) {
        return forward(input).dup();
    }

    /**
     * The output for one example, as {@code model.predict([x])} in the notebook.
     *
     * @param example a vector of {@link #inputSize()} values
     * @return the {@link #outputSize()} outputs
     */
    public double[] predict(double[] example) {
        try (INDArray row = Nd4j.createFromArray(new double[][] {example})) {
            return forward(row).toDoubleVector();
        }
    }

    /**
     * The predicted digit (index of the largest output) for each row, computed in chunks.
     *
     * @param input one row per example
     * @return the index of the largest output of each row (the first one on ties, as numpy)
     */
    public int[] predictClasses(INDArray input) {
        long n = input.rows();
        int[] classes = new int[(int) n];
        for (long start = 0; start < n; start += PREDICT_CHUNK) {
            long end = Math.min(n, start + PREDICT_CHUNK);
            INDArray chunk = n <= PREDICT_CHUNK ? input
                    : input.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
            try (INDArray argmax = forward(chunk).argMax(1)) {
                int[] part = argmax.toIntVector();
                System.arraycopy(part, 0, classes, (int) start, part.length);
            }
        }
        return classes;
    }

    /**
     * The outputs and the loss ({@code predict_loss}).
     *
     * @param input one row per example
     * @param target expected outputs
     * @return the outputs (a new array the caller owns) and the loss
     */
    public Prediction predictLoss(INDArray input, INDArray target) {
        INDArray predicted = predict(input);
        return new Prediction(predicted, lossFunction.value(predicted, target));
    }

    /** Outputs with their loss, as returned by {@link #predictLoss}. */
    public static final class Prediction {
        /** The outputs, one row per example. */
        public final INDArray output;
        /** The loss of those outputs. */
        public final double loss;

        Prediction(INDArray output, double loss) {
            this.output = output;
            this.loss = loss;
        }
    }

    /**
     * Fraction of rows whose largest output is at the position of the target's largest value,
     * computed on whole chunks of rows. Same result as {@link #computeAccuracyOneByOne}, much faster.
     *
     * @param x inputs, one row per example
     * @param y one-hot targets
     * @return accuracy in [0, 1]
     */
    public double computeAccuracy(INDArray x, INDArray y) {
        int[] predicted = predictClasses(x);
        int[] expected;
        try (INDArray argmax = y.argMax(1)) {
            expected = argmax.toIntVector();
        }
        return fractionEqual(predicted, expected);
    }

    /**
     * The notebook's {@code compute_accuracy}: predicts each example alone, in a Python-style loop.
     * Slow on purpose, to show why whole batches are better.
     *
     * @param x inputs, one row per example
     * @param y one-hot targets
     * @return accuracy in [0, 1]
     */
    public double computeAccuracyOneByOne(INDArray x, INDArray y) {
        long n = x.rows();
        int good = 0;
        for (long i = 0; i < n; i++) {
            try (INDArray row = x.getRow(i, true).dup();
                 INDArray target = y.getRow(i, true)) {
                INDArray output = forward(row);
                if (output.argMax(1).getInt(0) == target.argMax(1).getInt(0)) {
                    good++;
                }
            }
        }
        return n == 0 ? Double.NaN : (double) good / n;
    }

    /**
     * One training epoch, the notebook's {@code backpropagation}, with its batch semantics: with
     * {@code step = n / batch}, it makes {@code step} updates, each on the same strided slice
     * {@code input_data[::step]}; with no batch, one update on all rows. Appends the mean loss of
     * those updates to {@link #loss()}.
     *
     * @param inputData inputs, one row per example
     * @param targetOutput targets
     * @param batch the batch size, or null for all rows at once
     * @return the mean loss of the updates, each measured before its update
     */
    public double backpropagation(INDArray inputData, INDArray targetOutput, Integer batch) {
        long n = inputData.rows();
        long size = batch == null ? n : batch;
        if (size <= 0 || size > n) {
            throw new IllegalArgumentException("batch must be between 1 and the number of rows (" + n
                    + "), got " + batch);
        }
        long step = n / size;
        double sum = 0;
        for (long i = 0; i < step; i++) {
            INDArray bInput = step == 1 ? inputData
                    : inputData.get(NDArrayIndex.interval(0, step, n), NDArrayIndex.all());
            INDArray bTarget = step == 1 ? targetOutput
                    : targetOutput.get(NDArrayIndex.interval(0, step, n), NDArrayIndex.all());
            sum += learnOn(bInput, bTarget);
        }
        double mean = sum / step;
        loss.add(mean);
        return mean;
    }

    /**
     * One update on the given rows: forward, loss, backward through every layer, last to first.
     *
     * @param input inputs, one row per example
     * @param target targets
     * @return the loss before the update
     */
    public double learnOn(INDArray input, INDArray target) {
        INDArray predicted = forward(input);
        double value = lossFunction.value(predicted, target);
        try (INDArray dLoss = lossFunction.derivative(predicted, target)) {
            INDArray error = dLoss;
            for (int i = layers.size() - 1; i >= 0; i--) {
                error = layers.get(i).learn(error, i > 0);
            }
        }
        return value;
    }

    /** Frees the work arrays of every layer; the weights stay. */
    @Override
    public void close() {
        layers.forEach(Layer::close);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Model(");
        s.append(layers.get(0).inputN);
        for (Layer layer : layers) {
            s.append(" -> ").append(layer.outputN).append(' ').append(layer.activation.name());
        }
        return s.append(", loss ").append(lossFunction.name()).append(')').toString();
    }

    private INDArray forward(INDArray input) {
        if (input.columns() != inputSize()) {
            throw new IllegalArgumentException("expected rows of " + inputSize() + " values, got "
                    + input.columns());
        }
        // A float32 model reading float64 data (or the reverse) gets a converted copy.
        INDArray x = input.dataType() == layers.get(0).weight().dataType() ? input
                : input.castTo(layers.get(0).weight().dataType());
        for (Layer layer : layers) {
            x = layer.calculate(x);
        }
        return x;
    }

    private static double fractionEqual(int[] a, int[] b) {
        int good = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                good++;
            }
        }
        return a.length == 0 ? Double.NaN : (double) good / a.length;
    }
}
