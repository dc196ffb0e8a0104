package org.mymnist.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.mymnist.backend.NativeBackend;
import org.mymnist.backend.StepWorkspace;
import org.mymnist.nn.Layer;
import org.mymnist.nn.Model;
import org.mymnist.optim.Optimizer;
import org.mymnist.optim.Sgd;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SigmoidDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SoftmaxBp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.ThresholdReluBp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The fast path of the mean-gradient rule: the same step as {@link Model#learnMeanGradient} (the
 * true gradient of a mini-batch's mean loss, then the optimizer's step), computed with every array
 * allocated once, operations bound once to their arrays, products handed straight to OpenBLAS and
 * the update folded into them. Tests prove it equal to the readable code (float64 to 1e-12).
 *
 * <p>It is built from a {@link Model}: {@link #pull()} copies the model's weights and biases into
 * the engine's own parameter matrices, {@link #push()} writes them back. Each layer's parameters
 * are one C-order matrix {@code P}: the rows of {@code W}, then {@code b} as a last row when the
 * layer has a bias. Hidden layers work "one column per example" ({@code features x rows}), and the
 * activations before a layer with a bias end with a row of ones, so that a layer's sums are one
 * product {@code P^T . a} and its gradient {@code a . delta^T} gives the bias gradient as its last
 * row. With an optimizer of the form {@code v = mu v + g, w -= lr v} ({@link
 * Optimizer#velocityDecay()}), the gradient product writes straight into {@code P} (plain gradient
 * descent, {@code beta = 1}) or into the velocity ({@code beta = mu}); any other optimizer gets the
 * gradient through {@link Optimizer#update}.
 *
 * <p>What it runs is read from the objects it is given: the {@link Kernel} of each activation
 * and of the loss, and the optimizer's {@code velocityDecay()}. {@link #unsupported} says which
 * models it cannot run; those train on the readable path.
 *
 * <p>{@link #seedRule} builds an engine for the notebook's own rule on mini-batches instead (the
 * same step as {@link Model#learnOn}: each layer's error divided by its {@code output_n},
 * softmax's element-wise derivative, the batch's errors summed, each layer's own learning rate),
 * for the mean squared error through a softmax.
 */
public final class MiniBatchEngine implements AutoCloseable {

    static {
        NativeBackend.configure();
    }

    /** One layer's parameters as the engine holds them. */
    private record LayerState(Layer layer, INDArray parameters, INDArray weightRows, INDArray biasRow,
            INDArray update, Kernel kernel) {
    }

    private final Model model;
    private final Optimizer optimizer;
    private final OptionalDouble decay;
    private final boolean crossEntropy;
    /** Whether this engine runs the seed's rule ({@link Model#learnOn}) rather than the mean gradient. */
    private final boolean seedRule;
    private final DataType type;
    private final List<LayerState> states = new ArrayList<>();
    private final Map<Integer, Batch> batches = new HashMap<>();

    /**
     * Why the engine cannot train this model with this optimizer, or null when it can: it needs
     * hidden activations with a kernel other than softmax, a softmax last layer, and a loss with
     * a kernel.
     *
     * @param model the model
     * @param optimizer the optimizer
     * @return a one-line reason, or null
     */
    public static String unsupported(Model model, Optimizer optimizer) {
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
        Objects.requireNonNull(optimizer, "optimizer");
        return null;
    }

    /**
     * An engine for the model, with the model's current weights ({@link #pull()}).
     *
     * @param model the model to train; {@link #push()} writes into its layers
     * @param optimizer the update rule (the same one at every step: the engine keeps its velocity)
     * @throws IllegalArgumentException when {@link #unsupported} gives a reason
     */
    public MiniBatchEngine(Model model, Optimizer optimizer) {
        this(model, optimizer, false);
    }

    /**
     * Why the engine cannot train this model by the seed's rule, or null when it can: the same
     * needs as {@link #unsupported}, and the mean squared error.
     *
     * @param model the model
     * @return a one-line reason, or null
     */
    public static String unsupportedSeedRule(Model model) {
        String reason = unsupported(model, new Sgd(1.0));
        if (reason == null && Kernel.of(model.lossFunction()) != Kernel.MEAN_SQUARED_ERROR) {
            return "the seed's rule trains the mean squared error, not '" + model.lossFunction().name() + "'";
        }
        return reason;
    }

    /**
     * An engine for the seed's rule on mini-batches ({@link Model#learnOn}), with the model's
     * current weights; each layer learns at its own {@code lr}.
     *
     * @param model the model to train; {@link #push()} writes into its layers
     * @return the engine
     * @throws IllegalArgumentException when {@link #unsupportedSeedRule} gives a reason
     */
    public static MiniBatchEngine seedRule(Model model) {
        String reason = unsupportedSeedRule(model);
        if (reason != null) {
            throw new IllegalArgumentException(reason);
        }
        return new MiniBatchEngine(model, new Sgd(1.0), true);
    }

    private MiniBatchEngine(Model model, Optimizer optimizer, boolean seedRule) {
        String reason = unsupported(model, optimizer);
        if (reason != null) {
            throw new IllegalArgumentException(reason);
        }
        this.model = model;
        this.optimizer = optimizer;
        this.seedRule = seedRule;
        this.decay = optimizer.velocityDecay();
        this.crossEntropy = Kernel.of(model.lossFunction()) == Kernel.CROSS_ENTROPY;
        this.type = model.dataType();
        for (Layer layer : model.layers()) {
            int rows = layer.inputN + (layer.hasBias() ? 1 : 0);
            INDArray p = Nd4j.zeros(type, rows, layer.outputN);
            INDArray w = p.get(NDArrayIndex.interval(0, layer.inputN), NDArrayIndex.all());
            INDArray b = layer.hasBias() ? p.get(NDArrayIndex.interval(layer.inputN, rows), NDArrayIndex.all()) : null;
            boolean sgd = decay.isPresent() && decay.getAsDouble() == 0.0;
            INDArray update = sgd ? null : Nd4j.zeros(type, rows, layer.outputN);
            states.add(new LayerState(layer, p, w, b, update, Kernel.of(layer.activation)));
        }
        pull();
    }

    /** Copies the model's weights and biases into the engine. */
    public void pull() {
        for (LayerState s : states) {
            s.weightRows().assign(s.layer().weight());
            if (s.biasRow() != null) {
                s.biasRow().assign(s.layer().bias());
            }
        }
    }

    /** Writes the engine's weights and biases back into the model's layers. */
    public void push() {
        for (LayerState s : states) {
            s.layer().weight().assign(s.weightRows());
            if (s.biasRow() != null) {
                s.layer().bias().assign(s.biasRow());
            }
        }
    }

    /**
     * One mean-gradient step on the examples {@code order[from .. from + count)}.
     *
     * @param images all inputs, one C-order row per example, the model's data type
     * @param targets all one-hot targets
     * @param order example numbers
     * @param from first position in {@code order}
     * @param count examples in this batch
     * @return the batch's mean loss before the step
     */
    public double learn(INDArray images, INDArray targets, int[] order, int from, int count) {
        Batch batch = batches.computeIfAbsent(count, Batch::new);
        Rows.gather(images, order, from, count, batch.input);
        Rows.gather(targets, order, from, count, batch.target);
        return batch.learn();
    }

    /**
     * Prepares the arrays for batches of {@code rows} examples now rather than at the first such
     * batch (so that a first epoch times training only).
     *
     * @param rows examples per batch
     */
    public void prepare(int rows) {
        batches.computeIfAbsent(rows, Batch::new);
    }

    /** Frees the engine's arrays (after a last {@link #push()} if the model should keep them). */
    @Override
    public void close() {
        batches.values().forEach(Batch::close);
        batches.clear();
        for (LayerState s : states) {
            s.parameters().close();
            if (s.update() != null) {
                s.update().close();
            }
        }
    }

    /** One hidden layer's work arrays and bound operations for batches of one size. */
    private record HiddenWork(INDArray sums, INDArray activations, INDArray activationsView, INDArray errors,
            PreparedOp activate, PreparedOp throughActivation) {
    }

    /**
     * One layer's prepared products for batches of one size: its sums, the error for the layer
     * before (null for the first layer), its gradient (or update), and {@code P -= lr v} for a rule
     * with a velocity (else null).
     */
    private record Products(Gemm forward, Gemm error, Gemm gradient, Axpy step) {
    }

    /** The work arrays and prepared operations for batches of one size. */
    private final class Batch implements AutoCloseable {

        final int rows;
        final INDArray input;
        final INDArray target;
        final List<HiddenWork> hidden = new ArrayList<>();
        final INDArray outputSums;
        final INDArray output;
        final INDArray outputError;
        final INDArray outputWork;
        final List<Products> products = new ArrayList<>();
        final PreparedOp softmax;
        final PreparedOp outputMinusTarget;
        /** For the mean squared error: {@code s * (g - sum(g * s))} row by row (softmax's Jacobian); else null. */
        final PreparedOp softmaxBackward;
        /** For the seed's rule: {@code 1 - p}, then {@code p (1 - p)}, then {@code (p - t) p (1 - p)}; else null. */
        final PreparedOp oneMinusOutput;
        final PreparedOp diagonalDerivative;
        final PreparedOp throughDiagonal;
        final INDArray ones;
        final INDArray derivativeWork;
        final List<PreparedOp> ops = new ArrayList<>();

        Batch(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("rows must be at least 1, got " + rows);
            }
            this.rows = rows;
            int n = states.size();
            Layer first = states.get(0).layer();
            Layer last = states.get(n - 1).layer();
            input = Nd4j.createUninitialized(type, rows, first.inputN + (first.hasBias() ? 1 : 0));
            if (first.hasBias()) {
                input.getColumn(first.inputN).assign(1.0);
            }
            target = Nd4j.zeros(type, rows, last.outputN);
            for (int i = 0; i < n - 1; i++) {
                int features = states.get(i).layer().outputN;
                boolean ones = states.get(i + 1).layer().hasBias();
                INDArray sums = Nd4j.createUninitialized(type, features, rows);
                INDArray errors = Nd4j.createUninitialized(type, features, rows);
                INDArray activations = Nd4j.createUninitialized(type, features + (ones ? 1 : 0), rows);
                INDArray view = activations;
                if (ones) {
                    activations.getRow(features).assign(1.0);
                    view = activations.get(NDArrayIndex.interval(0, features), NDArrayIndex.all());
                }
                hidden.add(new HiddenWork(sums, activations, view, errors,
                        activate(states.get(i).kernel(), sums, view), through(states.get(i).kernel(), sums, errors)));
            }
            outputSums = Nd4j.createUninitialized(type, rows, last.outputN);
            output = Nd4j.createUninitialized(type, rows, last.outputN);
            outputError = Nd4j.createUninitialized(type, rows, last.outputN);
            outputWork = Nd4j.createUninitialized(type, rows, last.outputN);
            for (int i = 0; i < n; i++) {
                LayerState s = states.get(i);
                INDArray gradientTarget = s.update() != null ? s.update() : s.parameters();
                Axpy step = decay.isPresent() && s.update() != null ? new Axpy(s.update(), s.parameters()) : null;
                INDArray in = i == 0 ? input : hidden.get(i - 1).activations();
                boolean inBatchMajor = i == 0;
                INDArray errorBefore = i == 0 ? null : hidden.get(i - 1).errors();
                if (i == n - 1) {
                    // sums (rows x out) = in^T . P, in batch-major (rows x f) or by columns (f x rows)
                    products.add(new Products(new Gemm(in, s.parameters(), outputSums, !inBatchMajor, false),
                            i == 0 ? null : new Gemm(s.weightRows(), outputError, errorBefore, false, true),
                            new Gemm(in, outputError, gradientTarget, inBatchMajor, false), step));
                } else {
                    // sums (out x rows) = P^T . in^T
                    INDArray errors = hidden.get(i).errors();
                    products.add(new Products(new Gemm(s.parameters(), in, hidden.get(i).sums(), true, inBatchMajor),
                            i == 0 ? null : new Gemm(s.weightRows(), errors, errorBefore, false, false),
                            new Gemm(in, errors, gradientTarget, inBatchMajor, true), step));
                }
            }
            softmax = keep(new PreparedOp(new SoftMax(), new INDArray[] {outputSums}, output).integers(1));
            // Cross-entropy: the output error is p - t (the named fusion of softmax and cross-entropy).
            // Mean squared error: p - t goes through the softmax's Jacobian (softmax_bp).
            outputMinusTarget = keep(new PreparedOp(new SubOp(), new INDArray[] {output, target},
                    crossEntropy ? outputError : outputWork));
            softmaxBackward = crossEntropy || seedRule ? null
                    : keep(new PreparedOp(new SoftmaxBp(), new INDArray[] {outputSums, outputWork}, outputError)
                            .integers(1));
            if (seedRule) {
                // The seed's softmax derivative, s (1 - s) element by element, times p - t.
                ones = Nd4j.ones(type, rows, last.outputN);
                derivativeWork = Nd4j.createUninitialized(type, rows, last.outputN);
                oneMinusOutput = keep(new PreparedOp(new SubOp(), new INDArray[] {ones, output}, derivativeWork));
                diagonalDerivative = keep(new PreparedOp(new MulOp(), new INDArray[] {derivativeWork, output},
                        derivativeWork));
                throughDiagonal = keep(new PreparedOp(new MulOp(), new INDArray[] {outputWork, derivativeWork},
                        outputError));
            } else {
                ones = null;
                derivativeWork = null;
                oneMinusOutput = null;
                diagonalDerivative = null;
                throughDiagonal = null;
            }
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

        /** The error through the hidden activation, {@code error *= f'(sums)} (null: identity, nothing to do). */
        private PreparedOp through(Kernel kernel, INDArray sums, INDArray error) {
            INDArray[] sumsAndError = {sums, error};
            switch (kernel) {
                case SIGMOID:
                    return keep(new PreparedOp(new SigmoidDerivative(), sumsAndError, error));
                case RELU:
                    return keep(new PreparedOp(new ThresholdReluBp(), sumsAndError, error).reals(0.0));
                default:
                    return null;
            }
        }

        double learn() {
            forward();
            double loss = BatchLoss.of(output, target, rows, crossEntropy);
            backward();
            return loss;
        }

        void forward() {
            int n = states.size();
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

        void backward() {
            if (seedRule) {
                backwardBySeedRule();
                return;
            }
            int n = states.size();
            outputMinusTarget.run();
            double scale;
            if (crossEntropy) {
                scale = 1.0 / rows;
            } else {
                scale = 2.0 / ((double) rows * states.get(n - 1).layer().outputN);
                softmaxBackward.run();
            }
            // Each layer, last to first: the error for the layer before (with the weights before the
            // update), then the update.
            for (int i = n - 1; i >= 0; i--) {
                if (i < n - 1 && hidden.get(i).throughActivation() != null) {
                    hidden.get(i).throughActivation().run();
                }
                if (i > 0) {
                    products.get(i).error().run(1.0, 0.0);
                }
                LayerState s = states.get(i);
                Products p = products.get(i);
                if (s.update() == null) {
                    // Plain gradient descent in the product: P = P - lr * scale * gradient.
                    p.gradient().run(-optimizer.learningRate() * scale, 1.0);
                } else if (decay.isPresent()) {
                    // v = mu v + g in the product itself, then w -= lr v.
                    p.gradient().run(scale, decay.getAsDouble());
                    p.step().run(-optimizer.learningRate());
                } else {
                    p.gradient().run(scale, 0.0);
                    // Another rule (Adam) through the optimizer itself; its temporaries in the step's workspace.
                    try (MemoryWorkspace step = StepWorkspace.open(StepWorkspace.TRAINING)) {
                        optimizer.update(s.parameters(), s.update());
                    }
                }
            }
        }

        /**
         * The seed's rule, {@link Layer#learn} layer by layer: the output's {@code e1} is
         * {@code 2 (p - t) / output_n * p (1 - p)}, kept as {@code (p - t) p (1 - p)} with the factor
         * {@code c = 2 / output_n} folded into the products; a hidden layer's {@code e1} is
         * {@code e_0 / output_n * f'(y)}, the division folded into the product that computes
         * {@code e_0}; each update is {@code P -= lr * in^T . e1} (summed over the batch).
         */
        void backwardBySeedRule() {
            int n = states.size();
            outputMinusTarget.run();
            oneMinusOutput.run();
            diagonalDerivative.run();
            throughDiagonal.run();
            double c = 2.0 / states.get(n - 1).layer().outputN;
            for (int i = n - 1; i >= 0; i--) {
                if (i < n - 1 && hidden.get(i).throughActivation() != null) {
                    hidden.get(i).throughActivation().run();
                }
                double factor = i == n - 1 ? c : 1.0;
                if (i > 0) {
                    products.get(i).error().run(factor / states.get(i - 1).layer().outputN, 0.0);
                }
                products.get(i).gradient().run(-states.get(i).layer().lr * factor, 1.0);
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
            if (ones != null) {
                ones.close();
                derivativeWork.close();
            }
            ops.forEach(PreparedOp::close);
        }
    }
}
