package org.mymnist.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The gradient of a loss with respect to one layer's parameters and input, as
 * {@link Layer#gradient} computes it.
 *
 * @param weight {@code dL/dW}, the shape of the weights ({@code inputN x outputN})
 * @param bias {@code dL/db} ({@code 1 x outputN}), or null for a layer without bias
 * @param input {@code dL/dx}, one row per example: what the layer before receives
 */
public record LayerGradient(INDArray weight, INDArray bias, INDArray input) {
}
