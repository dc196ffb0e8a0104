package org.mymnist.modelfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mymnist.nn.Layer;
import org.mymnist.nn.Model;
import org.mymnist.training.Recipe;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Layers with biases survive a save and a load, in float32 and float64. */
class ModelFileBiasTest {

    @TempDir
    Path folder;

    @Test
    void biasesRoundTrip() throws Exception {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            Model model = Recipe.MODERN.config().withHidden(5).withDataType(type).newModel();
            for (Layer layer : model.layers()) {
                layer.bias().assign(Nd4j.rand(type, 1, layer.outputN));
            }
            model.recordLoss(0.25);
            Path file = folder.resolve("modern-" + type + ".zip");
            ModelFile.save(model, file);
            try (ZipFile zip = new ZipFile(file.toFile())) {
                assertNotNull(zip.getEntry("layers/0.bias.npy"));
                assertNotNull(zip.getEntry("layers/1.bias.npy"));
            }
            Model loaded = ModelFile.load(file);
            assertEquals("cross-entropy", loaded.lossFunction().name());
            for (int i = 0; i < model.layers().size(); i++) {
                Layer a = model.layers().get(i);
                Layer b = loaded.layers().get(i);
                assertTrue(b.hasBias());
                assertEquals(type, b.bias().dataType());
                assertEquals(a.weight(), b.weight());
                assertEquals(a.bias(), b.bias());
            }
            INDArray x = Nd4j.rand(type, 3, 784);
            assertEquals(model.predict(x), loaded.predict(x));
            assertArrayEquals(new double[] {0.25}, loaded.loss().stream().mapToDouble(d -> d).toArray());
        }
    }

    @Test
    void seedModelsStillHaveNoBiasEntry() throws Exception {
        Model model = Recipe.SEED.config().newModel();
        Path file = folder.resolve("seed.zip");
        ModelFile.save(model, file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertNull(zip.getEntry("layers/0.bias.npy"));
        }
        assertFalse(ModelFile.load(file).layers().get(0).hasBias());
    }
}
