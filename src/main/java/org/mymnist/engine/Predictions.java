package org.mymnist.engine;

import org.mymnist.backend.NativeBackend;
import org.mymnist.backend.StepWorkspace;
import org.mymnist.nn.Model;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The digit a model reads in each of any number of images, in bounded memory: the model's own
 * {@link Model#predict} on chunks of rows, each chunk's arrays in the evaluation workspace, or the
 * prepared forward pass of a {@link ConvolutionEngine} for a network it runs (the same digits).
 */
public final class Predictions {

    /** Rows per forward pass of a dense network. */
    private static final int CHUNK = 10_000;
    /** The same with stages: a convolution's patches take hundreds of values per pixel. */
    private static final int CHUNK_STAGES = 500;
    /** Rows per forward pass of the convolution engine. */
    private static final int ENGINE_CHUNK = 100;

    private Predictions() {
    }

    /**
     * The predicted digit of each row: on a convolution engine for a model it runs (the same
     * digits, tests prove, in a fraction of the time), else {@link #readableClasses}.
     *
     * @param model the model, left unchanged
     * @param images one row per example
     * @return the index of the largest output of each row
     */
    public static int[] classes(Model model, INDArray images) {
        if (model.features().isEmpty() || ConvolutionEngine.unsupported(model) != null) {
            return readableClasses(model, images);
        }
        INDArray rows = images.dataType() == model.dataType() ? images : images.castTo(model.dataType());
        rows = rows.isView() || rows.ordering() != 'c' ? rows.dup('c') : rows;
        try (ConvolutionEngine engine = ConvolutionEngine.forInference(model);
             NativeBackend.Threads threads = NativeBackend.oneOpenMpThread()) {
            return engine.predictClasses(rows, ENGINE_CHUNK);
        }
    }

    /**
     * The predicted digit (index of the largest output) of each row, {@link Model#predict} on
     * chunks of rows so that any number of examples fits in memory.
     *
     * @param model the model, left unchanged
     * @param images one row per example
     * @return the index of the largest output of each row (the first on ties, as numpy)
     */
    public static int[] readableClasses(Model model, INDArray images) {
        NativeBackend.configure();
        long n = images.rows();
        int[] classes = new int[(int) n];
        int chunkRows = model.features().isEmpty() ? CHUNK : CHUNK_STAGES;
        for (long start = 0; start < n; start += chunkRows) {
            long end = Math.min(n, start + chunkRows);
            try (MemoryWorkspace chunk = StepWorkspace.open(StepWorkspace.EVALUATION)) {
                INDArray rows = images.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
                int[] part = model.predict(rows).argMax(1).toIntVector();
                System.arraycopy(part, 0, classes, (int) start, part.length);
            }
        }
        return classes;
    }

    /**
     * The share of rows whose predicted digit is the one-hot target's.
     *
     * @param digits the predicted digit of each row
     * @param targets one-hot targets, one row per prediction
     * @return accuracy in [0, 1]
     */
    public static double accuracy(int[] digits, INDArray targets) {
        int[] expected = targets.argMax(1).toIntVector();
        if (expected.length != digits.length) {
            throw new IllegalArgumentException(digits.length + " predictions but " + expected.length + " targets");
        }
        int good = 0;
        for (int i = 0; i < digits.length; i++) {
            good += digits[i] == expected[i] ? 1 : 0;
        }
        return (double) good / digits.length;
    }
}
