package org.mymnist.nn.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mymnist.nn.Layer;
import org.mymnist.nn.Model;
import org.mymnist.nn.Relu;
import org.mymnist.nn.Softmax;
import org.mymnist.nn.SoftmaxCrossEntropy;
import org.mymnist.nn.Stage;
import org.mymnist.nn.StageGradient;
import org.mymnist.random.NumpyRandomState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The teaching convolution, pooling and reshapes: im2col on a 5 x 5 image checked by hand, the
 * convolution against its definition written as loops, pooling's routing of the gradient, and
 * every gradient of a small convolutional model against central differences (float64).
 */
class ConvolutionTest {

    private static final double H = 1e-6;

    /** The 5 x 5 image 0, 1, ..., 24, row by row. */
    private static INDArray counting() {
        return Nd4j.arange(25).castTo(DataType.DOUBLE).reshape(1, 1, 5, 5);
    }

    @Test
    void im2colOfAFiveByFiveImageListsEachThreeByThreePatch() {
        INDArray patches = Convolution.im2col(counting(), 3);
        assertArrayEquals(new long[] {9, 9}, patches.shape());
        assertArrayEquals(new double[] {0, 1, 2, 5, 6, 7, 10, 11, 12}, patches.getRow(0).toDoubleVector());
        assertArrayEquals(new double[] {1, 2, 3, 6, 7, 8, 11, 12, 13}, patches.getRow(1).toDoubleVector());
        assertArrayEquals(new double[] {5, 6, 7, 10, 11, 12, 15, 16, 17}, patches.getRow(3).toDoubleVector());
        assertArrayEquals(new double[] {12, 13, 14, 17, 18, 19, 22, 23, 24}, patches.getRow(8).toDoubleVector());
    }

