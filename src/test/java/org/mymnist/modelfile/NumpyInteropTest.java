package org.mymnist.modelfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mymnist.nn.Layer;
import org.mymnist.nn.MeanSquaredError;
import org.mymnist.nn.Model;
import org.mymnist.nn.Sigmoid;
import org.mymnist.nn.Softmax;
import org.mymnist.random.NumpyRandomState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checks with real numpy that it reads what {@link ModelFile} and {@link Npy} write, and that
 * {@link Npy} reads what numpy writes, with the Python interpreter that {@code MYMNIST_PYTHON}
 * names (scripts/test.sh sets it to .venv's). Tagged {@code python}: it runs in {@code mvn verify},
 * not in {@code mvn test}; there it fails, rather than skips, without that Python or its numpy.
 */
@Tag("python")
class NumpyInteropTest {

    private static final String SCRIPT = """
            import io, sys, zipfile
            import numpy as np
            model, model32, out = sys.argv[1], sys.argv[2], sys.argv[3]
            npz = np.load(model)  # the model file is also a valid .npz
            npz32 = np.load(model32)
            w0, w1 = npz["layers/0.weight"], npz32["layers/1.weight"]
            assert w0.dtype == np.dtype("<f8") and w0.shape == (784, 32), (w0.dtype, w0.shape)
            assert npz["layers/1.weight"].dtype == np.dtype("<f8")
            assert w1.dtype == np.dtype("<f4") and w1.shape == (32, 10), (w1.dtype, w1.shape)
            assert npz32["layers/0.weight"].dtype == np.dtype("<f4")
            assert np.array_equal(npz32["layers/0.weight"], w0.astype("<f4"))
            with zipfile.ZipFile(model) as z:
                alone = np.load(io.BytesIO(z.read("layers/0.weight.npy")))
            assert np.array_equal(alone, w0)
            np.save(out + "/w0.npy", w0)
            np.save(out + "/w1.npy", w1)
            np.save(out + "/fortran.npy", np.asfortranarray(np.arange(6.0).reshape(2, 3)))
            np.save(out + "/f4.npy", np.arange(6, dtype="<f4").reshape(3, 2) / np.float32(7))
            print("numpy", np.__version__, "ok")
            """;

    @TempDir
    Path dir;

    @Test
    void numpyReadsModelFilesAndNpyReadsNumpyFiles() throws Exception {
        NumpyRandomState random = new NumpyRandomState(2);
        Layer first = new Layer(784, 32, 0.001, new Sigmoid(), random);
        INDArray second64 = Nd4j.createFromArray(random.randn(32, 10));
        INDArray second = second64.castTo(DataType.FLOAT);
        // A model has one data type: a float64 model, and the same weights as a float32 model.
        Model model = new Model(List.of(first, new Layer(second64, 0.001, new Softmax())), new MeanSquaredError());
        Model model32 = new Model(List.of(new Layer(first.weight().castTo(DataType.FLOAT), 0.001, new Sigmoid()),
                new Layer(second, 0.001, new Softmax())), new MeanSquaredError());
        Path file = dir.resolve("model.zip");
        Path file32 = dir.resolve("model32.zip");
        ModelFile.save(model, file);
        ModelFile.save(model32, file32);

        String interpreter = System.getenv("MYMNIST_PYTHON");
        assertTrue(interpreter != null && !interpreter.isBlank(),
                "MYMNIST_PYTHON must name a Python with numpy (scripts/test.sh sets it to .venv/bin/python)");
        Path script = Files.writeString(dir.resolve("check.py"), SCRIPT);
        Process python = new ProcessBuilder(interpreter, script.toString(),
                file.toString(), file32.toString(), dir.toString()).redirectErrorStream(true).start();
        assertTrue(python.waitFor(120, TimeUnit.SECONDS), "python did not finish in 120 s");
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, python.exitValue(), output);

        assertArrayEquals(first.weight().data().asDouble(), read("w0.npy").data().asDouble());
        INDArray w1 = read("w1.npy");
        assertEquals(DataType.FLOAT, w1.dataType());
        assertArrayEquals(second.data().asFloat(), w1.data().asFloat());
        assertEquals(Nd4j.createFromArray(new double[][] {{0, 1, 2}, {3, 4, 5}}), read("fortran.npy"));
        float[] f4 = read("f4.npy").data().asFloat();
        for (int i = 0; i < 6; i++) {
            assertEquals(i / 7f, f4[i]);
        }
    }

    private INDArray read(String name) throws Exception {
        return Npy.fromBytes(Files.readAllBytes(dir.resolve(name)), name);
    }
}
