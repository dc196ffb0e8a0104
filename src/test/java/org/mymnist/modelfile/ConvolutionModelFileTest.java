package org.mymnist.modelfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mymnist.nn.Model;
import org.mymnist.nn.conv.Convolution;
import org.mymnist.random.NumpyRandomState;
import org.mymnist.training.Recipe;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A convolutional model saves and loads: the stages in {@code features} (version 2), the filters
 * as {@code filters x channels x size x size} arrays, the same predictions after loading; a dense
 * model still writes version 1; a file whose stages do not fit is refused with the field named.
 */
class ConvolutionModelFileTest {

    @TempDir
    Path dir;

    static Model model() {
        Model m = Recipe.CNN.config().withConvolutions(3, 4).newModel();
        // Non-zero biases, so that a bias lost on the way would show.
        ((Convolution) m.features().get(1)).bias().assign(Nd4j.createFromArray(0.1f, -0.2f, 0.3f).reshape(1, 3));
        return m;
    }

    static INDArray images() {
        return Nd4j.createFromArray(new NumpyRandomState(3).randn(20, 784)).castTo(DataType.FLOAT);
    }

    @Test
    void aConvolutionalModelLoadsBackWithItsStagesAndPredictions() throws Exception {
        Model model = model();
        model.recordLoss(0.25);
        Path file = dir.resolve("cnn.zip");
        ModelFile.save(model, file);
        Model loaded = ModelFile.load(file);
        assertEquals(model.features().size(), loaded.features().size());
        assertEquals(model.toString(), loaded.toString());
        Convolution c = (Convolution) model.features().get(4);
        Convolution l = (Convolution) loaded.features().get(4);
        assertArrayEquals(new long[] {4, 3, 5, 5}, l.weight().shape());
        assertArrayEquals(c.weight().data().asFloat(), l.weight().data().asFloat());
        assertArrayEquals(((Convolution) model.features().get(1)).bias().data().asFloat(),
                ((Convolution) loaded.features().get(1)).bias().data().asFloat());
        assertArrayEquals(model.predict(images()).data().asFloat(), loaded.predict(images()).data().asFloat());
        assertEquals(List.of(0.25), loaded.loss());
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String json = new String(zip.getInputStream(zip.getEntry("model.json")).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(json.contains("\"version\" : 2"), json);
            assertTrue(json.contains("\"type\" : \"convolution\""), json);
            assertTrue(json.contains("\"weight\" : \"features/1.weight.npy\""), json);
            assertTrue(json.contains("\"size\" : 2"), json);
            INDArray filters = Npy.fromBytes(zip.getInputStream(zip.getEntry("features/1.weight.npy")).readAllBytes(), "w");
            assertArrayEquals(new long[] {3, 1, 5, 5}, filters.shape());
        }
    }

    @Test
    void aDenseModelStillWritesVersionOne() throws Exception {
        Path file = dir.resolve("dense.zip");
        ModelFile.save(Recipe.MODERN.config().newModel(), file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String json = new String(zip.getInputStream(zip.getEntry("model.json")).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(json.contains("\"version\" : 1"), json);
            assertTrue(!json.contains("features"), json);
        }
    }

    /** The saved file with {@code model.json} replaced, every other entry as it was. */
    private Path withJson(Path file, String from, String to) throws Exception {
        Path out = dir.resolve("edited.zip");
        try (ZipFile zip = new ZipFile(file.toFile());
             ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(out))) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                byte[] content = zip.getInputStream(e).readAllBytes();
                if (e.getName().equals("model.json")) {
                    String json = new String(content, StandardCharsets.UTF_8);
                    assertTrue(json.contains(from), json);
                    content = json.replace(from, to).getBytes(StandardCharsets.UTF_8);
                }
                z.putNextEntry(new ZipEntry(e.getName()));
                z.write(content);
                z.closeEntry();
            }
        }
        return out;
    }

    @Test
    void stagesThatDoNotFitTheLayersAreRefusedWithTheFieldNamed() throws Exception {
        Path file = dir.resolve("cnn.zip");
        ModelFile.save(model(), file);
        ModelFileException pool = assertThrows(ModelFileException.class,
                () -> ModelFile.load(withJson(file, "\"size\" : 2", "\"size\" : 3")));
        assertTrue(pool.getMessage().contains("features[6]") && pool.getMessage().contains("multiples of 3"), pool.getMessage());
        ModelFileException missing = assertThrows(ModelFileException.class,
                () -> ModelFile.load(withJson(file, "features/4.weight.npy", "features/9.weight.npy")));
        assertTrue(missing.getMessage().contains("features[4].weight") && missing.getMessage().contains("not found"),
                missing.getMessage());
        ModelFileException type = assertThrows(ModelFileException.class,
                () -> ModelFile.load(withJson(file, "\"type\" : \"flatten\"", "\"type\" : \"dropout\"")));
        assertTrue(type.getMessage().contains("unknown stage 'dropout'"), type.getMessage());
        ModelFileException order = assertThrows(ModelFileException.class,
                () -> ModelFile.load(withJson(file, "\"type\" : \"unflatten\"", "\"type\" : \"flatten\"")));
        assertTrue(order.getMessage().contains("features["), order.getMessage());
    }
}
