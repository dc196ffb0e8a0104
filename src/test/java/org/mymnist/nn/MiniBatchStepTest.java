package org.mymnist.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.mymnist.optim.Sgd;
import org.mymnist.random.NumpyRandomState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** One SGD step of {@link MiniBatchStep} moves every parameter by minus the numeric gradient. */
class MiniBatchStepTest {

    private static final int ROWS = 5;

    private static Model tinyModel(String hidden, String loss, boolean bias) {
        NumpyRandomState random = new NumpyRandomState(7);
        List<Layer> layers = new ArrayList<>();
        int[] sizes = {4, 3, 2, 3};
        for (int i = 0; i < 3; i++) {
            INDArray w = Initializer.XAVIER.weights(sizes[i], sizes[i + 1], DataType.DOUBLE, random);
            INDArray b = bias ? Nd4j.createFromArray(random.randn(1, sizes[i + 1])).muli(0.1) : null;
            Activation a = i == 2 ? new Softmax() : Activation.named(hidden);
            layers.add(new Layer(w, b, 0.1, a));
        }
        return new Model(layers, Loss.named(loss));
    }

    private static INDArray[] batch() {
        NumpyRandomState random = new NumpyRandomState(3);
        INDArray x = Nd4j.createFromArray(random.randn(ROWS, 4));
        INDArray t = Nd4j.zeros(DataType.DOUBLE, ROWS, 3);
        for (int r = 0; r < ROWS; r++) {
            t.putScalar(r, r % 3, 1.0);
        }
        return new INDArray[] {x, t};
    }

    private static double loss(Model model, INDArray x, INDArray t) {
        try (INDArray p = model.predict(x)) {
            return model.lossFunction().value(p, t);
        }
    }

    @ParameterizedTest
    @CsvSource({"sigmoid,cross-entropy,true", "relu,cross-entropy,true", "sigmoid,mse,true",
            "sigmoid,cross-entropy,false", "relu,mse,false"})
    void sgdStepIsMinusTheNumericGradient(String hidden, String lossName, boolean bias) {
        Model model = tinyModel(hidden, lossName, bias);
        INDArray[] b = batch();
        double lr = 0.5;
        // Numeric gradient of every parameter, central differences.
        List<double[]> numeric = new ArrayList<>();
        double h = 1e-6;
        for (Layer layer : model.layers()) {
            INDArray p = layer.parameters();
            double[] g = new double[(int) p.length()];
            for (int k = 0; k < g.length; k++) {
                double v = p.getDouble(k);
                p.putScalar(k, v + h);
                double up = loss(model, b[0], b[1]);
                p.putScalar(k, v - h);
                double down = loss(model, b[0], b[1]);
                p.putScalar(k, v);
                g[k] = (up - down) / (2 * h);
            }
            numeric.add(g);
        }
        List<double[]> before = new ArrayList<>();
        model.layers().forEach(l -> before.add(l.parameters().dup().data().asDouble()));
        double expectedLoss = loss(model, b[0], b[1]);
        try (MiniBatchStep step = new MiniBatchStep(model, new Sgd(lr), ROWS)) {
            step.input().get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4)).assign(b[0]);
            step.target().assign(b[1]);
            assertEquals(expectedLoss, step.learn(), 1e-12);
        }
        for (int i = 0; i < model.layers().size(); i++) {
            double[] after = model.layers().get(i).parameters().dup().data().asDouble();
            for (int k = 0; k < after.length; k++) {
                double moved = (before.get(i)[k] - after[k]) / lr;
                assertEquals(numeric.get(i)[k], moved, 1e-7, "layer " + i + " parameter " + k);
            }
        }
    }

    @Test
    void crossEntropyNeedsASoftmaxOutput() {
        Layer only = new Layer(Nd4j.ones(DataType.DOUBLE, 2, 2), null, 0.1, new Sigmoid());
        Model model = new Model(List.of(only), new SoftmaxCrossEntropy());
        assertThrows(IllegalArgumentException.class, () -> new MiniBatchStep(model, new Sgd(0.1), 4));
    }
}
