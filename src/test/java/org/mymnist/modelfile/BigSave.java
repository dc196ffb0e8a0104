package org.mymnist.modelfile;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.mymnist.backend.NativeBackend;
import org.mymnist.nn.Layer;
import org.mymnist.nn.MeanSquaredError;
import org.mymnist.nn.Model;
import org.mymnist.nn.Sigmoid;
import org.mymnist.nn.Softmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A process for {@link KilledSaveTest}: builds a wide float64 model (784 x WIDTH x 10, every
 * weight {@code args[2]}), prints {@code ready}, waits for a line on standard input, saves the
 * model to {@code args[0]} and prints {@code saved <nanoseconds>}. The test kills it during the save.
 */
public final class BigSave {

    private BigSave() {
    }

    /**
     * A wide float64 model, every weight {@code value}.
     *
     * @param width the hidden layer's neurons
     * @param value each weight
     * @return the model
     */
    static Model wide(int width, double value) {
        return new Model(List.of(
                new Layer(Nd4j.valueArrayOf(new long[] {784, width}, value, DataType.DOUBLE), 0.1, new Sigmoid()),
                new Layer(Nd4j.valueArrayOf(new long[] {width, 10}, value, DataType.DOUBLE), 0.1, new Softmax())),
                new MeanSquaredError());
    }

    public static void main(String[] args) throws Exception {
        // As a notebook's first cell and the library's entry points do: ND4J set up before its first array
        // (JavaCPP's messages through SLF4J, not onto the stdout that the test reads).
        NativeBackend.configure();
        Model model = wide(Integer.parseInt(args[1]), Double.parseDouble(args[2]));
        System.out.println("ready");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        long start = System.nanoTime();
        ModelFile.save(model, Path.of(args[0]));
        System.out.println("saved " + (System.nanoTime() - start));
        System.out.flush();
    }
}
