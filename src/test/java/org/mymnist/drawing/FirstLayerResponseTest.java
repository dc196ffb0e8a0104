package org.mymnist.drawing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mymnist.nn.Layer;
import org.mymnist.nn.MeanSquaredError;
import org.mymnist.nn.Model;
import org.mymnist.nn.Relu;
import org.mymnist.view.Language;
import org.nd4j.linalg.factory.Nd4j;

class FirstLayerResponseTest {

    /** Neuron j of the first layer sums pixel j, plus bias -1 for neuron 2. */
    private static Model model() {
        double[][] w = new double[784][4];
        for (int j = 0; j < 4; j++) {
            w[j][j] = 1;
        }
        Layer first = new Layer(Nd4j.createFromArray(w), Nd4j.createFromArray(new double[] {0, 0, -1, 0}), 0.1,
                new Relu());
        return new Model(List.of(first), new MeanSquaredError());
    }

    @Test
    void theStrongestNeuronsComeFirst() {
        double[] input = new double[784];
        input[0] = 0.2;
        input[1] = 0.9;
        input[2] = 1.0;
        input[3] = 0.5;
        double[] out = FirstLayerResponse.outputs(model(), input);
        assertEquals(0.2, out[0], 1e-12);
        assertEquals(0.0, out[2], 1e-12, "1 - 1, through the ReLU");
        List<FirstLayerResponse.Neuron> strongest = FirstLayerResponse.strongest(model(), input, 2);
        assertEquals(List.of(1, 3), strongest.stream().map(FirstLayerResponse.Neuron::neuron).toList());
        assertEquals(4, FirstLayerResponse.strongest(model(), input, 10).size());
        assertEquals("the first layer reads 784 values, got 3", assertThrows(IllegalArgumentException.class,
                () -> FirstLayerResponse.strongest(model(), new double[3], 1)).getMessage());
    }

    @Test
    void thePictureShowsTheDrawingAndEachNeuron() {
        BufferedImage image = FirstLayerResponse.picture(model(), new double[784], 3, Language.ENGLISH);
        assertEquals(34 + 84 + 40, image.getHeight());
        assertTrue(image.getWidth() >= 4 * (84 + 14));
    }
}
