package org.mymnist.modelfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mymnist.nn.Layer;
import org.mymnist.nn.MeanSquaredError;
import org.mymnist.nn.Model;
import org.mymnist.nn.Relu;
import org.mymnist.nn.Sigmoid;
import org.mymnist.nn.Softmax;
import org.mymnist.random.NumpyRandomState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModelFileTest {

    @TempDir
    Path dir;

    @Test
    void roundTripGivesIdenticalWeightsPredictionsAndHistory() throws Exception {
        NumpyRandomState random = new NumpyRandomState(2);
        Model model = new Model(List.of(new Layer(784, 32, 0.001, new Sigmoid(), random),
                new Layer(32, 10, 0.002, new Softmax(), random)), new MeanSquaredError());
        INDArray input = Nd4j.rand(DataType.DOUBLE, 20, 784);
        INDArray target = Nd4j.eye(10).repeat(0, 2);
        model.backpropagation(input, target, null);
        model.backpropagation(input, target, 10);
        Path file = dir.resolve("demo.zip");

        ModelFile.save(model, file);
        Model loaded = ModelFile.load(file);

        assertEquals(model.toString(), loaded.toString());
        for (int i = 0; i < 2; i++) {
            Layer a = model.layers().get(i);
            Layer b = loaded.layers().get(i);
            assertEquals(a.inputN, b.inputN);
            assertEquals(a.outputN, b.outputN);
            assertEquals(a.lr, b.lr);
            assertEquals(a.activation.name(), b.activation.name());
            assertEquals(DataType.DOUBLE, b.weight().dataType());
            assertArrayEquals(a.weight().data().asDouble(), b.weight().data().asDouble());
        }
        assertEquals(model.lossFunction().name(), loaded.lossFunction().name());
        assertEquals(2, loaded.loss().size());
        assertEquals(model.loss(), loaded.loss());
        assertEquals(model.predict(input), loaded.predict(input));
        assertArrayEquals(model.predict(input).data().asDouble(), loaded.predict(input).data().asDouble());
    }

    @Test
    void keepsFloat32WeightsAndSpecialLosses() throws Exception {
        Layer layer = new Layer(Nd4j.createFromArray(new float[][] {{0.5f, -1f}, {2f, 1e-3f}}), 0.5, new Relu());
        Model model = new Model(List.of(layer), new MeanSquaredError());
        for (double loss : new double[] {1.0 / 3, Double.NaN, Double.POSITIVE_INFINITY, 4.9e-324}) {
            model.recordLoss(loss);
        }
        Path file = dir.resolve("f4.zip");

        ModelFile.save(model, file);
        Model loaded = ModelFile.load(file);

        assertEquals(DataType.FLOAT, loaded.layers().get(0).weight().dataType());
        assertArrayEquals(layer.weight().data().asFloat(), loaded.layers().get(0).weight().data().asFloat());
        assertEquals(model.loss(), loaded.loss());
        assertEquals("relu", loaded.layers().get(0).activation.name());
    }

    @Test
    void writesTheDocumentedLayout() throws Exception {
        Path file = dir.resolve("small.zip");
        ModelFile.save(Archives.smallModel(), file);

        Map<String, byte[]> entries = Archives.entries(file);
        assertEquals(List.of("model.json", "layers/0.weight.npy", "layers/1.weight.npy"), List.copyOf(entries.keySet()));
        JsonNode json = new ObjectMapper().readTree(entries.get("model.json"));
        assertEquals("my-mnist-model", json.get("format").textValue());
        assertEquals(1, json.get("version").intValue());
        assertEquals("mse", json.get("loss").textValue());
        assertEquals("[0.3,0.25]", json.get("loss_history").toString());
        JsonNode layer1 = json.get("layers").get(1);
        assertEquals(2, layer1.get("input_n").intValue());
        assertEquals(2, layer1.get("output_n").intValue());
        assertEquals("softmax", layer1.get("activation").textValue());
        assertEquals(0.02, layer1.get("lr").doubleValue());
        assertEquals("layers/1.weight.npy", layer1.get("weight").textValue());
        assertFalse(layer1.has("bias"));
        INDArray w0 = Npy.fromBytes(entries.get("layers/0.weight.npy"), "w0");
        assertArrayEquals(new long[] {3, 2}, w0.shape());
    }

    @Test
    void savingTwiceGivesTheSameBytes() throws Exception {
        Model model = Archives.smallModel();
        ModelFile.save(model, dir.resolve("a.zip"));
        ModelFile.save(model, dir.resolve("b.zip"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.zip")), Files.readAllBytes(dir.resolve("b.zip")));
    }

    @Test
    void replacesAnExistingFileAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("model.zip");
        Files.writeString(file, "old");
        ModelFile.save(Archives.smallModel(), file);
        assertEquals(2, ModelFile.load(file).layers().size());
        assertEquals(List.of(file), listDir());
    }

    @Test
    void failureMidwayLeavesTheOldFileIntactAndNoTemporaryFile() throws Exception {
        Path file = dir.resolve("model.zip");
        ModelFile.save(Archives.smallModel(), file);
        byte[] before = Files.readAllBytes(file);
        Model other = new Model(List.of(new Layer(Nd4j.createFromArray(new double[][] {{9}}), 1, new Sigmoid())),
                new MeanSquaredError());

        IOException e = assertThrows(IOException.class, () -> ModelFile.save(other, file, name -> {
            if (name.equals("model.json")) {
                throw new IOException("disk full (simulated)");
            }
        }));
        assertEquals("disk full (simulated)", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of(file), listDir());

        IllegalStateException bug = assertThrows(IllegalStateException.class, () -> ModelFile.save(other, file, name -> {
            throw new IllegalStateException("bug while writing " + name);
        }));
        assertEquals("bug while writing model.json", bug.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of(file), listDir());
    }

    @Test
    void failedRenameLeavesNoTemporaryFile() throws Exception {
        Path target = Files.createDirectory(dir.resolve("taken.zip"));
        Files.writeString(target.resolve("inside"), "keep me");

        FileSystemException e = assertThrows(FileSystemException.class, () -> ModelFile.save(Archives.smallModel(), target));
        assertEquals(target.toAbsolutePath().toString(), e.getOtherFile(), "the rename onto the target failed: " + e);
        assertTrue(e.getFile().endsWith(".tmp"), "renaming the temporary file: " + e);
        assertEquals("keep me", Files.readString(target.resolve("inside")));
        assertEquals(List.of(target), listDir());
    }

    @Test
    void refusesWeightsOfOtherDataTypesBeforeWriting() throws Exception {
        Layer ints = new Layer(Nd4j.createFromArray(new int[][] {{1, 2}}), 0.1, new Sigmoid());
        Model model = new Model(List.of(ints), new MeanSquaredError());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelFile.save(model, dir.resolve("int.zip")));
        assertEquals("layers[0].weight: data type INT cannot be saved, expected DOUBLE or FLOAT", e.getMessage());
        assertEquals(List.of(), listDir());
    }

    private List<Path> listDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
