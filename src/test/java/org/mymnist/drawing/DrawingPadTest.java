package org.mymnist.drawing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mymnist.nn.Layer;
import org.mymnist.nn.MeanSquaredError;
import org.mymnist.nn.Model;
import org.mymnist.nn.Sigmoid;
import org.mymnist.training.Recipe;
import org.mymnist.view.Language;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DrawingPadTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode data(DrawingPad pad) throws Exception {
        return JSON.readTree(pad.dataJson());
    }

    @Test
    void theHtmlSaysRunThisCellUntilItsScriptRuns() {
        Model model = Recipe.MODERN.config().newModel();
        String fr = DrawingPad.of(model, Language.FRENCH).html();
        String en = DrawingPad.of(model, Language.ENGLISH).html();
        assertTrue(fr.contains("Exécutez cette cellule pour dessiner"));
        assertTrue(en.contains("Run this cell to draw"));
        for (String html : List.of(fr, en)) {
            assertTrue(html.startsWith("<div id=\"mymnist-pad-"));
            assertTrue(html.contains("class=\"mymnist-pad-fallback\""));
            assertEquals(1, html.split("<script>", -1).length - 1, "one script");
            assertEquals(1, html.split("</script>", -1).length - 1, "nothing inside closes the script early");
            assertTrue(html.contains("window.MyMnistPad.start("));
            assertFalse(html.contains("http://") || html.contains("https://") || html.contains("src="),
                    "nothing is loaded from elsewhere");
        }
        assertFalse(fr.substring(0, 40).equals(en.substring(0, 40)), "each pad has its own id");
    }

    @Test
    void float32WeightsComeBackExactly() throws Exception {
        Model model = Recipe.MODERN.config().newModel();
        JsonNode layers = data(DrawingPad.of(model, Language.FRENCH)).get("layers");
        assertEquals(3, layers.size());
        int[] sizes = {784, 32, 16, 10};
        for (int l = 0; l < 3; l++) {
            JsonNode layer = layers.get(l);
            Layer original = model.layers().get(l);
            assertEquals(sizes[l], layer.get("inputN").asInt());
            assertEquals(sizes[l + 1], layer.get("outputN").asInt());
            assertEquals(original.activation.name(), layer.get("activation").asText());
            float[] w = original.weight().dup('c').data().asFloat();
            // what the page does: the base64 text's bytes as a Float32Array (little-endian)
            java.nio.FloatBuffer page = java.nio.ByteBuffer.wrap(java.util.Base64.getDecoder()
                    .decode(layer.get("weight").asText())).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            assertEquals(w.length, page.remaining());
            for (int i = 0; i < w.length; i++) {
                assertEquals(Float.floatToIntBits(w[i]), Float.floatToIntBits(page.get(i)), "weight " + i);
            }
            float[] b = original.bias().dup('c').data().asFloat();
            java.nio.FloatBuffer pageBias = java.nio.ByteBuffer.wrap(java.util.Base64.getDecoder()
                    .decode(layer.get("bias").asText())).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            for (int i = 0; i < b.length; i++) {
                assertEquals(b[i], pageBias.get(i));
            }
        }
    }

    @Test
    void theWordsOfThePageComeFromTheBundles() throws Exception {
        Model model = Recipe.SEED.config().newModel();
        JsonNode fr = data(DrawingPad.of(model, Language.FRENCH)).get("words");
        JsonNode en = data(DrawingPad.of(model, Language.ENGLISH)).get("words");
        assertEquals("Le réseau lit", fr.get("read").asText());
        assertEquals("The network reads", en.get("read").asText());
        assertEquals("2. recadré sur l’encre", fr.get("crop").asText());
        assertEquals("Check: on {0} test images, this page reads the same digit as Java {1} times out of {0}"
                + " (largest difference of the probabilities: {2}).", en.get("check").asText());
        List<String> frNames = new java.util.ArrayList<>();
        fr.fieldNames().forEachRemaining(frNames::add);
        List<String> enNames = new java.util.ArrayList<>();
        en.fieldNames().forEachRemaining(enNames::add);
        assertEquals(15, frNames.size(), frNames.toString());
        assertEquals(frNames, enNames);
    }

    @Test
    void float64WeightsComeBackExactlyAndNoBiasIsNull() throws Exception {
        Model model = Recipe.SEED.config().newModel();
        JsonNode data = data(DrawingPad.of(model, Language.ENGLISH));
        assertEquals("float64", data.get("dtype").asText());
        assertEquals("en", data.get("lang").asText());
        JsonNode first = data.get("layers").get(0);
        double[] w = model.layers().get(0).weight().dup('c').data().asDouble();
        java.nio.DoubleBuffer page = java.nio.ByteBuffer.wrap(java.util.Base64.getDecoder()
                .decode(first.get("weight").asText())).order(java.nio.ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
        assertEquals(w.length, page.remaining());
        for (int i = 0; i < w.length; i++) {
            assertEquals(Double.doubleToLongBits(w[i]), Double.doubleToLongBits(page.get(i)));
        }
        assertTrue(first.get("bias").isNull());
    }

    @Test
    void aWeightThatIsNotANumberIsRefused() {
        assertEquals("a weight is NaN: the model cannot be drawn with", assertThrows(IllegalArgumentException.class,
                () -> DrawingPad.packed(Nd4j.createFromArray(1f, Float.NaN), true)).getMessage());
        assertEquals("a weight is Infinity: the model cannot be drawn with", assertThrows(IllegalArgumentException.class,
                () -> DrawingPad.packed(Nd4j.createFromArray(Double.POSITIVE_INFINITY), false)).getMessage());
        assertEquals("AACAPw==", DrawingPad.packed(Nd4j.createFromArray(1f), true), "1.0f, little-endian");
    }

    @Test
    void theAgreementCheckHoldsTheImagesAndTheLibrarysProbabilities() throws Exception {
        Model model = Recipe.MODERN.config().newModel();
        double[][] images = new double[3][784];
        Random random = new Random(7);
        for (double[] image : images) {
            for (int p = 0; p < 784; p++) {
                image[p] = random.nextInt(256) / 255.0;
            }
        }
        INDArray rows = Nd4j.createFromArray(images).castTo(DataType.FLOAT);
        JsonNode check = data(DrawingPad.of(model, Language.FRENCH).withAgreementCheck(rows, 2)).get("check");
        assertEquals(2, check.get("count").asInt());
        byte[] levels = Base64.getDecoder().decode(check.get("levels").asText());
        assertEquals(2 * 784, levels.length);
        assertEquals(Math.round(images[1][100] * 255), levels[784 + 100] & 0xff);
        INDArray expected = model.predict(Nd4j.createFromArray(new double[][] {images[0], images[1]}));
        assertEquals(20, check.get("probabilities").size());
        for (int k = 0; k < 20; k++) {
            assertEquals(expected.getDouble(k / 10, k % 10), check.get("probabilities").get(k).asDouble(), 0.0);
        }
        String tooMany = assertThrows(IllegalArgumentException.class,
                () -> DrawingPad.of(model, Language.FRENCH).withAgreementCheck(rows, 4)).getMessage();
        assertTrue(tooMany.startsWith("expected 1 to ") && tooMany.contains(" rows of 784 values, got 4 of shape "), tooMany);
        INDArray notLevels = Nd4j.createFromArray(new double[][] {new double[784]}).addi(0.3 / 255);
        String level = assertThrows(IllegalArgumentException.class,
                () -> DrawingPad.of(model, Language.FRENCH).withAgreementCheck(notLevels, 1).html()).getMessage();
        assertTrue(level.startsWith("image 0, pixel 0: ") && level.endsWith(" is not a gray level k / 255"), level);
    }

    @Test
    void onlyModelsOf784InputsAndKnownActivations() {
        Model small = new Model(List.of(new Layer(Nd4j.zeros(DataType.DOUBLE, 4, 2), 0.1, new Sigmoid())),
                new MeanSquaredError());
        assertEquals("the pad draws 28 x 28 = 784 inputs, this model reads 4",
                assertThrows(IllegalArgumentException.class, () -> DrawingPad.of(small, Language.FRENCH)).getMessage());
    }

    @Test
    void quotesAreSafeInsideAScript() {
        assertEquals("\"a\\\"b\\u003c/script>\\n\"", DrawingPad.quote("a\"b</script>\n"));
    }
}
