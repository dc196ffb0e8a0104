package org.mymnist.engine;

import java.util.HashMap;
import java.util.Map;
import org.mymnist.backend.NativeBackend;
import org.mymnist.nn.Layer;
import org.mymnist.nn.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fast path of the notebook's own rule on mini-batches: the same step as {@link Model#learnOn}
 * (each layer's error divided by its {@code output_n}, softmax's element-wise derivative, the
 * batch's errors summed, each layer's own learning rate), for the mean squared error through a
 * softmax, on the arrays and products of {@link DenseNetwork}. The rule writes its step into the
 * parameters themselves: there is no optimizer. Tests prove it equal to the readable code
 * (float64 to 1e-12).
 */
public final class SeedRuleEngine implements BatchEngine {

    static {
        NativeBackend.configure();
    }

    /**
     * The seed's derivative of the softmax for batches of one size: {@code 1 - p}, then
     * {@code p (1 - p)}, then {@code (p - t) p (1 - p)} into the output error.
     */
    private record DiagonalDerivative(INDArray ones, INDArray work, PreparedOp oneMinusOutput,
            PreparedOp derivative, PreparedOp throughDerivative) implements AutoCloseable {

        DiagonalDerivative(DenseNetwork.Batch batch) {
            this(Nd4j.ones(batch.output.dataType(), batch.output.shape()), Nd4j.createUninitialized(
                    batch.output.dataType(), batch.output.shape()), batch);
        }

        private DiagonalDerivative(INDArray ones, INDArray work, DenseNetwork.Batch batch) {
            this(ones, work, new PreparedOp(new SubOp(), new INDArray[] {ones, batch.output}, work),
                    new PreparedOp(new MulOp(), new INDArray[] {work, batch.output}, work),
                    new PreparedOp(new MulOp(), new INDArray[] {batch.outputWork, work}, batch.outputError));
        }

        void run() {
            oneMinusOutput.run();
            derivative.run();
            throughDerivative.run();
        }

        @Override
        public void close() {
            oneMinusOutput.close();
            derivative.close();
            throughDerivative.close();
            ones.close();
            work.close();
        }
    }

    /**
     * The most rows of one chunk in a {@link #forWholeSets} engine: a step on the 60,000 training
     * images is 30 chunks, whose work arrays take a few MiB where the whole set's would take hundreds.
     */
    public static final int CHUNK_ROWS = 2_000;

    private final DenseNetwork network;
    private final Map<Integer, DiagonalDerivative> derivatives = new HashMap<>();
    /** The most rows whose arrays a step makes at once; a larger step is computed chunk by chunk. */
    private final int chunkRows;
    /** Whether the products sum a step's chunks into the update matrices (else they write into {@code P}). */
    private final boolean summing;

    /**
     * Why the engine cannot train this model by the seed's rule, or null when it can: the same
     * needs as {@link MiniBatchEngine#unsupported}, and the mean squared error.
     *
     * @param model the model
     * @return a one-line reason, or null
     */
    public static String unsupported(Model model) {
        String reason = DenseNetwork.unsupported(model);
        if (reason == null && Kernel.of(model.lossFunction()) != Kernel.MEAN_SQUARED_ERROR) {
            return "the seed's rule trains the mean squared error, not '" + model.lossFunction().name() + "'";
        }
        return reason;
    }

    /**
     * An engine for the seed's rule, with the model's current weights; each layer learns at its
     * own {@code lr}.
     *
     * @param model the model to train; {@link #push()} writes into its layers
     * @throws IllegalArgumentException when {@link #unsupported} gives a reason
     */
    public SeedRuleEngine(Model model) {
        this(model, Integer.MAX_VALUE);
    }

