package org.mymnist.modelfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mymnist.nn.Layer;
import org.mymnist.nn.Model;
import org.mymnist.nn.conv.Activated;
import org.mymnist.nn.conv.Convolution;
import org.mymnist.nn.conv.Flatten;
import org.mymnist.nn.conv.MaxPooling;
import org.mymnist.nn.conv.Unflatten;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The golden model files, one per version of the format, written once by {@link GoldenModelFiles}
 * and committed under {@code src/test/resources/org/mymnist/modelfile/golden/}: each still loads
 * with its parameters, and gives the predictions it gave when it was written; saving what was
 * loaded gives back the same entries, byte for byte (a dense model is written as version 1 as
 * before). A reader that stops reading an old file fails here.
 */
class GoldenModelFileTest {

    /** {@value GoldenModelFiles#VERSION_1}'s outputs for {@link GoldenModelFiles#denseInputs()}. */
    private static final double[][] DENSE_PREDICTIONS = {
        {0.4364866447062683, 0.41360287685512487, 0.14991047843860683},
        {0.609329130454608, 0.18080064591559097, 0.209870223629801},
    };

    /** {@value GoldenModelFiles#VERSION_2}'s outputs for {@link GoldenModelFiles#convolutionInputs()}. */
    private static final float[][] CONVOLUTION_PREDICTIONS = {
        {0.5708771f, 0.34209982f, 0.08702313f},
        {0.5128654f, 0.31314188f, 0.17399271f},
    };

    @TempDir
    Path dir;

    /** A committed golden file, as the test's class path holds it. */
    private static Path golden(String name) throws Exception {
        var url = GoldenModelFileTest.class.getResource("golden/" + name);
        assertNotNull(url, "golden/" + name + " is among the test resources");
        return Path.of(url.toURI());
    }

    /** The {@code version} field of a file's {@code model.json}. */
    private static int version(Path file) throws Exception {
        JsonNode json = new ObjectMapper().readTree(Archives.entries(file).get(ModelFile.MODEL_JSON));
        assertEquals(ModelFile.FORMAT, json.get("format").textValue());
        return json.get("version").intValue();
    }

    @Test
    void theVersion1DenseFileStillLoadsWithItsWeightsAndPredictions() throws Exception {
        Path file = golden(GoldenModelFiles.VERSION_1);
        assertEquals(1, version(file));
        assertEquals(List.of("model.json", "layers/0.weight.npy", "layers/1.weight.npy", "layers/1.bias.npy"),
                List.copyOf(Archives.entries(file).keySet()));
        Model model = ModelFile.load(file);
        assertTrue(model.features().isEmpty());
        assertEquals(DataType.DOUBLE, model.dataType());
        assertEquals("mse", model.lossFunction().name());
        assertEquals(GoldenModelFiles.DENSE_LOSSES, model.loss());
        Layer first = model.layers().get(0);
        Layer second = model.layers().get(1);
        assertEquals(2, model.layers().size());
        assertEquals("sigmoid", first.activation.name());
        assertEquals("softmax", second.activation.name());
        assertFalse(first.hasBias(), "layer 0 has no bias, as the seed's layers");
        assertArrayEquals(GoldenModelFiles.DENSE_LR, new double[] {first.lr, second.lr}, 0.0);
        assertArrayEquals(GoldenModelFiles.DENSE_WEIGHT_0, first.weight().toDoubleMatrix());
        assertArrayEquals(GoldenModelFiles.DENSE_WEIGHT_1, second.weight().toDoubleMatrix());
        assertArrayEquals(GoldenModelFiles.DENSE_BIAS_1, second.bias().toDoubleVector(), 0.0);
        double[][] predicted = model.predict(GoldenModelFiles.denseInputs()).toDoubleMatrix();
        for (int row = 0; row < DENSE_PREDICTIONS.length; row++) {
            assertArrayEquals(DENSE_PREDICTIONS[row], predicted[row], 1e-15, "row " + row);
        }
        assertSavedAsItWasWritten(model, file);
    }

    @Test
    void theVersion2ConvolutionFileStillLoadsWithItsStagesAndPredictions() throws Exception {
        Path file = golden(GoldenModelFiles.VERSION_2);
        assertEquals(2, version(file));
        assertEquals(List.of("model.json", "layers/0.weight.npy", "layers/0.bias.npy", "features/1.weight.npy",
                "features/1.bias.npy"), List.copyOf(Archives.entries(file).keySet()));
        Model model = ModelFile.load(file);
        assertEquals(DataType.FLOAT, model.dataType());
        assertEquals("cross-entropy", model.lossFunction().name());
        assertEquals(GoldenModelFiles.CONVOLUTION_LOSSES, model.loss());
        List<Class<?>> stages = model.features().stream().<Class<?>>map(Object::getClass).toList();
        assertEquals(List.of(Unflatten.class, Convolution.class, Activated.class, MaxPooling.class, Flatten.class),
                stages);
        assertArrayEquals(new long[] {1, 6, 6}, ((Unflatten) model.features().get(0)).imageShape());
        Convolution convolution = (Convolution) model.features().get(1);
        assertArrayEquals(new long[] {2, 1, 3, 3}, convolution.weight().shape());
        assertArrayEquals(GoldenModelFiles.CONVOLUTION_FILTERS, convolution.weight().data().asFloat());
        assertArrayEquals(GoldenModelFiles.CONVOLUTION_BIAS, convolution.bias().data().asFloat());
        assertEquals("relu", ((Activated) model.features().get(2)).activation.name());
        assertEquals(2, ((MaxPooling) model.features().get(3)).size);
        Layer layer = model.layers().get(0);
        assertEquals(1, model.layers().size());
        assertEquals("softmax", layer.activation.name());
        assertEquals(GoldenModelFiles.CONVOLUTION_LR, layer.lr, 0.0);
        assertArrayEquals(new long[] {8, 3}, layer.weight().shape());
        assertArrayEquals(GoldenModelFiles.CONVOLUTION_LAYER_WEIGHT, layer.weight().data().asFloat());
        assertArrayEquals(GoldenModelFiles.CONVOLUTION_LAYER_BIAS, layer.bias().data().asFloat());
        float[][] predicted = model.predict(GoldenModelFiles.convolutionInputs()).toFloatMatrix();
        for (int row = 0; row < CONVOLUTION_PREDICTIONS.length; row++) {
            assertArrayEquals(CONVOLUTION_PREDICTIONS[row], predicted[row], 1e-6f, "row " + row);
        }
        assertSavedAsItWasWritten(model, file);
    }

    /** Saving the loaded model writes the golden file's entries again, each byte for byte. */
    private void assertSavedAsItWasWritten(Model model, Path golden) throws Exception {
        Path again = dir.resolve("again.zip");
        ModelFile.save(model, again);
        Map<String, byte[]> written = Archives.entries(again);
        Map<String, byte[]> expected = Archives.entries(golden);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(written.keySet()));
        for (String name : expected.keySet()) {
            assertArrayEquals(expected.get(name), written.get(name), name);
        }
    }
}
