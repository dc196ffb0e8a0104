package org.mymnist.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mymnist.data.MnistData;
import org.mymnist.evaluation.Evaluation;
import org.mymnist.nn.Model;

/**
 * The fidelity test: the original notebook, replayed on the real MNIST files, prints the notebook's
 * log. Losses agree to at least 12 significant digits, accuracies exactly, per-digit accuracies
 * exactly, and test image 2 is read as a 1.
 */
@Tag("real-data")
class SeedReplayTest {

    /** The notebook's printed losses, epochs 0 to 49. */
    static final double[] LOSSES = {
        0.151419233487184, 0.1157290798817189, 0.1081752170670607, 0.10180303771541105,
        0.09722655973188295, 0.09452930048303006, 0.09420079021127374, 0.09388583492810146,
        0.09358154596426761, 0.09328117087748627, 0.09298778701802908, 0.0926988624362722,
        0.0924154419825512, 0.09213662672953978, 0.09186268533033595, 0.09159327645562816,
        0.09132842925791806, 0.09106799753211056, 0.09081196154177407, 0.09056025572738133,
        0.09031286496690681, 0.0900697647235585, 0.08983095376259054, 0.08959642973161809,
        0.0893662008850668, 0.08914027404235514, 0.08891865882675982, 0.08870136075005296,
        0.08848838273501398, 0.08827972085815047, 0.0880753650394452, 0.08787529647848584,
        0.08767948828333874, 0.0874879041105026, 0.08730049900195966, 0.08711721888714853,
        0.08693800165246961, 0.08676277722056591, 0.08659146876791701, 0.08642399314183263,
        0.08626026211216349, 0.08610018293825808, 0.08594365955414401, 0.0857905931531849,
        0.08564088323736645, 0.08549442813863024, 0.08535112589631406, 0.085210874675363,
        0.08507357346336095, 0.08493912237497195,
    };

    /** The notebook's printed accuracies in percent, epochs 0 to 49. */
    static final String[] ACCURACIES = {
        "11.51", "12.01", "10.0", "10.32", "13.24", "13.27", "13.34", "13.67", "14.03", "14.24",
        "14.84", "15.11", "15.55", "15.87", "16.3", "16.76", "17.22", "17.92", "18.27", "18.81",
        "19.13", "19.64", "20.1", "20.55", "20.89", "21.29", "21.69", "22.01", "22.24", "22.5",
        "22.72", "23.06", "23.27", "23.54", "23.72", "24.1", "24.33", "24.55", "24.81", "25.07",
        "25.3", "25.49", "25.78", "26.09", "26.24", "26.35", "26.65", "26.84", "27.01", "27.11",
    };

    /** The notebook's "For i accuracy is ..." lines. */
    static final String[] PER_DIGIT = {
        "For 0 accuracy is 28.06", "For 1 accuracy is 80.0", "For 2 accuracy is 6.49",
        "For 3 accuracy is 7.52", "For 4 accuracy is 14.05", "For 5 accuracy is 6.95",
        "For 6 accuracy is 47.08", "For 7 accuracy is 39.2", "For 8 accuracy is 9.34",
        "For 9 accuracy is 23.79",
    };

    static MnistData mnist;
    static Model model;
    static History history;

    @BeforeAll
    static void replayTheNotebook() throws Exception {
        mnist = MnistData.load(null);
        model = Recipe.SEED.config().newModel();
        history = new Trainer(model, mnist.trainImages(), mnist.trainOneHot(), mnist.testImages(),
                mnist.testOneHot()).epochs(50).run();
    }

    @Test
    void epochZeroLossMatchesToTwelveSignificantDigits() {
        double loss = history.epochs().get(0).loss();
        assertEquals(0.151419233487184, loss, 0.151419233487184 * 1e-12);
    }

    @Test
    void everyEpochLossMatchesToTwelveSignificantDigits() {
        assertEquals(50, history.size());
        for (Epoch epoch : history.epochs()) {
            double expected = LOSSES[epoch.epoch()];
            assertEquals(expected, epoch.loss(), expected * 1e-12, "loss of epoch " + epoch.epoch());
        }
    }

    @Test
    void everyEpochAccuracyIsTheNotebooks() {
        List<String> printed = new ArrayList<>();
        for (Epoch epoch : history.epochs()) {
            printed.add(SeedLog.repr(SeedLog.round(epoch.accuracy(), 2)));
        }
        assertEquals(List.of(ACCURACIES), printed);
        assertEquals("Epoch : 49 loss : ", SeedLog.epochLine(history.last()).substring(0, 18));
        assertEquals(", acc : 27.11 %", SeedLog.epochLine(history.last())
                .substring(SeedLog.epochLine(history.last()).indexOf(", acc")));
    }

    @Test
    void oneByOneAccuracyAgreesWithTheBatchedOne() {
        assertEquals(model.computeAccuracy(mnist.testImages(), mnist.testOneHot()),
                model.computeAccuracyOneByOne(mnist.testImages(), mnist.testOneHot()), 0.0);
    }

    @Test
    void perDigitAccuraciesAreTheNotebooks() {
        double[] perDigit = Evaluation.of(model, mnist.testImages(), mnist.testLabels()).perDigit();
        String[] lines = new String[10];
        for (int d = 0; d < 10; d++) {
            lines[d] = SeedLog.digitLine(d, perDigit[d]);
        }
        assertArrayEquals(PER_DIGIT, lines);
    }

    @Test
    void testImageTwoIsReadAsAOne() {
        double[] output = model.predict(mnist.testImages().getRow(2).toDoubleVector());
        int best = 0;
        for (int i = 1; i < output.length; i++) {
            if (output[i] > output[best]) {
                best = i;
            }
        }
        assertEquals(1, best);
        assertEquals(1, mnist.testLabels()[2], "the image is a 1, and the model reads it right");
    }
}
