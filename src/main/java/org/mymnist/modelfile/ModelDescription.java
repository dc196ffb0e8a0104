package org.mymnist.modelfile;

import java.util.List;

/**
 * The content of {@code model.json}, without the arrays it names.
 *
 * @param loss {@code loss}, the loss function's name
 * @param layers {@code layers}, first to last
 * @param lossHistory {@code loss_history}, the mean loss of each training epoch, oldest first
 * @param features {@code features}, the stages before the layers (version 2), empty for a dense model
 */
record ModelDescription(String loss, List<LayerEntry> layers, List<Double> lossHistory, List<StageEntry> features) {

    ModelDescription {
        layers = List.copyOf(layers);
        lossHistory = List.copyOf(lossHistory);
        features = List.copyOf(features);
    }

    /** A dense model's description: no stages. */
    ModelDescription(String loss, List<LayerEntry> layers, List<Double> lossHistory) {
        this(loss, layers, lossHistory, List.of());
    }
}
