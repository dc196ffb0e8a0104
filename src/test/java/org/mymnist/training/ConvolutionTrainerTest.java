package org.mymnist.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mymnist.nn.Initializer;
import org.mymnist.nn.Model;
import org.mymnist.nn.ModelParameters;
import org.mymnist.nn.conv.Convolution;
import org.mymnist.nn.conv.MaxPooling;
import org.mymnist.random.NumpyRandomState;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The cnn recipe as a configuration: the LeNet-shaped model it builds (He's initial scale), and a trainer on the
 * convolution engine that keeps its state from one {@code run()} to the next (two runs of one
 * epoch are one run of two: the notebook's interrupt and resume), on tiny random data.
 */
class ConvolutionTrainerTest {

    private static final int ROWS = 40;

    static INDArray images() {
        return Nd4j.createFromArray(new NumpyRandomState(12).randn(ROWS, 784)).castTo(DataType.FLOAT).dup('c');
    }

    static INDArray targets() {
        INDArray t = Nd4j.zeros(DataType.FLOAT, ROWS, 10);
        for (int r = 0; r < ROWS; r++) {
            t.putScalar(r, (r * 3) % 10, 1.0);
        }
        return t;
    }

    static List<INDArray> parameters(Model m) {
        return ModelParameters.of(m);
    }

    @Test
    void theCnnRecipeBuildsLeNetsShape() {
        assertEquals(Initializer.HE, Recipe.CNN.config().init());
        assertEquals(List.of(3), Recipe.CNN.config().learningRateDrops(), "the third epoch at lr 0.005");
        TrainingConfig c = Recipe.CNN.config();
        assertEquals(List.of(20, 50), c.convolutions());
        assertEquals(List.of(), c.hidden());
        Model m = c.newModel();
        assertEquals(8, m.features().size());
        Convolution first = (Convolution) m.features().get(1);
        Convolution second = (Convolution) m.features().get(4);
        assertArrayEquals(new long[] {20, 1, 5, 5}, first.weight().shape());
        assertArrayEquals(new long[] {50, 20, 5, 5}, second.weight().shape());
        assertEquals(2, ((MaxPooling) m.features().get(3)).size);
        assertEquals(800, m.layers().get(0).inputN);
        assertEquals(10, m.layers().get(0).outputN);
        assertEquals(DataType.FLOAT, m.dataType());
        // He's scale: the first filters' standard deviation near sqrt(2 / 25), the second's sqrt(2 / 500).
        assertEquals(Math.sqrt(2.0 / 25), first.weight().castTo(DataType.DOUBLE).stdNumber().doubleValue(), 0.05);
        assertEquals(Math.sqrt(2.0 / 500), second.weight().castTo(DataType.DOUBLE).stdNumber().doubleValue(), 0.003);
        assertTrue(c.toString().startsWith("conv 5x5 20-50 (relu, max-pool 2), 800-10"), c.toString());
    }

    @Test
    void convolutionsThatDoNotFitAreRefused() {
        String three = assertThrows(IllegalArgumentException.class,
                () -> Recipe.CNN.config().withConvolutions(4, 4, 4)).getMessage();
        assertTrue(three.startsWith("3 convolution stages do not fit a 28 x 28 image"), three);
        String none = assertThrows(IllegalArgumentException.class,
                () -> Recipe.CNN.config().withConvolutions(0)).getMessage();
        assertTrue(none.startsWith("convolution filter counts must be at least 1"), none);
        // The seed's rule on the cnn recipe: refused first for the recipe's learning rate drop...
        TrainingConfig seedRule = Recipe.CNN.config().withRule(UpdateRule.SEED).withLoss(LossKind.MSE)
                .withOptimizer(OptimizerKind.SGD);
        String drop = seedRule.problem();
        assertTrue(drop != null && drop.contains("does not drop it"), drop);
        // ... and, without the drop, for the convolutions themselves.
        String convolutions = seedRule.withLearningRateDrops().problem();
        assertTrue(convolutions != null && convolutions.contains("trains dense layers only, not convolutions"),
                convolutions);
        assertTrue(convolutions.contains("--rule mean-gradient"), convolutions);
        assertNull(seedRule.withLearningRateDrops().withConvolutions().problem(), "a dense network trains by it");
    }

    @Test
    void twoRunsOfOneEpochAreOneRunOfTwo() {
        TrainingConfig c = Recipe.CNN.config().withConvolutions(2, 3).withBatch(16);
        Model once = c.newModel();
        Model twice = c.newModel();
        History h1 = new Trainer(once, c, images(), targets(), images(), targets()).epochs(2).run();
        Trainer resumed = new Trainer(twice, c, images(), targets(), images(), targets()).epochs(1);
        resumed.run();
        History h2 = resumed.run();
        assertEquals(2, h2.size());
        for (int e = 0; e < 2; e++) {
            assertEquals(h1.epochs().get(e).loss(), h2.epochs().get(e).loss(), 0.0);
            assertEquals(h1.epochs().get(e).accuracy(), h2.epochs().get(e).accuracy(), 0.0);
            assertEquals(e, h2.epochs().get(e).epoch());
        }
        List<INDArray> a = parameters(once);
        List<INDArray> b = parameters(twice);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).data().asFloat(), b.get(i).data().asFloat(), "parameter " + i);
        }
        // A fresh trainer for the second epoch would have lost the velocity and the shuffle sequence.
        Model fresh = c.newModel();
        new Trainer(fresh, c, images(), targets(), images(), targets()).epochs(1).run();
        new Trainer(fresh, c, images(), targets(), images(), targets()).epochs(1).run();
        assertNotEquals(a.get(0).getDouble(0), parameters(fresh).get(0).getDouble(0));
    }
}
