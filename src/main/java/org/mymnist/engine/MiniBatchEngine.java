package org.mymnist.engine;

import java.util.HashMap;
import java.util.Map;
import org.mymnist.backend.NativeBackend;
import org.mymnist.nn.Model;
import org.mymnist.optim.Optimizer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.SoftmaxBp;

/**
 * The fast path of the mean-gradient rule: the same step as {@link Model#learnMeanGradient} (the
 * true gradient of a mini-batch's mean loss, then the optimizer's step), computed with every array
 * allocated once, operations bound once to their arrays, products handed straight to OpenBLAS and
 * the update folded into them. Tests prove it equal to the readable code (float64 to 1e-12).
 *
 * <p>It is built from a {@link Model}: {@link #pull()} copies the model's weights and biases into
 * the engine's own parameter matrices, {@link #push()} writes them back. Each layer's parameters
 * are one {@link ParameterMatrix} (the weights' rows, then the bias row), laid out as
 * {@link DenseNetwork} says. With an optimizer of the form {@code v = mu v + g, w -= lr v} ({@link
 * Optimizer#velocityDecay()}), the gradient product writes straight into {@code P} (plain gradient
 * descent, {@code beta = 1}) or into the velocity ({@code beta = mu}); any other optimizer gets the
 * gradient through {@link Optimizer#update} ({@link OptimizerStep}).
 *
 * <p>What it runs is read from the objects it is given: the {@link Kernel} of each activation
 * and of the loss, and the optimizer's {@code velocityDecay()}. {@link #unsupported} says which
 * models it cannot run; those train on the readable path. The notebook's own rule on mini-batches
 * is {@link SeedRuleEngine}.
 */
public final class MiniBatchEngine implements BatchEngine {

    static {
        NativeBackend.configure();
    }

    private final OptimizerStep step;
    private final DenseNetwork network;
    /** For the mean squared error, per batch size: {@code s * (g - sum(g * s))} row by row (softmax's Jacobian). */
    private final Map<Integer, PreparedOp> softmaxBackward = new HashMap<>();

    /**
     * Why the engine cannot train this model, or null when it can: it needs hidden activations
     * with a kernel other than softmax, a softmax last layer, and a loss with a kernel.
     *
     * @param model the model
     * @return a one-line reason, or null
     */
    public static String unsupported(Model model) {
        return DenseNetwork.unsupported(model);
    }

    /**
     * An engine for the model, with the model's current weights ({@link #pull()}).
     *
     * @param model the model to train; {@link #push()} writes into its layers
     * @param optimizer the update rule (the same one at every step: the engine keeps its velocity)
     * @throws IllegalArgumentException when {@link #unsupported} gives a reason
     */
    public MiniBatchEngine(Model model, Optimizer optimizer) {
        this.step = new OptimizerStep(optimizer);
        this.network = new DenseNetwork(model,
                (type, inputs, outputs, bias) -> ParameterMatrix.forTraining(type, inputs, outputs, bias, step));
    }

    @Override
    public void pull() {
        network.pull();
    }

    @Override
    public void push() {
        network.push();
    }

    @Override
    public double learn(INDArray images, INDArray targets, int[] order, int from, int count) {
        DenseNetwork.Batch batch = prepared(count);
        Rows.gather(images, order, from, count, batch.input);
        Rows.gather(targets, order, from, count, batch.target);
        batch.forward();
        double loss = batch.loss();
        backward(batch);
        return loss;
    }

    @Override
    public void prepare(int rows) {
        prepared(rows);
    }

    private DenseNetwork.Batch prepared(int rows) {
        DenseNetwork.Batch batch = network.batch(rows);
        if (!network.crossEntropy()) {
            // Mean squared error: p - t goes through the softmax's Jacobian (softmax_bp).
            softmaxBackward.computeIfAbsent(rows, r -> new PreparedOp(new SoftmaxBp(),
                    new INDArray[] {batch.outputSums, batch.outputWork}, batch.outputError).integers(1));
        }
        return batch;
    }

    /**
     * The gradient of the batch's mean loss, last layer first, each layer's error for the layer
     * before computed with the weights before that layer's step.
     */
    private void backward(DenseNetwork.Batch batch) {
        int n = network.layers().size();
        batch.outputMinusTarget.run();
        double scale;
        if (network.crossEntropy()) {
            scale = 1.0 / batch.rows;
        } else {
            scale = 2.0 / ((double) batch.rows * network.layers().get(n - 1).layer().outputN);
            softmaxBackward.get(batch.rows).run();
        }
        for (int i = n - 1; i >= 0; i--) {
            if (i < n - 1) {
                batch.throughActivation(i);
            }
            DenseNetwork.Products p = batch.products.get(i);
            if (i > 0) {
                p.error().run(1.0, 0.0);
            }
            step.take(p.gradient(), network.layers().get(i).p(), scale);
        }
    }

    /** Frees the engine's arrays and parameter matrices (after a last {@link #push()} if the model should keep them). */
    @Override
    public void close() {
        releaseBatches();
        network.close();
    }

    @Override
    public void releaseBatches() {
        softmaxBackward.values().forEach(PreparedOp::close);
        softmaxBackward.clear();
        network.releaseBatches();
    }

    @Override
    public int preparedBatchSizes() {
        return network.batchSizes();
    }
}
