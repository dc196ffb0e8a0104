package org.mymnist.nn;

import java.util.Objects;
import org.mymnist.backend.NativeBackend;
import org.mymnist.random.NumpyRandomState;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A fully connected layer of {@code outputN} neurons, each connected to the {@code inputN}
 * outputs of the layer before: the notebook's {@code Layer}, with no bias, or, beyond the notebook,
 * with a bias vector {@code b} added to every sum ({@code y = x . W + b}).
 *
 * <p>{@link #calculate} computes {@code y = x . W} and {@code z = activation(y)} and remembers
 * both; {@link #learn} takes the error on {@code z}, updates {@code W} and returns the error for the
 * layer before. The arrays a layer remembers and returns are work buffers, allocated once per
 * batch size and overwritten by the next call (so training allocates nothing after its first
 * step): copy one ({@code dup()}) to keep it.
 */
public final class Layer implements AutoCloseable {

    static {
        NativeBackend.configure();
    }

    /** Number of inputs of each neuron ({@code input_n}). */
    public final int inputN;
    /** Number of neurons ({@code output_n}). */
    public final int outputN;
    /** Learning rate ({@code lr}). */
    public final double lr;
    /** Activation function ({@code activation}). */
    public final Activation activation;

    /**
     * The parameters in one C-order matrix: the {@code inputN} rows of {@code W}, then, when the
     * layer has a bias, one more row holding {@code b}. Keeping them together lets a whole update be
     * one matrix product (see {@link MiniBatchStep}).
     */
    private final INDArray parameters;
    private final INDArray weight;
    private final INDArray bias;
    private INDArray inputData;
    private INDArray predictedOutput_;
    private INDArray predictedOutput;
    private final Buffers buffers = new Buffers();

    /**
     * The order of the per-example work arrays: column by column ('f'). BLAS is column-major, so
     * ND4J writes a product into an 'f' array directly, where a 'c' array costs it a transposed
     * copy (measured 41 ms against 81 ms for the 60000 x 32 sums, with bitwise equal results).
     */
    private static final char ORDER = 'f';

    /**
     * A layer with the given weights.
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
     * @param bias a vector of {@code outputN} values (any shape of that length, same data type as
     *     {@code weight}), copied; or null for a layer without bias, as in the notebook
     * @param lr learning rate
     * @param activation activation function
     */
    public Layer(INDArray weight, INDArray bias, double lr, Activation activation) {
        if (weight.rank() != 2) {
            throw new IllegalArgumentException("weight must be a matrix, got shape "
                    + java.util.Arrays.toString(weight.shape()));
        }
        this.inputN = (int) weight.rows();
        this.outputN = (int) weight.columns();
        if (bias == null) {
            this.parameters = weight.dup('c');
            this.weight = parameters;
            this.bias = null;
        } else {
            if (bias.length() != outputN || bias.dataType() != weight.dataType()) {
                throw new IllegalArgumentException("bias must hold " + outputN + " " + weight.dataType()
                        + " values, got " + bias.length() + " " + bias.dataType());
            }
            this.parameters = Nd4j.createUninitialized(weight.dataType(), inputN + 1L, outputN);
            this.weight = parameters.get(NDArrayIndex.interval(0, inputN), NDArrayIndex.all());
            this.bias = parameters.get(NDArrayIndex.interval(inputN, inputN + 1), NDArrayIndex.all());
            this.weight.assign(weight);
            this.bias.assign(bias.reshape(1, outputN));
        }
        this.lr = lr;
        this.activation = Objects.requireNonNull(activation, "activation");
    }

    /**
     * The notebook's constructor: weights drawn from N(0, 1) by {@code np.random.randn(inputN,
     * outputN)}, continuing the given generator.
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
     * Forward pass: remembers {@code input}, computes {@code y = input . W} and
     * {@code z = activation(y)}.
     *
     * @param input one row per example, {@code inputN} columns; the caller keeps ownership
     * @return {@code z}, owned by this layer and overwritten by the next call
     */
    public INDArray calculate(INDArray input) {
        if (input.columns() != inputN) {
            throw new IllegalArgumentException("layer " + this + " expects rows of " + inputN
                    + " values, got " + input.columns());
        }
        int rows = (int) input.rows();
        predictedOutput_ = buffers.matrix(Buffers.Y, rows, outputN, weight.dataType(), ORDER);
        predictedOutput = buffers.matrix(Buffers.Z, rows, outputN, weight.dataType(), ORDER);
        inputData = input;
        Nd4j.gemm(input, weight, predictedOutput_, false, false, 1.0, 0.0);
        if (bias != null) {
            predictedOutput_.addiRowVector(bias);
        }
        activation.apply(predictedOutput_, predictedOutput);
        return predictedOutput;
    }

    /**
     * Backward pass, as the notebook writes it:
     * <pre>
     * e1  = e_2 / output_n * activation(y, derive)
     * e_0 = e1 . W^T            (error for the layer before, with the weights before the update)
     * dw1 = e1^T . input
     * W  -= dw1^T * lr
     * </pre>
     * and, for a layer with a bias, {@code b -= sum(e1 over rows) * lr}.
     *
     * @param e2 error on this layer's output, same shape as {@code z}
     * @return {@code e_0}, owned by this layer and overwritten by the next call
     */
    public INDArray learn(INDArray e2) {
        return learn(e2, true);
    }

    /**
     * Backward pass that may skip {@code e_0}. The first layer's {@code e_0} is never used, and
     * on the full training set it is a 60000 x 784 matrix: skipping it saves time and memory and
     * changes no weight.
     *
     * @param e2 error on this layer's output
     * @param propagate whether to compute and return {@code e_0}
     * @return {@code e_0} (owned by this layer), or {@code null} when {@code propagate} is false
     */
    public INDArray learn(INDArray e2, boolean propagate) {
        if (predictedOutput_ == null) {
            throw new IllegalStateException("learn called before calculate");
        }
        int rows = (int) predictedOutput_.rows();
        INDArray derivative = buffers.matrix(Buffers.DERIVATIVE, rows, outputN, weight.dataType(), ORDER);
        INDArray e1 = buffers.matrix(Buffers.E1, rows, outputN, weight.dataType(), ORDER);
        activation.derivative(predictedOutput_, derivative);
        e1.assign(e2).divi(outputN).muli(derivative);
        INDArray e0 = null;
        if (propagate) {
            e0 = buffers.matrix(Buffers.E0, rows, inputN, weight.dataType(), ORDER);
            Nd4j.gemm(e1, weight, e0, false, true, 1.0, 0.0);
        }
        // dw1^T = (e1^T . input)^T = input^T . e1, the shape of W
        INDArray dw1T = buffers.matrix(Buffers.DW, inputN, outputN, weight.dataType());
        Nd4j.gemm(inputData, e1, dw1T, true, false, 1.0, 0.0);
        weight.subi(dw1T.muli(lr));
        if (bias != null) {
            try (INDArray db = e1.sum(true, 0)) {
                bias.subi(db.muli(lr));
            }
        }
        return e0;
    }

    /** The weights ({@code inputN x outputN}); the live matrix, updated in place by learning. */
    public INDArray weight() {
        return weight;
    }

    /**
     * The bias ({@code 1 x outputN}), or null for a layer without bias; the live row, updated in
     * place by learning.
     */
    public INDArray bias() {
        return bias;
    }

    /** Whether this layer adds a bias to its sums. */
    public boolean hasBias() {
        return bias != null;
    }

    /**
     * The weights and the bias in one live C-order matrix: {@code W}'s {@code inputN} rows, then
     * {@code b} as the last row when the layer has a bias ({@code inputN + 1} rows), so that the
     * sums of a batch whose inputs end with a column of ones are one product.
     */
    public INDArray parameters() {
        return parameters;
    }

    /** The last weighted sums {@code y} ({@code predicted_output_}), or null before any calculate. */
    public INDArray predictedOutput_() {
        return predictedOutput_;
    }

    /** The last outputs {@code z = activation(y)} ({@code predicted_output}), or null. */
    public INDArray predictedOutput() {
        return predictedOutput;
    }

    /** Frees the work arrays of this layer; the weights stay. */
    @Override
    public void close() {
        predictedOutput_ = null;
        predictedOutput = null;
        inputData = null;
        buffers.close();
    }

    @Override
    public String toString() {
        return "Layer(" + inputN + " -> " + outputN + ", " + activation.name() + (bias == null ? "" : ", bias")
                + ", lr " + lr + ")";
    }
}
