package org.mymnist.nn;

import java.util.Arrays;
import java.util.Objects;
import org.mymnist.random.NumpyRandomState;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fully connected layer of {@code outputN} neurons, each connected to the {@code inputN}
 * outputs of the layer before: the notebook's {@code Layer}. Beyond the notebook, a layer may add
 * a bias {@code b} to its sums ({@code y = x . W + b}).
 *
 * <p>{@link #calculate} is the forward pass; {@link #learn} the notebook's backward pass, which
 * updates the weights itself; {@link #gradient} the true gradient of a mean loss, which an
 * {@link org.mymnist.optim.Optimizer} then applies.
 */
public final class Layer {

    /** Number of inputs of each neuron ({@code input_n}). */
    public final int inputN;
    /** Number of neurons ({@code output_n}). */
    public final int outputN;
    /** Learning rate of the notebook's rule ({@code lr}). */
    public final double lr;
    /** Activation function ({@code activation}). */
    public final Activation activation;

    private final INDArray weight;
    private final INDArray bias;
    private INDArray inputData;
    private INDArray predictedOutput_;

    /**
     * A layer with the given weights and no bias, as in the notebook.
     *
     * @param weight an {@code inputN x outputN} matrix, copied
     * @param lr learning rate
     * @param activation activation function
     */
    public Layer(INDArray weight, double lr, Activation activation) {
        this(weight, null, lr, activation);
    }

    /**
     * A layer with the given weights and bias.
     *
     * @param weight an {@code inputN x outputN} matrix, copied
     * @param bias {@code outputN} values (any shape of that length, the data type of
     *     {@code weight}), copied; or null for a layer without bias
     * @param lr learning rate
     * @param activation activation function
     */
    public Layer(INDArray weight, INDArray bias, double lr, Activation activation) {
        if (weight.rank() != 2) {
            throw new IllegalArgumentException("weight must be a matrix, got shape " + Arrays.toString(weight.shape()));
        }
        this.inputN = (int) weight.rows();
        this.outputN = (int) weight.columns();
        if (bias != null && (bias.length() != outputN || bias.dataType() != weight.dataType())) {
            throw new IllegalArgumentException("bias must hold " + outputN + " " + weight.dataType()
                    + " values, got " + bias.length() + " " + bias.dataType());
        }
        this.weight = weight.dup('c');
        this.bias = bias == null ? null : bias.reshape(1, outputN).dup('c');
        this.lr = lr;
        this.activation = Objects.requireNonNull(activation, "activation");
    }

    /**
     * The notebook's constructor: weights drawn by {@code np.random.randn(input_n, output_n)},
     * continuing the given generator.
     *
     * @param inputN number of inputs
     * @param outputN number of neurons
     * @param lr learning rate
     * @param activation activation function
     * @param random numpy's generator, already seeded
     */
    public Layer(int inputN, int outputN, double lr, Activation activation, NumpyRandomState random) {
        this(Nd4j.createFromArray(random.randn(inputN, outputN)), lr, activation);
    }

    /**
     * Calcule la sortie: the forward pass. Remembers the input and the sums for the backward pass.
     *
     * @param inputData one row per example, {@code inputN} columns
     * @return {@code z1 = activation(y1)}, with {@code y1 = inputData . W (+ b)}
     */
    public INDArray calculate(INDArray inputData) {
        requireRowsOfInputN(inputData);
        this.inputData = inputData;
        INDArray y1 = inputData.mmul(weight);
        if (bias != null) {
            y1.addiRowVector(bias);
        }
        INDArray z1 = activation.apply(y1);
        this.predictedOutput_ = y1;
        return z1;
    }

    /**
     * Permet de mettre à jour les weights: the notebook's backward pass, which updates the weights
     * with the error {@code e_2} on this layer's output and returns the error for the layer before.
     * (For a layer with a bias, {@code b} moves by the sum of {@code e1} over the rows.)
     *
     * @param e_2 the error on this layer's output, one row per example
     * @param needError whether to compute {@code e_0}: the first layer has no layer before it, and
     *     its {@code e_0} would be a 60000 x 784 matrix that nobody reads
     * @return {@code e_0}, the error for the layer before, or null when not needed
     * @throws IllegalStateException before any {@link #calculate}
     */
    public INDArray learn(INDArray e_2, boolean needError) {
        requireCalculated("learn");
        INDArray e1 = e_2.div(outputN).muli(activation.derivative(predictedOutput_));
        // e_0 is for the next layer (the one before), with the weights before the update
        INDArray e_0 = needError ? e1.mmul(weight.transpose()) : null;
        INDArray dw1 = e1.transpose().mmul(inputData);
        weight.subi(dw1.transpose().muli(lr));
        if (bias != null) {
            bias.subi(e1.sum(true, 0).muli(lr));
        }
        return e_0;
    }

    /**
     * The gradient of a loss with respect to this layer's weights, bias and input, from
     * {@code delta}, its gradient with respect to the sums of the last {@link #calculate}. Changes
     * nothing: an optimizer applies it.
     *
     * @param delta {@code dL/dy}, one row per example, {@code outputN} columns
     * @return {@code dL/dW = x^T . delta}, {@code dL/db = sum of delta over rows} and
     *     {@code dL/dx = delta . W^T}
     * @throws IllegalStateException before any {@link #calculate}
     */
    public LayerGradient gradient(INDArray delta) {
        requireCalculated("gradient");
        INDArray dW = inputData.transpose().mmul(delta);
        INDArray db = bias == null ? null : delta.sum(true, 0);
        INDArray dx = delta.mmul(weight.transpose());
        return new LayerGradient(dW, db, dx);
    }

    /** @throws IllegalArgumentException when the rows do not hold {@code inputN} values */
    private void requireRowsOfInputN(INDArray inputData) {
        if (inputData.columns() != inputN) {
            throw new IllegalArgumentException(this + " expects rows of " + inputN + " values, got "
                    + inputData.columns());
        }
    }

    /** @throws IllegalStateException before any {@link #calculate}, naming the method called */
    private void requireCalculated(String method) {
        if (predictedOutput_ == null) {
            throw new IllegalStateException(method + " called before calculate");
        }
    }

    /**
     * The sums {@code y1} of the last {@link #calculate} ({@code predicted_output_}), or null before:
     * for {@link Model#gradients}, within the same step. Not public: after a training step it may
     * point into the memory of that step, which the trainer reuses for the next one.
     */
    INDArray predictedOutput_() {
        return predictedOutput_;
    }

    /** The weights ({@code inputN x outputN}): the live matrix, which learning updates in place. */
    public INDArray weight() {
        return weight;
    }

    /** The bias ({@code 1 x outputN}), or null for a layer without bias: the live row. */
    public INDArray bias() {
        return bias;
    }

    /** Whether this layer adds a bias to its sums. */
    public boolean hasBias() {
        return bias != null;
    }

    @Override
    public String toString() {
        return "Layer(" + inputN + " -> " + outputN + ", " + activation.name() + (bias == null ? "" : ", bias")
                + ", lr " + lr + ")";
    }
}
