package org.mymnist.modelfile;

import java.util.List;

/**
 * The content of {@code model.json}, without the arrays it names.
 *
 * @param loss {@code loss}, the loss function's name
 * @param layers {@code layers}, first to last
 * @param lossHistory {@code loss_history}, the mean loss of each training epoch, oldest first
 */
record ModelDescription(String loss, List<LayerEntry> layers, List<Double> lossHistory) {

    ModelDescription {
        layers = List.copyOf(layers);
        lossHistory = List.copyOf(lossHistory);
    }
}
