package org.mymnist.modelfile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.mymnist.nn.Layer;
import org.mymnist.nn.MeanSquaredError;
import org.mymnist.nn.Model;
import org.mymnist.nn.Relu;
import org.mymnist.nn.Sigmoid;
import org.mymnist.nn.Softmax;
import org.mymnist.nn.SoftmaxCrossEntropy;
import org.mymnist.nn.conv.Activated;
import org.mymnist.nn.conv.Convolution;
import org.mymnist.nn.conv.Flatten;
import org.mymnist.nn.conv.MaxPooling;
import org.mymnist.nn.conv.Unflatten;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The tiny models of the golden model files that {@link GoldenModelFileTest} loads, one per version of
 * the format that the reader accepts, and the program that wrote them into
 * {@code src/test/resources/org/mymnist/modelfile/golden/}:
 * <ul>
 *   <li>{@value #VERSION_1}: a dense network (version 1), float64 as numpy's default: 4 -&gt; 3
 *       sigmoid without bias (as the seed's layers) -&gt; 3 softmax with a bias, mean squared error;</li>
 *   <li>{@value #VERSION_2}: a convolutional network (version 2), float32: a 1 x 6 x 6 image, two 3 x 3
 *       filters with a bias, ReLU, max pooling 2, flatten (8 values), then 8 -&gt; 3 softmax with a
 *       bias, cross-entropy.</li>
 * </ul>
 * The files are the format's memory: a file written once must load for good. Never write one again
 * over itself; a new version of the format gets a golden file of its own, written by this program
 * once that version is written by {@link ModelFile#save}, with its expected predictions (printed
 * here) pasted into the test. To run it, from the project's folder:
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/test.classpath
 * java -cp "target/test-classes:target/classes:$(cat target/test.classpath)" \
 *     org.mymnist.modelfile.GoldenModelFiles src/test/resources/org/mymnist/modelfile/golden
 * </pre>
 */
public final class GoldenModelFiles {

    /** The golden file of format version 1, a dense network. */
    static final String VERSION_1 = "version-1-dense.zip";
    /** The golden file of format version 2, a network with convolution stages. */
    static final String VERSION_2 = "version-2-convolution.zip";

    /** The dense network's weights, layer 0: 4 x 3. */
    static final double[][] DENSE_WEIGHT_0 = {
        {0.5, -0.25, 0.125}, {-1.5, 0.75, 0.3}, {0.1, 0.2, -0.7}, {2.0, -0.01, 0.05}};
    /** Layer 1: 3 x 3. */
    static final double[][] DENSE_WEIGHT_1 = {{1.25, -0.5, 0.6}, {-0.3, 0.9, -1.1}, {0.4, 0.45, -0.35}};
    /** Layer 1's bias. */
    static final double[] DENSE_BIAS_1 = {0.01, -0.02, 0.03};
    /** The learning rates of layers 0 and 1. */
    static final double[] DENSE_LR = {0.001, 0.5};
    /** The dense network's loss history: the seed's first two losses. */
    static final List<Double> DENSE_LOSSES = List.of(0.151419233487184, 0.1157290798817189);

    /** The convolution's two 3 x 3 filters, on one channel: 2 x 1 x 3 x 3, row after row. */
    static final float[] CONVOLUTION_FILTERS = {
        0.5f, -0.25f, 0.1f, 0.3f, 0.8f, -0.6f, -0.2f, 0.4f, 0.05f,
        -0.7f, 0.2f, 0.9f, 0.15f, -0.35f, 0.6f, 0.25f, -0.1f, 0.45f};
    /** The convolution's bias, one per filter. */
    static final float[] CONVOLUTION_BIAS = {0.1f, -0.2f};
    /** The dense layer after the stages: 8 x 3, row after row. */
    static final float[] CONVOLUTION_LAYER_WEIGHT = {
        0.3f, -0.2f, 0.1f, -0.4f, 0.5f, 0.25f, 0.6f, -0.15f, -0.3f, 0.05f, 0.35f, -0.45f,
        -0.1f, 0.2f, 0.7f, 0.4f, -0.6f, 0.15f, -0.25f, 0.55f, -0.05f, 0.8f, 0.1f, -0.5f};
    /** The dense layer's bias. */
    static final float[] CONVOLUTION_LAYER_BIAS = {0.02f, -0.01f, 0.03f};
    /** The dense layer's learning rate. */
    static final double CONVOLUTION_LR = 0.05;
    /** The convolutional network's loss history. */
    static final List<Double> CONVOLUTION_LOSSES = List.of(1.0986122886681098, 0.75);

    private GoldenModelFiles() {
    }

    /** The dense network of {@value #VERSION_1}. */
    static Model dense() {
        Layer first = new Layer(Nd4j.createFromArray(DENSE_WEIGHT_0), DENSE_LR[0], new Sigmoid());
        Layer second = new Layer(Nd4j.createFromArray(DENSE_WEIGHT_1), Nd4j.createFromArray(DENSE_BIAS_1),
                DENSE_LR[1], new Softmax());
        Model model = new Model(List.of(first, second), new MeanSquaredError());
        DENSE_LOSSES.forEach(model::recordLoss);
        return model;
    }

    /** The convolutional network of {@value #VERSION_2}. */
    static Model convolution() {
        INDArray filters = Nd4j.createFromArray(CONVOLUTION_FILTERS).reshape(2, 1, 3, 3);
        Model model = new Model(
                List.of(new Unflatten(1, 6, 6), new Convolution(filters, Nd4j.createFromArray(CONVOLUTION_BIAS)),
                        new Activated(new Relu()), new MaxPooling(2), new Flatten()),
                List.of(new Layer(Nd4j.createFromArray(CONVOLUTION_LAYER_WEIGHT).reshape(8, 3),
                        Nd4j.createFromArray(CONVOLUTION_LAYER_BIAS), CONVOLUTION_LR, new Softmax())),
                new SoftmaxCrossEntropy());
        CONVOLUTION_LOSSES.forEach(model::recordLoss);
        return model;
    }

    /** Two rows of 4 inputs for the dense network. */
    static INDArray denseInputs() {
        return Nd4j.createFromArray(new double[][] {{0, 0.5, 1, 0.25}, {1, -1, 0.5, 0}});
    }

    /** Two 6 x 6 images as rows of 36 pixels for the convolutional network: a ramp, and a stride-7 pattern. */
    static INDArray convolutionInputs() {
        float[][] rows = new float[2][36];
        for (int i = 0; i < 36; i++) {
            rows[0][i] = i / 35f;
            rows[1][i] = (i * 7 % 36) / 35f;
        }
        return Nd4j.createFromArray(rows);
    }

    /**
     * Writes both golden files into a folder and prints each model's predictions for its inputs, to
     * paste into {@link GoldenModelFileTest}.
     *
     * @param args the folder
     * @throws Exception when a file cannot be written
     */
    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        Files.createDirectories(folder);
        ModelFile.save(dense(), folder.resolve(VERSION_1));
        ModelFile.save(convolution(), folder.resolve(VERSION_2));
        System.out.println(VERSION_1 + ": " + Arrays.deepToString(dense().predict(denseInputs()).toDoubleMatrix()));
        System.out.println(VERSION_2 + ": "
                + Arrays.deepToString(convolution().predict(convolutionInputs()).toFloatMatrix()));
    }
}
