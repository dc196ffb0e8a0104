package org.mymnist.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mymnist.backend.NativeBackend;
import org.mymnist.nn.Layer;
import org.mymnist.nn.Model;
import org.mymnist.nn.Stage;
import org.mymnist.nn.conv.Activated;
import org.mymnist.nn.conv.Convolution;
import org.mymnist.nn.conv.Flatten;
import org.mymnist.nn.conv.MaxPooling;
import org.mymnist.nn.conv.Unflatten;
import org.mymnist.optim.Optimizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.ThresholdReluBp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The fast path of a convolutional {@link Model} (stages {@code Unflatten}, then
 * convolution / ReLU / max pooling stages, then {@code Flatten}, then dense layers with ReLU and
 * biases, and a softmax with cross-entropy): the step of {@link Model#learnMeanGradient}, with
 * every array allocated once per batch size and every operation bound once to its arrays.
 *
 * <p>A convolution is computed as the teaching {@link Convolution} computes it, im2col then one
 * matrix product, with the images laid out channel, row, column, example ({@code c x h x w x n},
 * the batch innermost): {@code im2col} is then a few thousand copies of {@code ow * n} values
 * ({@link Runs}), the patches ({@code (c * size * size + 1) x (oh * ow * n)}, a last row of ones
 * for the bias) multiply the stage's parameters in one OpenBLAS product ({@link Gemm}), and the
 * sums come out one row per filter, already in the layout the next stage reads. The backward pass
 * is two more products and {@code col2im} (none for the first convolution, whose input gradient
 * nobody reads). Max pooling and ReLU are one loop ({@link Pooling}). These loops of the engine's
 * own run in two halves on two threads ({@link Halves}), while OpenBLAS's second thread would
 * otherwise wait for the next product. The dense layers read the
 * last pooled values as one column per example. libnd4j's own {@code conv2d} and
 * {@code maxpool2d} ops were measured first and were several times slower here
 * ({@code docs/performance.md}).
 *
 * <p>Each stage's and layer's parameters are one matrix (the weights' rows, then the bias row),
 * which {@link #pull()} and {@link #push()} copy from and to the model; the update is folded into
 * the gradient's product as in {@link MiniBatchEngine}. Tests prove it equal to the teaching
 * stages (float64 to 1e-10).
 */
public final class ConvolutionEngine implements BatchEngine {

    static {
        NativeBackend.configure();
    }

    /** A convolution stage: the convolution, its pooling, its parameters. */
    private record ConvStage(Convolution convolution, int pool, ParameterMatrix p) {
    }

    /** A dense layer and its parameters. */
    private record DenseStage(Layer layer, ParameterMatrix p) {
    }

    private final Model model;
    /** The optimizer's step; null for an engine made for inference ({@link #forInference}). */
    private final OptimizerStep step;
    private final DataType type;
    private final long[] image;
    private final List<ConvStage> conv = new ArrayList<>();
    private final List<DenseStage> dense = new ArrayList<>();
    private final Map<Integer, Batch> training = new HashMap<>();
    private final Map<Integer, Batch> inference = new HashMap<>();

    /**
     * Why the engine cannot train this model, or null when it can: it runs
     * {@code Unflatten, (Convolution, relu, MaxPooling)..., Flatten}, then dense layers with
     * biases, ReLU between them and a softmax last, cross-entropy, float32 or float64.
     *
     * @param model the model
     * @return a one-line reason, or null
     */
    public static String unsupported(Model model) {
        List<Stage> f = model.features();
        if (f.size() < 5 || !(f.get(0) instanceof Unflatten) || !(f.get(f.size() - 1) instanceof Flatten)
                || (f.size() - 2) % 3 != 0) {
            return "the convolution engine runs Unflatten, (Convolution, relu, MaxPooling)..., Flatten, not " + f;
        }
        for (int i = 1; i < f.size() - 1; i += 3) {
            if (!(f.get(i) instanceof Convolution) || !(f.get(i + 1) instanceof Activated a)
                    || Kernel.of(a.activation) != Kernel.RELU || !(f.get(i + 2) instanceof MaxPooling)) {
                return "the convolution engine runs convolution, relu, max pooling stages, not "
                        + f.subList(i, Math.min(f.size(), i + 3));
            }
        }
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            if (i < layers.size() - 1 && Kernel.of(layers.get(i).activation) != Kernel.RELU) {
                return "the convolution engine has no kernel for the hidden activation '"
                        + layers.get(i).activation.name() + "'";
            }
            if (!layers.get(i).hasBias()) {
                return "the convolution engine runs dense layers with biases";
            }
        }
        if (Kernel.of(layers.get(layers.size() - 1).activation) != Kernel.SOFTMAX
                || Kernel.of(model.lossFunction()) != Kernel.CROSS_ENTROPY) {
            return "the convolution engine needs a softmax last layer with cross-entropy";
        }
        if (model.dataType() != DataType.FLOAT && model.dataType() != DataType.DOUBLE) {
            return "the convolution engine runs float32 and float64, not " + model.dataType();
        }
        return null;
    }

    /**
     * An engine for the model, with the model's current parameters ({@link #pull()}).
     *
     * @param model the model to train; {@link #push()} writes into its stages and layers
     * @param optimizer the update rule (the same one at every step: the engine keeps its velocity)
     * @throws IllegalArgumentException when {@link #unsupported} gives a reason
     */
    public ConvolutionEngine(Model model, Optimizer optimizer) {
        this(model, new OptimizerStep(optimizer));
    }

    /**
     * An engine that only predicts ({@link #predictClasses(INDArray, int)}), with the model's
     * current parameters and no optimizer: it has no update matrices and cannot {@link #learn}.
     *
     * @param model the model, left unchanged
     * @return the engine
     * @throws IllegalArgumentException when {@link #unsupported} gives a reason
     */
    public static ConvolutionEngine forInference(Model model) {
        return new ConvolutionEngine(model, (OptimizerStep) null);
    }

    private ConvolutionEngine(Model model, OptimizerStep step) {
        String reason = unsupported(model);
        if (reason != null) {
            throw new IllegalArgumentException(reason);
        }
        this.model = model;
        this.step = step;
        this.type = model.dataType();
        List<Stage> f = model.features();
        this.image = ((Unflatten) f.get(0)).imageShape();
        for (int i = 1; i < f.size() - 1; i += 3) {
            Convolution c = (Convolution) f.get(i);
            conv.add(new ConvStage(c, ((MaxPooling) f.get(i + 2)).size,
                    parameters((long) c.channels * c.size * c.size, c.filters)));
        }
        for (Layer layer : model.layers()) {
            dense.add(new DenseStage(layer, parameters(layer.inputN, layer.outputN)));
        }
        pull();
    }

    /** A parameter matrix of {@code inputs + 1} rows (the last one the bias), with its update's for training. */
    private ParameterMatrix parameters(long inputs, long outputs) {
        return step == null ? ParameterMatrix.alone(type, inputs, outputs, true)
                : ParameterMatrix.forTraining(type, inputs, outputs, true, step);
    }

    /** Copies the model's filters, weights and biases into the engine. */
    public void pull() {
        for (ConvStage s : conv) {
            Convolution c = s.convolution();
            s.p().pull(c.weight().reshape(c.filters, s.p().weightRows().rows()).transpose(), c.bias());
        }
        for (DenseStage d : dense) {
            d.p().pull(d.layer().weight(), d.layer().bias());
        }
    }

    /** Writes the engine's filters, weights and biases back into the model. */
    public void push() {
        for (ConvStage s : conv) {
            Convolution c = s.convolution();
            c.weight().assign(s.p().weightRows().transpose().reshape(c.weight().shape()));
            c.bias().assign(s.p().biasRow());
        }
        for (DenseStage d : dense) {
            d.p().push(d.layer().weight(), d.layer().bias());
        }
    }

    /**
     * Prepares the arrays for batches of {@code rows} examples now rather than at the first one.
     *
     * @param rows examples per batch
     */
    public void prepare(int rows) {
        requireOptimizer();
        training.computeIfAbsent(rows, r -> new Batch(r, true));
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
        requireOptimizer();
        Batch batch = training.computeIfAbsent(count, r -> new Batch(r, true));
        Rows.gather(images, order, from, count, batch.input);
        Rows.gather(targets, order, from, count, batch.target);
        batch.forward();
        double loss = BatchLoss.of(batch.output, batch.target, batch.rows, true);
        batch.backward();
        return loss;
    }

    /**
     * The predicted digit of each row, by chunks of {@code chunk} rows through the prepared
     * forward pass, with the engine's parameters.
     *
     * @param images one C-order row per example, the model's data type
     * @param chunk rows per forward pass
     * @return the index of the largest output of each row (the first on ties)
     */
    public int[] predictClasses(INDArray images, int chunk) {
        int n = (int) images.rows();
        int[] classes = new int[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int from = 0; from < n; from += chunk) {
            int count = Math.min(chunk, n - from);
            Batch batch = inference.computeIfAbsent(count, r -> new Batch(r, false));
            Rows.gather(images, order, from, count, batch.input);
            batch.forward();
            int outputs = (int) batch.output.columns();
            double[] p = batch.output.data().asDouble();
            for (int r = 0; r < count; r++) {
                int best = 0;
                for (int k = 1; k < outputs; k++) {
                    if (p[r * outputs + k] > p[r * outputs + best]) {
                        best = k;
                    }
                }
                classes[from + r] = best;
            }
        }
        return classes;
    }

    /** @throws IllegalStateException for an engine made for inference */
    private void requireOptimizer() {
        if (step == null) {
            throw new IllegalStateException("this convolution engine was made for inference (forInference): "
                    + "it has no optimizer to learn with");
        }
    }

    /**
     * Frees the engine's arrays, its parameters and their updates among them (after a last
     * {@link #push()} if the model should keep what it learned).
     */
    @Override
    public void close() {
        releaseBatches();
        conv.forEach(s -> s.p().close());
        dense.forEach(d -> d.p().close());
    }

    @Override
    public void releaseBatches() {
        training.values().forEach(Batch::close);
        inference.values().forEach(Batch::close);
        training.clear();
        inference.clear();
    }

    @Override
    public int preparedBatchSizes() {
        return training.size() + inference.size();
    }

    /**
     * A convolution stage's arrays and operations for batches of one size. Images are laid out
     * channel, row, column, then example ({@code c x h x w x n}: the batch innermost), so that
     * {@code im2col} copies runs of {@code ow * n} values and the patches ({@code K+1 x N}, a last
     * row of ones for the bias, columns in the order row, column, example) multiply the
     * parameters in one product; the sums ({@code f x oh x ow x n}) are images to pool in the
     * same layout (libnd4j's NHWC, with the examples as its channels).
     */
    private record ConvWork(ConvStage stage, INDArray in, INDArray patches, Runs[] unroll, INDArray sums,
            INDArray pooled, INDArray dPatches, INDArray dIn, Runs[] fold, Gemm forward, Pooling pool,
            Gemm patchGradient, Gemm gradient) {
    }

    /** A dense layer's operations for batches of one size (hidden layers: one column per example). */
    private record DenseWork(DenseStage stage, Gemm forward, PreparedOp activate, PreparedOp reluBack,
            Gemm inputGradient, Gemm gradient) {
    }

    /** The work arrays and prepared operations for batches of one size. */
    private final class Batch implements AutoCloseable {

        final int rows;
        final INDArray input;
        final INDArray inputByColumns;
        final INDArray target;
        final INDArray output;
        final List<ConvWork> convWork = new ArrayList<>();
        final List<DenseWork> denseWork = new ArrayList<>();
        final PreparedOp outputMinusTarget;
        final PreparedOp meanOverRows;
        final List<INDArray> owned = new ArrayList<>();
        final List<PreparedOp> ops = new ArrayList<>();

        Batch(int rows, boolean backward) {
            this.rows = rows;
            long pixels = image[0] * image[1] * image[2];
            input = keep(Nd4j.createUninitialized(type, rows, pixels));
            inputByColumns = keep(Nd4j.createUninitialized(type, pixels, rows));
            // The first dense layer's input, one column per example and a row of ones: the last stage pools into it.
            Layer first = dense.get(0).layer();
            INDArray denseIn = keep(Nd4j.createUninitialized(type, first.inputN + 1, rows));
            denseIn.getRow(first.inputN).assign(1.0);
            INDArray dDenseIn = backward ? keep(Nd4j.createUninitialized(type, first.inputN, rows)) : null;
            INDArray in = inputByColumns.reshape(image[0], image[1], image[2], rows);
            INDArray dIn = null;
            long h = image[1];
            long w = image[2];
            for (int i = 0; i < conv.size(); i++) {
                ConvStage s = conv.get(i);
                Convolution c = s.convolution();
                long oh = h - c.size + 1;
                long ow = w - c.size + 1;
                long ph = oh / s.pool();
                long pw = ow / s.pool();
                long k = (long) c.channels * c.size * c.size;
                long n = oh * ow * rows;
                INDArray patches = keep(Nd4j.createUninitialized(type, k + 1, n));
                patches.getRow(k).assign(1.0);
                INDArray sums = keep(Nd4j.createUninitialized(type, c.filters, n));
                INDArray sumsAsImages = sums.reshape(c.filters, oh, ow, rows);
                boolean last = i == conv.size() - 1;
                if (last && (long) c.filters * ph * pw != first.inputN) {
                    throw new IllegalArgumentException("the last stage gives " + c.filters * ph * pw
                            + " values, the first dense layer reads " + first.inputN);
                }
                INDArray pooled = last ? denseIn.get(NDArrayIndex.interval(0, first.inputN), NDArrayIndex.all())
                        .reshape(c.filters, ph, pw, rows)
                        : keep(Nd4j.createUninitialized(type, c.filters, ph, pw, rows));
                Gemm forward = new Gemm(s.p().all(), patches, sums, true, false);
                Gemm patchGradient = null;
                Gemm gradient = null;
                INDArray dPatches = null;
                INDArray dPooled = null;
                INDArray dSums = null;
                if (backward) {
                    dPooled = last ? dDenseIn.reshape(c.filters, ph, pw, rows)
                            : keep(Nd4j.createUninitialized(type, c.filters, ph, pw, rows));
                    dSums = keep(Nd4j.createUninitialized(type, c.filters, n));
                    if (i > 0) {
                        dPatches = keep(Nd4j.createUninitialized(type, k, n));
                        patchGradient = new Gemm(s.p().weightRows(), dSums, dPatches, false, false);
                    }
                    gradient = new Gemm(patches, dSums, s.p().gradientTarget(), false, true);
                }
                Pooling pool = new Pooling(s.pool(), sumsAsImages, pooled, dPooled,
                        dSums == null ? null : dSums.reshape(c.filters, oh, ow, rows));
                // One Runs per half of the work ({@link Halves}): a Runs moves its pointers as it copies.
                convWork.add(new ConvWork(s, in, patches, new Runs[] {new Runs(in, patches), new Runs(in, patches)},
                        sums, pooled, dPatches, dIn, dPatches == null ? null
                        : new Runs[] {new Runs(dPatches, dIn), new Runs(dPatches, dIn)},
                        forward, pool, patchGradient, gradient));
                in = pooled;
                dIn = dPooled;
                h = ph;
                w = pw;
            }
            INDArray x = denseIn;
            INDArray dx = dDenseIn;
            INDArray out = null;
            for (int i = 0; i < dense.size(); i++) {
                DenseStage d = dense.get(i);
                Layer layer = d.layer();
                boolean last = i == dense.size() - 1;
                PreparedOp activate;
                Gemm forward;
                PreparedOp reluBack = null;
                Gemm inputGradient = null;
                Gemm gradient = null;
                INDArray next;
                if (last) {
                    // One row per example for the softmax: sums = x^T . P.
                    INDArray sums = keep(Nd4j.createUninitialized(type, rows, layer.outputN));
                    next = keep(Nd4j.createUninitialized(type, rows, layer.outputN));
                    forward = new Gemm(x, d.p().all(), sums, true, false);
                    activate = keep(new PreparedOp(new SoftMax(), new INDArray[] {sums}, next).integers(1));
                    out = next;
                    if (backward) {
                        INDArray delta = keep(Nd4j.createUninitialized(type, rows, layer.outputN));
                        inputGradient = new Gemm(d.p().weightRows(), delta, dx, false, true);
                        gradient = new Gemm(x, delta, d.p().gradientTarget(), false, false);
                        dx = delta;
                    }
                } else {
                    // One column per example: sums = P^T . x, then ReLU into the next input's rows.
                    INDArray sums = keep(Nd4j.createUninitialized(type, layer.outputN, rows));
                    next = keep(Nd4j.createUninitialized(type, layer.outputN + 1, rows));
                    next.getRow(layer.outputN).assign(1.0);
                    INDArray nextRows = next.get(NDArrayIndex.interval(0, layer.outputN), NDArrayIndex.all());
                    forward = new Gemm(d.p().all(), x, sums, true, false);
                    activate = op("relu", new INDArray[] {sums}, nextRows).reals(0.0);
                    if (backward) {
                        INDArray delta = keep(Nd4j.createUninitialized(type, layer.outputN, rows));
                        reluBack = keep(new PreparedOp(new ThresholdReluBp(), new INDArray[] {sums, delta}, delta)
                                .reals(0.0));
                        inputGradient = new Gemm(d.p().weightRows(), delta, dx, false, false);
                        gradient = new Gemm(x, delta, d.p().gradientTarget(), false, true);
                        dx = delta;
                    }
                }
                denseWork.add(new DenseWork(d, forward, activate, reluBack, inputGradient, gradient));
                x = next;
            }
            output = out;
            target = keep(Nd4j.zeros(type, rows, output.columns()));
            if (backward) {
                // Cross-entropy through softmax: (p - t) / rows, the gradient of the mean loss at the last sums.
                outputMinusTarget = keep(new PreparedOp(new SubOp(), new INDArray[] {output, target}, dx));
                INDArray scale = keep(Nd4j.scalar(type, 1.0 / rows));
                meanOverRows = op("multiply", new INDArray[] {dx, scale}, dx);
            } else {
                outputMinusTarget = null;
                meanOverRows = null;
            }
        }

        private INDArray keep(INDArray array) {
            owned.add(array);
            return array;
        }

        private PreparedOp keep(PreparedOp op) {
            ops.add(op);
            return op;
        }

        private PreparedOp op(String name, INDArray[] inputs, INDArray... outputs) {
            return keep(new PreparedOp(DynamicCustomOp.builder(name).build(), inputs, outputs));
        }

        void forward() {
            inputByColumns.assign(input.transpose());
            for (ConvWork c : convWork) {
                im2col(c);
                c.forward().run(1.0, 0.0);
                c.pool().forward();
            }
            for (DenseWork d : denseWork) {
                d.forward().run(1.0, 0.0);
                d.activate().run();
            }
        }

        /**
         * The patches of a stage's input ({@code c x h x w x n}): row {@code (channel, i, j)}
         * holds, for each output row {@code r}, the input's row {@code r + i} from column
         * {@code j} on, {@code ow} pixels of every example, one run. Half the rows on each of two
         * threads ({@link Halves}).
         */
        private void im2col(ConvWork c) {
            Convolution conv = c.stage().convolution();
            Halves.split(conv.channels * conv.size * conv.size,
                    (half, from, to) -> patchRuns(c, c.unroll()[half], from, to, false));
        }

        /**
         * The reverse of {@link #im2col} for the gradient: each patch value added back onto its
         * pixel. Half the input's channels on each of two threads: a channel's pixels take sums
         * from that channel's rows only.
         */
        private void col2im(ConvWork c) {
            c.dIn().assign(0.0);
            Convolution conv = c.stage().convolution();
            int rowsPerChannel = conv.size * conv.size;
            Halves.split(conv.channels, (half, from, to) -> patchRuns(c, c.fold()[half], from * rowsPerChannel,
                    to * rowsPerChannel, true));
        }

        /**
         * The runs between the stage's input (or its gradient, the same shape) and the patches'
         * rows {@code [from, to)}, row {@code (channel * size + i) * size + j}: for each output row
         * {@code r}, {@code ow * n} values from the input's row {@code r + i}, column {@code j}.
         * {@code im2col} copies them into the patches; {@code col2im} ({@code fold}) adds the
         * patches' gradient back onto the input's.
         */
        private void patchRuns(ConvWork c, Runs runs, int from, int to, boolean fold) {
            int size = c.stage().convolution().size;
            long h = c.in().size(1);
            long w = c.in().size(2);
            long oh = h - size + 1;
            long ow = w - size + 1;
            long n = oh * ow * rows;
            int run = (int) (ow * rows);
            for (int row = from; row < to; row++) {
                int ch = row / (size * size);
                int i = row / size % size;
                int j = row % size;
                for (long r = 0; r < oh; r++) {
                    long pixel = ((ch * h + r + i) * w + j) * rows;
                    long patch = row * n + r * run;
                    if (fold) {
                        runs.add(patch, pixel, run);
                    } else {
                        runs.copy(pixel, patch, run);
                    }
                }
            }
        }

        /** The gradient, last layer first; each product that needs a weight runs before that weight's update. */
        void backward() {
            outputMinusTarget.run();
            meanOverRows.run();
            for (int i = denseWork.size() - 1; i >= 0; i--) {
                DenseWork d = denseWork.get(i);
                if (d.reluBack() != null) {
                    d.reluBack().run();
                }
                d.inputGradient().run(1.0, 0.0);
                step.take(d.gradient(), d.stage().p(), 1.0);
            }
            for (int i = convWork.size() - 1; i >= 0; i--) {
                ConvWork c = convWork.get(i);
                c.pool().backward();
                if (c.patchGradient() != null) {
                    c.patchGradient().run(1.0, 0.0);
                    col2im(c);
                }
                step.take(c.gradient(), c.stage().p(), 1.0);
            }
        }

        @Override
        public void close() {
            ops.forEach(PreparedOp::close);
            owned.forEach(INDArray::close);
        }
    }

}