    @Test
    void col2imOfOnesCountsThePatchesThatSeeEachPixel() {
        INDArray counts = Convolution.col2im(Nd4j.ones(DataType.DOUBLE, 9, 9), new long[] {1, 1, 5, 5}, 3);
        assertArrayEquals(new double[] {1, 2, 3, 2, 1}, counts.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).toDoubleVector());
        assertEquals(9.0, counts.getDouble(0, 0, 2, 2));
        assertEquals(81.0, counts.sumNumber().doubleValue());
    }

    @Test
    void convolutionIsTheSumOverEachPatchOfFilterTimesPixels() {
        NumpyRandomState random = new NumpyRandomState(3);
        INDArray x = Nd4j.createFromArray(random.randn(2, 2 * 6 * 7)).reshape(2, 2, 6, 7);
        INDArray w = Nd4j.createFromArray(random.randn(3, 2 * 3 * 3)).reshape(3, 2, 3, 3);
        INDArray b = Nd4j.createFromArray(new double[] {0.5, -1.0, 2.0});
        INDArray y = new Convolution(w, b).calculate(x);
        assertArrayEquals(new long[] {2, 3, 4, 5}, y.shape());
        for (int n = 0; n < 2; n++) {
            for (int f = 0; f < 3; f++) {
                for (int r = 0; r < 4; r++) {
                    for (int c = 0; c < 5; c++) {
                        double sum = b.getDouble(f);
                        for (int ch = 0; ch < 2; ch++) {
                            for (int i = 0; i < 3; i++) {
                                for (int j = 0; j < 3; j++) {
                                    sum += w.getDouble(f, ch, i, j) * x.getDouble(n, ch, r + i, c + j);
                                }
                            }
                        }
                        assertEquals(sum, y.getDouble(n, f, r, c), 1e-12);
                    }
                }
            }
        }
    }

    @Test
    void maxPoolingKeepsTheLargestAndRoutesTheGradientToItTheFirstOnTies() {
        INDArray x = Nd4j.createFromArray(new double[] {
            1, 5, 2, 2,
            3, 4, 2, 2,
            0, -1, 7, 0,
            -2, -3, 0, 8}).reshape(1, 1, 4, 4);
        MaxPooling pool = new MaxPooling(2);
        INDArray y = pool.calculate(x);
        assertArrayEquals(new double[] {5, 2, 0, 8}, y.reshape(4).toDoubleVector());
        StageGradient g = pool.gradient(Nd4j.createFromArray(new double[] {10, 20, 30, 40}).reshape(1, 1, 2, 2));
        assertArrayEquals(new double[] {
            0, 10, 20, 0,
            0, 0, 0, 0,
            30, 0, 0, 0,
            0, 0, 0, 40}, g.input().reshape(16).toDoubleVector());
        assertEquals(List.of(), g.parameters());
    }

    @Test
    void shapesThatDoNotFitAreRefused() {
        String pool = assertThrows(IllegalArgumentException.class,
                () -> new MaxPooling(2).calculate(Nd4j.zeros(1, 1, 5, 4))).getMessage();
        assertTrue(pool.endsWith(" reads channels whose height and width are multiples of 2, got [1, 5, 4]"), pool);
        INDArray w = Nd4j.zeros(DataType.DOUBLE, 2, 1, 3, 3);
        Convolution conv = new Convolution(w, Nd4j.zeros(DataType.DOUBLE, 2));
        String channels = assertThrows(IllegalArgumentException.class,
                () -> conv.calculate(Nd4j.zeros(DataType.DOUBLE, 1, 2, 5, 5))).getMessage();
        assertTrue(channels.endsWith(" reads images of 1 channel(s) of at least 3 x 3 pixels, got [2, 5, 5]"), channels);
        assertEquals("gradient called before calculate", assertThrows(IllegalStateException.class,
                () -> conv.gradient(Nd4j.zeros(DataType.DOUBLE, 1, 2, 3, 3))).getMessage());
        assertEquals("this network reads rows of 16 values, got rows of 15", assertThrows(IllegalArgumentException.class,
                () -> new Unflatten(1, 4, 4).calculate(Nd4j.zeros(2, 15))).getMessage());
    }

    /** 1 x 8 x 8 images: conv 3 x 3 x 3, relu, pool 2, conv 2 x 2 x 4, relu, flatten, dense 16 -> 3 softmax. */
    static Model smallNetwork() {
        NumpyRandomState random = new NumpyRandomState(21);
        INDArray w1 = Nd4j.createFromArray(random.randn(3, 9)).reshape(3, 1, 3, 3).muli(0.6);
        INDArray b1 = Nd4j.createFromArray(random.randn(1, 3)).muli(0.2).reshape(3);
        INDArray w2 = Nd4j.createFromArray(random.randn(4, 12)).reshape(4, 3, 2, 2).muli(0.5);
        INDArray b2 = Nd4j.createFromArray(random.randn(1, 4)).muli(0.2).reshape(4);
        INDArray w3 = Nd4j.createFromArray(random.randn(16, 3)).muli(0.4);
        INDArray b3 = Nd4j.createFromArray(random.randn(1, 3)).muli(0.1);
        List<Stage> stages = List.of(new Unflatten(1, 8, 8), new Convolution(w1, b1), new Activated(new Relu()),
                new MaxPooling(2), new Convolution(w2, b2), new Activated(new Relu()), new Flatten());
        return new Model(stages, List.of(new Layer(w3, b3, 0.1, new Softmax())), new SoftmaxCrossEntropy());
    }

    static INDArray images() {
        return Nd4j.createFromArray(new NumpyRandomState(8).randn(4, 64));
    }

    static INDArray targets() {
        INDArray t = Nd4j.zeros(DataType.DOUBLE, 4, 3);
        for (int r = 0; r < 4; r++) {
            t.putScalar(r, r % 3, 1.0);
        }
        return t;
    }

    /** Central differences of the model's loss with respect to each element of {@code parameter}. */
    private static double[] numeric(Model model, INDArray parameter, INDArray x, INDArray t) {
        INDArray flat = parameter.reshape(parameter.length());
        double[] g = new double[(int) parameter.length()];
        for (int k = 0; k < g.length; k++) {
            double v = flat.getDouble(k);
            flat.putScalar(k, v + H);
            double up = model.predictLoss(x, t).loss();
            flat.putScalar(k, v - H);
            double down = model.predictLoss(x, t).loss();
            flat.putScalar(k, v);
            g[k] = (up - down) / (2 * H);
        }
        return g;
    }

    @Test
    void everyGradientOfTheConvolutionalNetworkMatchesCentralDifferences() {
        Model model = smallNetwork();
        INDArray x = images();
        INDArray t = targets();
        Model.Gradients gradients = model.gradients(x, t);
        int checked = 0;
        for (int i = 0; i < model.features().size(); i++) {
            List<INDArray> parameters = model.features().get(i).parameters();
            for (int j = 0; j < parameters.size(); j++) {
                double[] expected = numeric(model, parameters.get(j), x, t);
                double[] actual = gradients.features().get(i).parameters().get(j).reshape(-1).toDoubleVector();
                assertArrayEquals(expected, actual, 1e-7, model.features().get(i) + " parameter " + j);
                checked++;
            }
        }
        assertEquals(4, checked);
        assertArrayEquals(numeric(model, model.layers().get(0).weight(), x, t),
                gradients.layers().get(0).weight().reshape(-1).toDoubleVector(), 1e-7);
    }

    @Test
    void theGradientWithRespectToTheImagesMatchesCentralDifferences() {
        Model model = smallNetwork();
        INDArray x = images();
        INDArray t = targets();
        INDArray dx = model.gradients(x, t).features().get(0).input();
        assertArrayEquals(new long[] {4, 64}, dx.shape());
        assertArrayEquals(numeric(model, x, x, t), dx.reshape(-1).toDoubleVector(), 1e-7);
    }

    @Test
    void poolingGradientMatchesCentralDifferencesThroughAPooledNetwork() {
        // conv, relu, pool and a second pool: the gradient must pass two poolings.
        NumpyRandomState random = new NumpyRandomState(4);
        INDArray w1 = Nd4j.createFromArray(random.randn(2, 9)).reshape(2, 1, 3, 3);
        List<Stage> stages = List.of(new Unflatten(1, 10, 10), new Convolution(w1, Nd4j.zeros(DataType.DOUBLE, 2)),
                new MaxPooling(2), new Activated(new Relu()), new MaxPooling(2), new Flatten());
        Model model = new Model(stages, List.of(new Layer(Nd4j.createFromArray(random.randn(8, 3)), null, 0.1,
                new Softmax())), new SoftmaxCrossEntropy());
        INDArray x = Nd4j.createFromArray(new NumpyRandomState(9).randn(4, 100));
        Model.Gradients g = model.gradients(x, targets());
        assertArrayEquals(numeric(model, model.features().get(1).parameters().get(0), x, targets()),
                g.features().get(1).parameters().get(0).reshape(-1).toDoubleVector(), 1e-7);
        assertArrayEquals(numeric(model, x, x, targets()), g.features().get(0).input().reshape(-1).toDoubleVector(),
                1e-7);
    }

    @Test
    void learnMeanGradientMovesEveryStageParameterAgainstItsGradient() {
        Model model = smallNetwork();
        INDArray before = ((Convolution) model.features().get(1)).weight().dup();
        Model.Gradients g = model.gradients(images(), targets());
        model.learnMeanGradient(images(), targets(), new org.mymnist.optim.Sgd(0.5));
        INDArray expected = before.sub(g.features().get(1).parameters().get(0).mul(0.5));
        assertArrayEquals(expected.reshape(-1).toDoubleVector(),
                ((Convolution) model.features().get(1)).weight().reshape(-1).toDoubleVector(), 1e-12);
        String seedRule = assertThrows(IllegalStateException.class, () -> model.learnOn(images(), targets())).getMessage();
        assertTrue(seedRule.startsWith("the seed's rule (Layer.learn) trains dense layers only, not ")
                && seedRule.endsWith(": train this model with the mean-gradient rule (Model.learnMeanGradient)"), seedRule);
    }
}
