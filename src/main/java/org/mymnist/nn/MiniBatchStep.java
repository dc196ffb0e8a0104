package org.mymnist.nn;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Objects;
import org.mymnist.backend.NativeBackend;
import org.mymnist.optim.Momentum;
import org.mymnist.optim.Optimizer;
import org.mymnist.optim.Sgd;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SigmoidDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SoftmaxBp;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.ThresholdReluBp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One training step on a mini-batch of a fixed size, for any {@link Model}: forward pass, loss,
 * backward pass and an {@link Optimizer}'s update, with the gradient of the mean loss over the
 * batch (unlike {@link Layer#learn}, which follows the notebook).
 *
 * <p>It is written for speed, every array allocated once: the caller fills {@link #input()} and
 * {@link #target()} then calls {@link #learn()}. Hidden layers work "one column per example"
 * ({@code features x rows}, C order), so that a layer's sums are one product
 * {@code W^T . a} with no transpose copied, and the activations of a layer whose next layer has a
 * bias end with a row of ones: the next product then adds the bias for free, and its gradient
 * ({@code a . delta^T}) gives the bias gradient as its last row. With {@link Sgd} the update is
 * folded into that same product ({@code P = P - lr/m * a . delta^T}, a matrix product with
 * {@code beta = 1}); with {@link Momentum} the product accumulates into the velocity
 * ({@code beta = mu}). A step of a 784-32-16-10 network is about fifteen ND4J calls.
 *
 * <p>Losses: {@link SoftmaxCrossEntropy} (the last layer must be a {@link Softmax}; the error on
 * its sums is {@code p - t}) or {@link MeanSquaredError} (the exact gradient, through the full
 * Jacobian of a softmax output).
 */
public final class MiniBatchStep implements AutoCloseable {

    static {
        NativeBackend.configure();
    }

    private final List<Layer> layers;
    private final Optimizer optimizer;
    private final boolean crossEntropy;
    private final int rows;
    private final DataType type;

    private final INDArray input;
    private final INDArray target;
    /** Per hidden layer: sums (features x rows), activations with an optional ones row, errors. */
    private final INDArray[] sums;
    private final INDArray[] activations;
    private final INDArray[] activationsView;
    private final INDArray[] errors;
    private final INDArray outputSums;
    private final INDArray output;
    private final INDArray outputError;
    private final INDArray outputWork;
    private final INDArray[] topWeights;
    private final INDArray[] gradients;
    /** Per layer: its sums, the error for the layer before, its gradient (or update). */
    private final Gemm[] forwardProducts;
    private final Gemm[] errorProducts;
    private final Gemm[] gradientProducts;
    private final Axpy[] steps;
    /** Softmax of the output sums, the output error {@code p - t}, the error through each hidden activation. */
    private final PreparedOp softmax;
    private final PreparedOp outputMinusTarget;
    /** For mean squared error through a softmax: {@code s * (g - sum(g * s))}, row by row; else null. */
    private final PreparedOp softmaxBackward;
    private final PreparedOp[] throughActivation;
    /** Each hidden activation, from its sums into its activations (null: the activation's own apply). */
    private final PreparedOp[] hiddenActivation;

    /**
     * Preallocates the arrays for batches of {@code rows} examples.
     *
     * @param model the model to train; its layers' parameters are updated in place
     * @param optimizer the update rule (one per model: it keeps state per parameter)
     * @param rows examples per batch
     * @throws IllegalArgumentException if the loss is cross-entropy without a softmax last layer,
     *     or the loss is unknown
     */
    public MiniBatchStep(Model model, Optimizer optimizer, int rows) {
        this.layers = model.layers();
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.rows = rows;
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be at least 1, got " + rows);
        }
        Loss loss = model.lossFunction();
        Layer last = layers.get(layers.size() - 1);
        if (loss instanceof SoftmaxCrossEntropy) {
            if (!(last.activation instanceof Softmax)) {
                throw new IllegalArgumentException("cross-entropy needs a softmax last layer, got "
                        + last.activation.name());
            }
            crossEntropy = true;
        } else if (loss instanceof MeanSquaredError) {
            crossEntropy = false;
        } else {
            throw new IllegalArgumentException("unsupported loss " + loss.name());
        }
        type = last.weight().dataType();
        int n = layers.size();
        Layer first = layers.get(0);
        input = Nd4j.createUninitialized(type, rows, first.inputN + (first.hasBias() ? 1 : 0));
        if (first.hasBias()) {
            input.getColumn(first.inputN).assign(1.0);
        }
        target = Nd4j.zeros(type, rows, last.outputN);
        sums = new INDArray[n - 1];
        activations = new INDArray[n - 1];
        activationsView = new INDArray[n - 1];
        errors = new INDArray[n - 1];
        for (int i = 0; i < n - 1; i++) {
            int features = layers.get(i).outputN;
            boolean ones = layers.get(i + 1).hasBias();
            sums[i] = Nd4j.createUninitialized(type, features, rows);
            errors[i] = Nd4j.createUninitialized(type, features, rows);
            activations[i] = Nd4j.createUninitialized(type, features + (ones ? 1 : 0), rows);
            if (ones) {
                activations[i].getRow(features).assign(1.0);
                activationsView[i] = activations[i].get(NDArrayIndex.interval(0, features), NDArrayIndex.all());
            } else {
                activationsView[i] = activations[i];
            }
        }
        outputSums = Nd4j.createUninitialized(type, rows, last.outputN);
        output = Nd4j.createUninitialized(type, rows, last.outputN);
        outputError = Nd4j.createUninitialized(type, rows, last.outputN);
        outputWork = Nd4j.createUninitialized(type, rows, last.outputN);
        topWeights = new INDArray[n];
        gradients = new INDArray[n];
        for (int i = 0; i < n; i++) {
            Layer layer = layers.get(i);
            if (layer.weight().dataType() != type) {
                throw new IllegalArgumentException("layers must share one data type");
            }
            topWeights[i] = layer.weight();
            if (optimizer instanceof Momentum) {
                gradients[i] = ((Momentum) optimizer).velocity(layer.parameters());
            } else if (!(optimizer instanceof Sgd)) {
                gradients[i] = layer.parameters().ulike();
            }
        }
        forwardProducts = new Gemm[n];
        errorProducts = new Gemm[n];
        gradientProducts = new Gemm[n];
        steps = new Axpy[n];
        for (int i = 0; i < n; i++) {
            INDArray parameters = layers.get(i).parameters();
            INDArray gradientTarget = gradients[i] != null ? gradients[i] : parameters;
            if (optimizer instanceof Momentum) {
                steps[i] = new Axpy(gradients[i], parameters);
            }
            boolean isLast = i == n - 1;
            INDArray in = i == 0 ? input : activations[i - 1];
            boolean inBatchMajor = i == 0;
            if (isLast) {
                // sums (rows x out) = in^T . P, in batch-major (rows x f) or by columns (f x rows)
                forwardProducts[i] = new Gemm(in, parameters, outputSums, !inBatchMajor, false);
                gradientProducts[i] = new Gemm(in, outputError, gradientTarget, inBatchMajor, false);
                if (i > 0) {
                    errorProducts[i] = new Gemm(topWeights[i], outputError, errors[i - 1], false, true);
                }
            } else {
                // sums (out x rows) = P^T . in^T
                forwardProducts[i] = new Gemm(parameters, in, sums[i], true, inBatchMajor);
                gradientProducts[i] = new Gemm(in, errors[i], gradientTarget, inBatchMajor, true);
                if (i > 0) {
                    errorProducts[i] = new Gemm(topWeights[i], errors[i], errors[i - 1], false, false);
                }
            }
        }
        softmax = new PreparedOp(new SoftMax(), new INDArray[] {outputSums}, output).integers(1);
        // Mean squared error through a softmax: p - t goes through the softmax's Jacobian
        // (softmax_bp) into the output error; otherwise p - t is the output error itself.
        boolean throughSoftmax = !crossEntropy && last.activation instanceof Softmax;
        outputMinusTarget = new PreparedOp(new SubOp(), new INDArray[] {output, target},
                throughSoftmax ? outputWork : outputError);
        softmaxBackward = throughSoftmax
                ? new PreparedOp(new SoftmaxBp(), new INDArray[] {outputSums, outputWork}, outputError).integers(1)
                : null;
        throughActivation = new PreparedOp[n - 1];
        hiddenActivation = new PreparedOp[n - 1];
        for (int i = 0; i < n - 1; i++) {
            Activation activation = layers.get(i).activation;
            INDArray[] sumsOnly = {sums[i]};
            if (activation instanceof Sigmoid) {
                hiddenActivation[i] = new PreparedOp(DynamicCustomOp.builder("sigmoid").build(), sumsOnly,
                        activationsView[i]);
            } else if (activation instanceof Relu) {
                hiddenActivation[i] = new PreparedOp(DynamicCustomOp.builder("relu").build(), sumsOnly,
                        activationsView[i]).reals(0.0);
            }
            INDArray[] sumsAndError = {sums[i], errors[i]};
            if (activation instanceof Sigmoid) {
                throughActivation[i] = new PreparedOp(new SigmoidDerivative(), sumsAndError, errors[i]);
            } else if (activation instanceof Relu) {
                throughActivation[i] = new PreparedOp(new ThresholdReluBp(), sumsAndError, errors[i]).reals(0.0);
            }
        }
    }

    /** Examples per batch. */
    public int rows() {
        return rows;
    }

    /**
     * The batch's inputs to fill, one row per example ({@code rows x inputN}, plus a last column of
     * ones when the first layer has a bias: leave it as it is).
     */
    public INDArray input() {
        return input;
    }

    /** The batch's targets to fill, one row per example ({@code rows x outputN}). */
    public INDArray target() {
        return target;
    }

    /** The last outputs ({@code rows x outputN}), as computed before the last update. */
    public INDArray output() {
        return output;
    }

    /**
     * One step on the batch in {@link #input()} and {@link #target()}: forward, loss, backward,
     * update of every layer.
     *
     * @return the mean loss of the batch, measured before the update
     */
    public double learn() {
        forward();
        double loss = lossValue();
        backward();
        return loss;
    }

    /** Computes {@link #output()} for the batch in {@link #input()}. */
    public void forward() {
        int n = layers.size();
        for (int i = 0; i < n - 1; i++) {
            forwardProducts[i].run(1.0, 0.0);
            if (hiddenActivation[i] != null) {
                hiddenActivation[i].run();
            } else {
                layers.get(i).activation.apply(sums[i], activationsView[i]);
            }
        }
        forwardProducts[n - 1].run(1.0, 0.0);
        Activation outputActivation = layers.get(n - 1).activation;
        if (outputActivation instanceof Softmax) {
            softmax.run();
        } else {
            outputActivation.apply(outputSums, output);
        }
    }

    private void backward() {
        int n = layers.size();
        Layer last = layers.get(n - 1);
        double scale;
        outputMinusTarget.run();
        if (crossEntropy) {
            scale = 1.0 / rows;
        } else {
            scale = 2.0 / ((double) rows * last.outputN);
            if (softmaxBackward != null) {
                // Full Jacobian of the softmax: dz = s * (g - sum(g * s)) row by row.
                softmaxBackward.run();
            } else {
                last.activation.derivative(outputSums, outputWork);
                outputError.muli(outputWork);
            }
        }
        // Each layer, last to first: the error for the layer before (with the weights before the
        // update), then the update.
        for (int i = n - 1; i >= 0; i--) {
            if (i < n - 1) {
                if (throughActivation[i] != null) {
                    throughActivation[i].run();
                } else {
                    throughActivation(layers.get(i).activation, sums[i], errors[i]);
                }
            }
            if (i > 0) {
                errorProducts[i].run(1.0, 0.0);
            }
            if (optimizer instanceof Sgd) {
                gradientProducts[i].run(-optimizer.learningRate() * scale, 1.0);
            } else if (optimizer instanceof Momentum) {
                // v = mu v + g in the product itself, then w -= lr v.
                gradientProducts[i].run(scale, ((Momentum) optimizer).momentum());
                steps[i].run(-optimizer.learningRate());
            } else {
                gradientProducts[i].run(scale, 0.0);
                optimizer.update(layers.get(i).parameters(), gradients[i]);
            }
        }
    }

    /** The error through an activation with no prepared operation: {@code error *= f'(sums)}. */
    private static void throughActivation(Activation activation, INDArray sums, INDArray error) {
        if (!(activation instanceof Identity)) {
            try (INDArray derivative = sums.ulike()) {
                activation.derivative(sums, derivative);
                error.muli(derivative);
            }
        }
    }

    /** The batch's mean loss from {@link #output()} and {@link #target()}, read on the host. */
    private double lossValue() {
        int size = rows * (int) output.columns();
        double sum = 0;
        if (type == DataType.FLOAT) {
            FloatBuffer p = output.data().asNioFloat();
            FloatBuffer t = target.data().asNioFloat();
            for (int k = 0; k < size; k++) {
                sum += term(p.get(k), t.get(k));
            }
        } else {
            DoubleBuffer p = output.data().asNioDouble();
            DoubleBuffer t = target.data().asNioDouble();
            for (int k = 0; k < size; k++) {
                sum += term(p.get(k), t.get(k));
            }
        }
        return crossEntropy ? sum / rows : sum / size;
    }

    private double term(double p, double t) {
        if (crossEntropy) {
            return t == 0 ? 0 : -t * Math.log(Math.max(p, 1e-30));
        }
        double d = p - t;
        return d * d;
    }

    /** Frees the work arrays; the model's parameters stay. */
    @Override
    public void close() {
        input.close();
        target.close();
        for (int i = 0; i < sums.length; i++) {
            sums[i].close();
            activations[i].close();
            errors[i].close();
        }
        outputSums.close();
        output.close();
        outputError.close();
        outputWork.close();
        softmax.close();
        outputMinusTarget.close();
        if (softmaxBackward != null) {
            softmaxBackward.close();
        }
        for (PreparedOp op : throughActivation) {
            if (op != null) {
                op.close();
            }
        }
        for (PreparedOp op : hiddenActivation) {
            if (op != null) {
                op.close();
            }
        }
        for (INDArray g : gradients) {
            if (g != null && !(optimizer instanceof Momentum)) {
                g.close();
            }
        }
    }
}
