package org.mymnist.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mymnist.nn.Layer;
import org.mymnist.nn.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.ThresholdReluBp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * What the two dense engines share ({@link MiniBatchEngine}, {@link SeedRuleEngine}): a dense
 * model's parameters as {@link ParameterMatrix}es, and for each batch size the work arrays and the
 * prepared operations of the forward pass and of the products of the backward pass. Hidden layers
 * work "one column per example" ({@code features x rows}), and the activations before a layer with
 * a bias end with a row of ones, so that a layer's sums are one product {@code P^T . a} and its
 * gradient {@code a . delta^T} gives the bias gradient as its last row.
 */
final class DenseNetwork implements AutoCloseable {

    /** One layer, its parameters and its activation's kernel. */
    record DenseLayer(Layer layer, ParameterMatrix p, Kernel kernel) {
    }

    private final DataType type;
    private final boolean crossEntropy;
    private final List<DenseLayer> layers = new ArrayList<>();
    private final Map<Integer, Batch> batches = new HashMap<>();

    /**
     * Why a dense engine cannot run this model, or null when it can: hidden activations with a
     * kernel other than softmax, a softmax last layer, a loss with a kernel, float32 or float64.
     *
     * @param model the model
     * @return a one-line reason, or null
     */
    static String unsupported(Model model) {
        if (!model.features().isEmpty()) {
            return "the fast engine runs dense layers only, not " + model.features().get(0);
        }
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size() - 1; i++) {
            Kernel kernel = Kernel.of(layers.get(i).activation);
            if (kernel == null || kernel == Kernel.SOFTMAX) {
                return "the fast engine has no kernel for the hidden activation '" + layers.get(i).activation.name() + "'";
            }
        }
        Layer last = layers.get(layers.size() - 1);
        if (Kernel.of(last.activation) != Kernel.SOFTMAX) {
            return "the fast engine needs a softmax last layer, not '" + last.activation.name() + "'";
        }
        if (Kernel.of(model.lossFunction()) == null) {
            return "the fast engine has no kernel for the loss '" + model.lossFunction().name() + "'";
        }
        DataType type = model.dataType();
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            return "the fast engine runs float32 and float64, not " + type;
        }
        return null;
    }

    /**
     * The network of a model that {@link #unsupported} accepts, with the model's current weights.
     *
     * @param model the model
     * @param parameters makes each layer's parameter matrix from its inputs, outputs and bias
     */
    DenseNetwork(Model model, ParameterFactory parameters) {
        String reason = unsupported(model);
        if (reason != null) {
            throw new IllegalArgumentException(reason);
        }
        this.type = model.dataType();
        this.crossEntropy = Kernel.of(model.lossFunction()) == Kernel.CROSS_ENTROPY;
        for (Layer layer : model.layers()) {
            layers.add(new DenseLayer(layer, parameters.make(type, layer.inputN, layer.outputN, layer.hasBias()),
                    Kernel.of(layer.activation)));
        }
        pull();
    }

    /** Makes a layer's parameter matrix. */
    @FunctionalInterface
    interface ParameterFactory {
        ParameterMatrix make(DataType type, long inputs, long outputs, boolean bias);
    }

    /** The layers, first to last. */
    List<DenseLayer> layers() {
        return layers;
    }

    /** Whether the loss is cross-entropy (else the mean squared error). */
    boolean crossEntropy() {
        return crossEntropy;
    }

    /** Copies the model's weights and biases into the parameter matrices. */
    void pull() {
        for (DenseLayer l : layers) {
            l.p().pull(l.layer().weight(), l.layer().bias());
        }
    }

    /** Writes the parameter matrices back into the model's layers. */
    void push() {
        for (DenseLayer l : layers) {
            l.p().push(l.layer().weight(), l.layer().bias());
        }
    }

    /**
     * The work arrays for batches of {@code rows} examples, made at the first call.
     *
     * @param rows examples per batch, at least 1
     * @return the batch
     */
    Batch batch(int rows) {
        return batches.computeIfAbsent(rows, Batch::new);
    }

    /** Frees the work arrays and the parameter matrices. */
    @Override
    public void close() {
        releaseBatches();
        layers.forEach(l -> l.p().close());
    }

    /** Frees the work arrays of every batch size; the parameter matrices stay. */
    void releaseBatches() {
        batches.values().forEach(Batch::close);
        batches.clear();
    }

    /** The number of batch sizes whose work arrays are made. */
    int batchSizes() {
        return batches.size();
    }

    /** One hidden layer's work arrays and bound operations for batches of one size. */
    record HiddenWork(INDArray sums, INDArray activations, INDArray activationsView, INDArray errors,
            PreparedOp activate, Runnable throughActivation) {
    }

    /**
     * One layer's prepared products for batches of one size: its sums, the error for the layer
     * before (null for the first layer) and its gradient, into its update matrix or its parameters.
     */
    record Products(Gemm forward, Gemm error, Gemm gradient) {
    }

    /** The work arrays and prepared operations for batches of one size. */
    final class Batch implements AutoCloseable {

        final int rows;
        final INDArray input;
        final INDArray target;
        final List<HiddenWork> hidden = new ArrayList<>();
        final INDArray outputSums;
        final INDArray output;
        /** The gradient at the last layer's sums, which its products read. */
        final INDArray outputError;
        /** {@code p - t} for the mean squared error, before its way through the softmax. */
        final INDArray outputWork;
        final List<Products> products = new ArrayList<>();
        final PreparedOp softmax;
        /** {@code p - t}: into {@link #outputError} for cross-entropy, else into {@link #outputWork}. */
        final PreparedOp outputMinusTarget;
        private final List<PreparedOp> ops = new ArrayList<>();

        Batch(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("rows must be at least 1, got " + rows);
            }
            this.rows = rows;
            int n = layers.size();
            Layer first = layers.get(0).layer();
            Layer last = layers.get(n - 1).layer();
            input = Nd4j.createUninitialized(type, rows, first.inputN + (first.hasBias() ? 1 : 0));
            if (first.hasBias()) {
                input.getColumn(first.inputN).assign(1.0);
            }
            target = Nd4j.zeros(type, rows, last.outputN);
            for (int i = 0; i < n - 1; i++) {
                int features = layers.get(i).layer().outputN;
                boolean ones = layers.get(i + 1).layer().hasBias();
                INDArray sums = Nd4j.createUninitialized(type, features, rows);
                INDArray errors = Nd4j.createUninitialized(type, features, rows);
                INDArray activations = Nd4j.createUninitialized(type, features + (ones ? 1 : 0), rows);
                INDArray view = activations;
                if (ones) {
                    activations.getRow(features).assign(1.0);
                    view = activations.get(NDArrayIndex.interval(0, features), NDArrayIndex.all());
                }
                Kernel kernel = layers.get(i).kernel();
                hidden.add(new HiddenWork(sums, activations, view, errors, activate(kernel, sums, view),
                        through(kernel, sums, view, errors)));
            }
            outputSums = Nd4j.createUninitialized(type, rows, last.outputN);
            output = Nd4j.createUninitialized(type, rows, last.outputN);
            outputError = Nd4j.createUninitialized(type, rows, last.outputN);
            outputWork = Nd4j.createUninitialized(type, rows, last.outputN);
            for (int i = 0; i < n; i++) {
                ParameterMatrix p = layers.get(i).p();
                INDArray in = i == 0 ? input : hidden.get(i - 1).activations();
                boolean inBatchMajor = i == 0;
                INDArray errorBefore = i == 0 ? null : hidden.get(i - 1).errors();
                if (i == n - 1) {
                    // sums (rows x out) = in^T . P, in batch-major (rows x f) or by columns (f x rows)
                    products.add(new Products(new Gemm(in, p.all(), outputSums, !inBatchMajor, false),
                            i == 0 ? null : new Gemm(p.weightRows(), outputError, errorBefore, false, true),
                            new Gemm(in, outputError, p.gradientTarget(), inBatchMajor, false)));
                } else {
                    // sums (out x rows) = P^T . in^T
                    INDArray errors = hidden.get(i).errors();
                    products.add(new Products(new Gemm(p.all(), in, hidden.get(i).sums(), true, inBatchMajor),
                            i == 0 ? null : new Gemm(p.weightRows(), errors, errorBefore, false, false),
                            new Gemm(in, errors, p.gradientTarget(), inBatchMajor, true)));
                }
            }
            softmax = keep(new PreparedOp(new SoftMax(), new INDArray[] {outputSums}, output).integers(1));
            // Cross-entropy: the output error is p - t (the named fusion of softmax and cross-entropy).
            outputMinusTarget = keep(new PreparedOp(new SubOp(), new INDArray[] {output, target},
                    crossEntropy ? outputError : outputWork));
        }

        private PreparedOp keep(PreparedOp op) {
            if (op != null) {
                ops.add(op);
            }
            return op;
        }

        /** The hidden activation's kernel, from its sums into its activations (null: a copy). */
        private PreparedOp activate(Kernel kernel, INDArray sums, INDArray into) {
            switch (kernel) {
                case SIGMOID:
                    return keep(new PreparedOp(DynamicCustomOp.builder("sigmoid").build(), new INDArray[] {sums}, into));
                case RELU:
                    return keep(new PreparedOp(DynamicCustomOp.builder("relu").build(), new INDArray[] {sums}, into)
                            .reals(0.0));
                default:
                    return null;
            }
        }

        /**
         * The error through the hidden activation, {@code error *= f'(sums)} (null: identity, nothing
         * to do); a sigmoid's from its outputs, {@code s (1 - s)}, without a second exponential.
         */
        private Runnable through(Kernel kernel, INDArray sums, INDArray outputs, INDArray error) {
            switch (kernel) {
                case SIGMOID:
                    return new SigmoidBackward(outputs, error);
                case RELU:
                    return keep(new PreparedOp(new ThresholdReluBp(), new INDArray[] {sums, error}, error)
                            .reals(0.0))::run;
                default:
                    return null;
            }
        }

        /** The forward pass: every layer's sums and activations, then the softmax into {@link #output}. */
        void forward() {
            int n = layers.size();
            for (int i = 0; i < n - 1; i++) {
                products.get(i).forward().run(1.0, 0.0);
                HiddenWork h = hidden.get(i);
                if (h.activate() != null) {
                    h.activate().run();
                } else {
                    h.activationsView().assign(h.sums());
                }
            }
            products.get(n - 1).forward().run(1.0, 0.0);
            softmax.run();
        }

        /** The batch's mean loss, from the last {@link #forward}. */
        double loss() {
            return BatchLoss.of(output, target, rows, crossEntropy);
        }

        /** The error through hidden layer {@code i}'s activation, in place (nothing for the identity). */
        void throughActivation(int i) {
            if (hidden.get(i).throughActivation() != null) {
                hidden.get(i).throughActivation().run();
            }
        }

        @Override
        public void close() {
            input.close();
            target.close();
            for (HiddenWork h : hidden) {
                h.sums().close();
                h.activations().close();
                h.errors().close();
            }
            outputSums.close();
            output.close();
            outputError.close();
            outputWork.close();
            ops.forEach(PreparedOp::close);
        }
    }
}
