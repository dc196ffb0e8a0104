package org.mymnist.engine;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A batch's mean loss, added up on the host from the engine's output and target arrays (both
 * {@code rows x outputs}, C order): what {@link org.mymnist.nn.Loss#value} gives, without an ND4J
 * operation and its allocations at every step.
 */
final class BatchLoss {

    private BatchLoss() {
    }

    /**
     * The mean loss of the batch.
     *
     * @param output the predicted probabilities
     * @param target the one-hot targets
     * @param rows the examples in the batch
     * @param crossEntropy {@code -sum t log p / rows} (p floored at 1e-30, as the loss does) when
     *     true, else the mean squared error {@code sum (p - t)^2 / (rows * outputs)}
     * @return the loss
     */
    static double of(INDArray output, INDArray target, int rows, boolean crossEntropy) {
        int size = rows * (int) output.columns();
        double sum = 0;
        if (output.dataType() == DataType.FLOAT) {
            FloatBuffer p = output.data().asNioFloat();
            FloatBuffer t = target.data().asNioFloat();
            for (int k = 0; k < size; k++) {
                sum += term(p.get(k), t.get(k), crossEntropy);
            }
        } else {
            DoubleBuffer p = output.data().asNioDouble();
            DoubleBuffer t = target.data().asNioDouble();
            for (int k = 0; k < size; k++) {
                sum += term(p.get(k), t.get(k), crossEntropy);
            }
        }
        return crossEntropy ? sum / rows : sum / size;
    }

    /** One output's term: {@code -t log p} or {@code (p - t)^2}. */
    private static double term(double p, double t, boolean crossEntropy) {
        if (crossEntropy) {
            return t == 0 ? 0 : -t * Math.log(Math.max(p, 1e-30));
        }
        double d = p - t;
        return d * d;
    }
}
