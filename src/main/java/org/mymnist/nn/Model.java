package org.mymnist.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.mymnist.optim.Optimizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A stack of {@link Layer}s and a {@link Loss}: the notebook's {@code Model}, with
 * {@code predict}, {@code predict_loss}, {@code compute_accuracy} and {@code backpropagation}, and
 * the list of losses it has seen ({@code model.loss}).
 *
 * <p>It learns by one of two rules. The seed's rule ({@link #backpropagation}, {@link #learnOn})
 * is the notebook's: each layer's {@link Layer#learn} updates its own weights. The mean-gradient
 * rule ({@link #gradients}, {@link #learnMeanGradient}) computes the true gradient of the batch's
 * mean loss, then an {@link Optimizer} takes the step.
 *
 * <p>A convolutional network puts {@link Stage}s before the dense layers ({@link #features()}:
 * convolutions, activations, poolings, {@code org.mymnist.nn.conv}), which turn each row of pixels
 * into the numbers the first layer reads. The forward pass runs the stages, then the layers; the
 * mean-gradient rule's chain rule goes back through the layers, then through the stages. The
 * seed's rule has no stages.
 */
public final class Model {

    private final List<Stage> features;
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
        this(List.of(), layers, lossFunction);
    }

    /**
     * A model from its stages and layers, first to last, and a loss: each row of input goes
     * through the stages, then the layers.
     *
     * @param features the stages before the layers (empty for a dense network); the first reads
     *     rows, the last gives rows of the first layer's {@code inputN} values; their parameters
     *     share the layers' data type
     * @param layers the layers; each layer's {@code inputN} must equal the previous {@code outputN}
     * @param lossFunction the loss to train with
     */
    public Model(List<Stage> features, List<Layer> layers, Loss lossFunction) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one layer");
        }
        for (int i = 1; i < layers.size(); i++) {
            if (layers.get(i).inputN != layers.get(i - 1).outputN) {
                throw new IllegalArgumentException("layer " + i + " takes " + layers.get(i).inputN
                        + " inputs but layer " + (i - 1) + " gives " + layers.get(i - 1).outputN);
            }
            if (layers.get(i).weight().dataType() != layers.get(0).weight().dataType()) {
                throw new IllegalArgumentException("layers must share one data type: layer 0 is "
                        + layers.get(0).weight().dataType() + ", layer " + i + " " + layers.get(i).weight().dataType());
            }
        }
        for (Stage stage : features) {
            for (INDArray p : stage.parameters()) {
                if (p.dataType() != layers.get(0).weight().dataType()) {
                    throw new IllegalArgumentException("stages and layers must share one data type: layer 0 is "
                            + layers.get(0).weight().dataType() + ", " + stage + " " + p.dataType());
                }
            }
        }
        this.features = List.copyOf(features);
        this.layers = List.copyOf(layers);
        this.lossFunction = Objects.requireNonNull(lossFunction, "lossFunction");
    }

    /** The stages before the layers, first to last; empty for a dense network. */
    public List<Stage> features() {
        return features;
    }

    /** The layers, first to last. */
    public List<Layer> layers() {
        return layers;
    }

    /** The loss function. */
    public Loss lossFunction() {
        return lossFunction;
    }

    /** The mean loss of every epoch trained, oldest first ({@code model.loss}). */
    public List<Double> loss() {
        return Collections.unmodifiableList(loss);
    }

    /**
     * Appends the mean loss of an epoch, as {@link #backpropagation} does for its own (a trainer
     * that runs another loop calls it), so that {@link #loss()} stays the model's whole history;
     * a loaded model's earlier losses are restored the same way.
     *
     * @param epochLoss the epoch's mean loss
     */
    public void recordLoss(double epochLoss) {
        loss.add(epochLoss);
    }

    /** The data type of the weights (DOUBLE or FLOAT). */
    public DataType dataType() {
        return layers.get(0).weight().dataType();
    }

    /**
     * The outputs of the last layer for each row of {@code inputData}: each layer's
     * {@link Layer#calculate} in turn.
     *
     * @param inputData one row per example (converted to the model's data type if need be)
     * @return one row of 10 outputs per example
     */
    public INDArray predict(INDArray inputData) {
        int inputN = layers.get(0).inputN;
        if (features.isEmpty() && inputData.columns() != inputN) {
            throw new IllegalArgumentException("this model reads rows of " + inputN + " values, got rows of "
                    + inputData.columns());
        }
        INDArray x = inputData.dataType() == dataType() ? inputData : inputData.castTo(dataType());
        for (Stage stage : features) {
            x = stage.calculate(x);
        }
        for (Layer layer : layers) {
            x = layer.calculate(x);
        }
        return x;
    }

    /**
     * The output for one example, as {@code model.predict([x])} in the notebook.
     *
     * @param example a vector of 784 values
     * @return the 10 outputs
     */
    public double[] predict(double[] example) {
        return predict(Nd4j.createFromArray(new double[][] {example})).toDoubleVector();
    }

    /**
     * The outputs and the loss ({@code predict_loss}).
     *
     * @param inputData one row per example
     * @param targetOutput expected outputs
     * @return the outputs and their loss
     */
    public Prediction predictLoss(INDArray inputData, INDArray targetOutput) {
        INDArray predictedOutput = predict(inputData);
        double value = lossFunction.value(predictedOutput, targetOutput);
        return new Prediction(predictedOutput, value);
    }

    /**
     * Outputs with their loss, as {@link #predictLoss} returns them.
     *
     * @param output the outputs, one row per example
     * @param loss the loss of those outputs
     */
    public record Prediction(INDArray output, double loss) {
    }

    /**
     * The share of examples whose largest output is at the position of the target's 1
     * ({@code compute_accuracy}), computed on all rows at once. (For a convolutional network, whose
     * patches of 10,000 images would take gigabytes, {@code Evaluation} predicts by chunks.)
     *
     * @param x_val inputs, one row per example
     * @param y_val one-hot targets
     * @return accuracy in [0, 1]
     */
    public double computeAccuracy(INDArray x_val, INDArray y_val) {
        INDArray predictions = predict(x_val).argMax(1).eq(y_val.argMax(1));
        return predictions.castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }

    /**
     * The notebook's {@code compute_accuracy} as written: predicts each example alone, in a loop.
     * Slow on purpose, to show why whole batches are better.
     *
     * @param x_val inputs, one row per example
     * @param y_val one-hot targets
     * @return accuracy in [0, 1]
     */
    public double computeAccuracyOneByOne(INDArray x_val, INDArray y_val) {
        int good = 0;
        for (long i = 0; i < x_val.rows(); i++) {
            INDArray output = predict(x_val.getRow(i, true));
            if (output.argMax(1).getInt(0) == y_val.getRow(i, true).argMax(1).getInt(0)) {
                good++;
            }
        }
        return (double) good / x_val.rows();
    }

    /**
     * One training epoch by the seed's rule, the notebook's {@code backpropagation}, with its batch
     * loop: with {@code step = n / batch}, it makes {@code step} updates, each on the same strided
     * slice {@code input_data[::step]}; with no batch, one update on all rows. Appends the mean loss
     * to {@link #loss()}.
     *
     * @param inputData inputs, one row per example
     * @param targetOutput targets
     * @param batch the batch size, or null for all rows at once
     * @return the mean loss of the updates, each measured before its update
     */
    public double backpropagation(INDArray inputData, INDArray targetOutput, Integer batch) {
        long n = inputData.rows();
        if (batch == null) {
            batch = (int) n;
        }
        requireBatchWithin(batch, n);
        long step = n / batch;
        List<Double> losses = new ArrayList<>();
        for (long i = 0; i < step; i++) {
            INDArray bInputData = inputData.get(NDArrayIndex.interval(0, step, n), NDArrayIndex.all());
            INDArray bTargetOutput = targetOutput.get(NDArrayIndex.interval(0, step, n), NDArrayIndex.all());
            losses.add(learnOn(bInputData, bTargetOutput));
        }
        double sum = 0;
        for (double l : losses) {
            sum += l;
        }
        double mean = sum / losses.size();
        loss.add(mean);
        return mean;
    }

    /**
     * One update by the seed's rule on the given rows, the body of the notebook's loop: the
     * outputs and the loss, the loss's derivative, then each layer's {@link Layer#learn}, last to
     * first.
     *
     * @param bInputData inputs, one row per example
     * @param bTargetOutput targets
     * @return the loss before the update
     * @throws IllegalStateException when the loss is not the mean squared error, which is the only
     *     loss the seed's rule trains as meant, or the model has stages, which the seed's rule has no
     *     {@code learn} for
     */
    public double learnOn(INDArray bInputData, INDArray bTargetOutput) {
        requireSeedRule();
        Prediction prediction = predictLoss(bInputData, bTargetOutput);
        INDArray dLoss = lossFunction.derivative(prediction.output(), bTargetOutput);
        for (int i = layers.size() - 1; i >= 0; i--) {
            dLoss = layers.get(i).learn(dLoss, i > 0);
        }
        return prediction.loss();
    }

    /**
     * Checks that a batch size fits the rows.
     *
     * @throws IllegalArgumentException when {@code batch} is not between 1 and {@code n}
     */
    private static void requireBatchWithin(int batch, long n) {
        if (batch < 1 || batch > n) {
            throw new IllegalArgumentException("batch must be between 1 and the number of rows (" + n
                    + "), got " + batch);
        }
    }

    /**
     * Checks that the seed's rule can train this model: dense layers only, the mean squared error.
     *
     * @throws IllegalStateException with the rule to use instead
     */
    private void requireSeedRule() {
        if (!features.isEmpty()) {
            throw new IllegalStateException("the seed's rule (Layer.learn) trains dense layers only, not "
                    + features.get(0) + ": train this model with the mean-gradient rule (Model.learnMeanGradient)");
        }
        if (!(lossFunction instanceof MeanSquaredError)) {
            throw new IllegalStateException("the seed's rule (Layer.learn) trains the mean squared error, not "
                    + lossFunction.name() + ": train this model with the mean-gradient rule "
                    + "(Model.learnMeanGradient, or a Trainer with a TrainingConfig whose rule is MEAN_GRADIENT)");
        }
    }

    /**
     * The true gradient of the batch's mean loss with respect to every layer's weights and bias:
     * the forward pass, then the chain rule from the loss back to the first layer. Changes nothing.
     *
     * @param inputData inputs, one row per example
     * @param targetOutput targets
     * @return the loss, each layer's gradient, first layer first, and each stage's
     */
    public Gradients gradients(INDArray inputData, INDArray targetOutput) {
        Prediction prediction = predictLoss(inputData, targetOutput);
        Layer last = layers.get(layers.size() - 1);
        INDArray delta = lossFunction.gradientOfSums(last.activation, last.predictedOutput_(),
                prediction.output(), targetOutput);
        LayerGradient[] gradients = new LayerGradient[layers.size()];
        for (int i = layers.size() - 1; i >= 0; i--) {
            gradients[i] = layers.get(i).gradient(delta);
            if (i > 0) {
                Layer before = layers.get(i - 1);
                delta = before.activation.backward(before.predictedOutput_(), gradients[i].input());
            }
        }
        // Then back through the stages, last to first: each gives the one before its dL/dinput.
        StageGradient[] stageGradients = new StageGradient[features.size()];
        INDArray dOutput = gradients[0].input();
        for (int i = features.size() - 1; i >= 0; i--) {
            stageGradients[i] = features.get(i).gradient(dOutput);
            dOutput = stageGradients[i].input();
        }
        return new Gradients(prediction.loss(), List.of(gradients), List.of(stageGradients));
    }

    /**
     * A loss and the gradients of every layer, as {@link #gradients} returns them.
     *
     * @param loss the loss before any update
     * @param layers each layer's gradient, first layer first
     * @param features each stage's gradient, first stage first (empty for a dense network)
     */
    public record Gradients(double loss, List<LayerGradient> layers, List<StageGradient> features) {

        /** The gradients of a dense network, which has no stages. */
        public Gradients(double loss, List<LayerGradient> layers) {
            this(loss, layers, List.of());
        }
    }

    /**
     * One update by the mean-gradient rule: {@link #gradients}, then the optimizer's step on every
     * weight matrix and bias.
     *
     * @param inputData inputs, one row per example
     * @param targetOutput targets
     * @param optimizer the update rule (the same object at every step: it may keep state)
     * @return the loss before the update
     */
    public double learnMeanGradient(INDArray inputData, INDArray targetOutput, Optimizer optimizer) {
        Gradients gradients = gradients(inputData, targetOutput);
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            optimizer.update(layer.weight(), gradients.layers().get(i).weight());
            if (layer.hasBias()) {
                optimizer.update(layer.bias(), gradients.layers().get(i).bias());
            }
        }
        for (int i = 0; i < features.size(); i++) {
            List<INDArray> parameters = features.get(i).parameters();
            for (int j = 0; j < parameters.size(); j++) {
                optimizer.update(parameters.get(j), gradients.features().get(i).parameters().get(j));
            }
        }
        return gradients.loss();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Model(");
        for (Stage stage : features) {
            s.append(stage).append(" -> ");
        }
        s.append(layers.get(0).inputN);
        for (Layer layer : layers) {
            s.append(" -> ").append(layer.outputN).append(' ').append(layer.activation.name());
        }
        return s.append(", loss ").append(lossFunction.name()).append(')').toString();
    }
}
