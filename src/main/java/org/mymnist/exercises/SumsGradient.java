package org.mymnist.exercises;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The student's gradient of softmax followed by cross-entropy, with respect to the last layer's
 * sums: {@link org.mymnist.nn.SoftmaxCrossEntropy#gradientOfSums}, {@code (p - t) / m}.
 */
@FunctionalInterface
public interface SumsGradient {

    /**
     * @param predicted the softmax's outputs {@code p}, one row per example
     * @param target one-hot targets {@code t}, same shape
     * @return the gradient of the mean cross-entropy with respect to the sums, same shape
     */
    INDArray gradient(INDArray predicted, INDArray target);
}
