package org.mymnist.nn;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The gradient of a loss with respect to one {@link Stage}'s parameters and input, as
 * {@link Stage#gradient} computes it.
 *
 * @param parameters {@code dL/dp} for each of the stage's {@link Stage#parameters()}, same order and shapes
 * @param input {@code dL/dinput}: what the stage before receives
 */
public record StageGradient(List<INDArray> parameters, INDArray input) {

    /** Copies the list. */
    public StageGradient {
        parameters = List.copyOf(parameters);
    }
}
