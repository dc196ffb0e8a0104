package org.mymnist.modelfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mymnist.nn.Initializer;
import org.mymnist.nn.Model;
import org.mymnist.nn.Stage;
import org.mymnist.nn.conv.Convolution;
import org.mymnist.random.NumpyRandomState;
import org.mymnist.training.Recipe;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * numpy, reading only a convolutional model file and {@code docs/model-format.md}'s layouts, runs
 * the forward pass (its own im2col, pooling, dense layer) and reads the same digits as
 * {@code Predictions.readableClasses} ({@link Model#predict} by chunks), with the Python that
 * {@code MYMNIST_PYTHON} names. Tagged {@code python}: it runs in {@code mvn verify}.
 */
@Tag("python")
class ConvolutionNumpyTest {

    private static final String SCRIPT = """
            import json, sys, zipfile
            import numpy as np
            model, images, out = sys.argv[1], sys.argv[2], sys.argv[3]
            npz = np.load(model)
            with zipfile.ZipFile(model) as z:
                desc = json.loads(z.read("model.json"))
            assert desc["version"] == 2, desc["version"]
            x = np.load(images).astype(np.float64)
            def relu(v): return np.maximum(v, 0)
            def convolution(x, w, b):            # x (n, c, h, w), w (f, c, k, k), b (f,)
                n, c, h, wd = x.shape
                f, _, k, _ = w.shape
                oh, ow = h - k + 1, wd - k + 1
                patches = np.stack([x[:, :, i:i + oh, j:j + ow] for i in range(k) for j in range(k)], axis=2)
                patches = patches.reshape(n, c * k * k, oh, ow)    # (c, i, j) order, as w.reshape(f, -1)
                return np.einsum("nqhw,fq->nfhw", patches, w.reshape(f, -1)) + b[None, :, None, None]
            for stage in desc["features"]:
                t = stage["type"]
                if t == "unflatten": x = x.reshape(len(x), *stage["shape"])
                elif t == "convolution":
                    x = convolution(x, npz[stage["weight"][:-4]].astype(np.float64), npz[stage["bias"][:-4]])
                elif t == "activation": assert stage["activation"] == "relu"; x = relu(x)
                elif t == "max_pooling":
                    s = stage["size"]; n, c, h, w = x.shape
                    x = x.reshape(n, c, h // s, s, w // s, s).max(axis=(3, 5))
                elif t == "flatten": x = x.reshape(len(x), -1)
            for i, layer in enumerate(desc["layers"]):
                x = x @ npz["layers/%d.weight" % i] + npz["layers/%d.bias" % i]
                x = relu(x) if layer["activation"] == "relu" else x
            np.savetxt(out, x.argmax(axis=1), fmt="%d")
            print("numpy", np.__version__, "ok")
            """;

    @TempDir
    Path dir;

    @Test
    void numpyReadsTheSameDigitsFromAConvolutionalModelFile() throws Exception {
        // He's larger starting scale, so that an untrained model's digits differ from image to image.
        Model model = Recipe.CNN.config().withConvolutions(6, 8).withInit(Initializer.HE).newModel();
        INDArray images = Nd4j.createFromArray(new NumpyRandomState(5).randn(60, 784)).castTo(DataType.FLOAT);
        // Biases that are not zero, so that numpy must read them too.
        NumpyRandomState random = new NumpyRandomState(6);
        for (Stage stage : model.features()) {
            if (stage instanceof Convolution c) {
                c.bias().assign(Nd4j.createFromArray(random.randn(1, c.filters)).muli(0.1));
            }
        }
        model.layers().get(0).bias().assign(Nd4j.createFromArray(random.randn(1, 10)).muli(0.1));
        Path file = dir.resolve("cnn.zip");
        ModelFile.save(model, file);
        Path imagesFile = dir.resolve("images.npy");
        Files.write(imagesFile, Npy.toBytes(images));

        String interpreter = System.getenv("MYMNIST_PYTHON");
        assertTrue(interpreter != null && !interpreter.isBlank(),
                "MYMNIST_PYTHON must name a Python with numpy (scripts/test.sh sets it to .venv/bin/python)");
        Path script = Files.writeString(dir.resolve("forward.py"), SCRIPT);
        Path out = dir.resolve("digits.txt");
        Process python = new ProcessBuilder(interpreter, script.toString(), file.toString(), imagesFile.toString(),
                out.toString()).redirectErrorStream(true).start();
        assertTrue(python.waitFor(120, TimeUnit.SECONDS), "python did not finish in 120 s");
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, python.exitValue(), output);
        int[] numpy = Files.readAllLines(out).stream().mapToInt(Integer::parseInt).toArray();
        int[] java = org.mymnist.engine.Predictions.readableClasses(model, images);
        assertEquals(Arrays.toString(java), Arrays.toString(numpy));
        assertTrue(Arrays.stream(java).distinct().count() > 2, "predictions vary: " + Arrays.toString(java));
    }
}
