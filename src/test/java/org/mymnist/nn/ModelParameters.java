package org.mymnist.nn;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A test fixture: every parameter matrix of a model, its stages' first, then each layer's weight and bias. */
public final class ModelParameters {

    private ModelParameters() {
    }

    /**
     * The model's live parameter matrices (not copies).
     *
     * @param model the model
     * @return the stages' parameters in order, then each layer's weight and, when it has one, bias
     */
    public static List<INDArray> of(Model model) {
        List<INDArray> all = new ArrayList<>();
        for (Stage stage : model.features()) {
            all.addAll(stage.parameters());
        }
        for (Layer layer : model.layers()) {
            all.add(layer.weight());
            if (layer.hasBias()) {
                all.add(layer.bias());
            }
        }
        return all;
    }
}