    /** An engine whose steps make arrays for at most {@code chunkRows} rows at once (tests try small chunks). */
    SeedRuleEngine(Model model, int chunkRows) {
        String reason = unsupported(model);
        if (reason != null) {
            throw new IllegalArgumentException(reason);
        }
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunkRows must be at least 1, got " + chunkRows);
        }
        this.chunkRows = chunkRows;
        this.summing = chunkRows != Integer.MAX_VALUE;
        this.network = new DenseNetwork(model, summing ? ParameterMatrix::summingSteps : ParameterMatrix::alone);
    }

    /**
     * An engine for the notebook's loop, whose steps take the whole training set (or its strided
     * slice) at once: each step is the same update as {@link Model#learnOn} on all its rows, computed
     * by chunks of at most {@link #CHUNK_ROWS} rows. Every chunk's forward and backward pass use the
     * weights from before the step (as {@link Layer#learn} passes its error back through the weights
     * it had before its update); their gradients are summed, then added to the parameters once.
     *
     * @param model the model to train; {@link #push()} writes into its layers
     * @return the engine
     * @throws IllegalArgumentException when {@link #unsupported} gives a reason
     */
    public static SeedRuleEngine forWholeSets(Model model) {
        return new SeedRuleEngine(model, CHUNK_ROWS);
    }

    @Override
    public void pull() {
        network.pull();
    }

    @Override
    public void push() {
        network.push();
    }

    /**
     * One step of the seed's rule on the examples {@code order[from .. from + count)}, by chunks when
     * there are more than the engine's chunk of rows ({@link #forWholeSets}).
     *
     * @return the step's mean loss before the step (for chunks, their means weighted by their rows)
     */
    @Override
    public double learn(INDArray images, INDArray targets, int[] order, int from, int count) {
        if (count <= chunkRows) {
            double loss = learnChunk(images, targets, order, from, count, summing ? 0.0 : 1.0);
            addSums();
            return loss;
        }
        double weighted = 0;
        for (int done = 0; done < count; done += chunkRows) {
            int rows = Math.min(chunkRows, count - done);
            weighted += learnChunk(images, targets, order, from + done, rows, done == 0 ? 0.0 : 1.0) * rows;
        }
        addSums();
        return weighted / count;
    }

    /**
     * The forward and backward pass of one chunk, its gradient products run with {@code beta}: 1
     * adds them to their targets ({@code P}, or the sums of the chunks before), 0 starts the sums.
     */
    private double learnChunk(INDArray images, INDArray targets, int[] order, int from, int count, double beta) {
        DenseNetwork.Batch batch = network.batch(count);
        DiagonalDerivative derivative = derivatives.computeIfAbsent(count, r -> new DiagonalDerivative(batch));
        Rows.gather(images, order, from, count, batch.input);
        Rows.gather(targets, order, from, count, batch.target);
        batch.forward();
        double loss = batch.loss();
        backward(batch, derivative, beta);
        return loss;
    }

    /** The step summed over the chunks, added to the parameters (nothing to do when the products wrote into them). */
    private void addSums() {
        if (summing) {
            for (DenseNetwork.DenseLayer l : network.layers()) {
                l.p().velocityStep().run(1.0);
            }
        }
    }

    /** Prepares the arrays that a step on {@code rows} examples uses: one batch, or its chunks. */
    @Override
    public void prepare(int rows) {
        prepareChunk(Math.min(rows, chunkRows));
        if (rows > chunkRows && rows % chunkRows != 0) {
            prepareChunk(rows % chunkRows);
        }
    }

    private void prepareChunk(int rows) {
        DenseNetwork.Batch batch = network.batch(rows);
        derivatives.computeIfAbsent(rows, r -> new DiagonalDerivative(batch));
    }

    /**
     * {@link Layer#learn} layer by layer: the output's {@code e1} is
     * {@code 2 (p - t) / output_n * p (1 - p)}, kept as {@code (p - t) p (1 - p)} with the factor
     * {@code c = 2 / output_n} folded into the products; a hidden layer's {@code e1} is
     * {@code e_0 / output_n * f'(y)}, the division folded into the product that computes
     * {@code e_0}; each update is {@code P -= lr * in^T . e1} (summed over the batch), its product
     * run with {@code beta} (see {@link #learnChunk}).
     */
    private void backward(DenseNetwork.Batch batch, DiagonalDerivative derivative, double beta) {
        int n = network.layers().size();
        batch.outputMinusTarget.run();
        derivative.run();
        double c = 2.0 / network.layers().get(n - 1).layer().outputN;
        for (int i = n - 1; i >= 0; i--) {
            if (i < n - 1) {
                batch.throughActivation(i);
            }
            double factor = i == n - 1 ? c : 1.0;
            DenseNetwork.Products p = batch.products.get(i);
            if (i > 0) {
                p.error().run(factor / network.layers().get(i - 1).layer().outputN, 0.0);
            }
            p.gradient().run(-network.layers().get(i).layer().lr * factor, beta);
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
        derivatives.values().forEach(DiagonalDerivative::close);
        derivatives.clear();
        network.releaseBatches();
    }

    @Override
    public int preparedBatchSizes() {
        return network.batchSizes();
    }
}
