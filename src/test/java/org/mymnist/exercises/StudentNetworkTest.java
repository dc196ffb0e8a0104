package org.mymnist.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mymnist.exercises.Solutions.MyMse;
import org.mymnist.exercises.Solutions.MySigmoid;
import org.mymnist.exercises.Solutions.StubSigmoid;
import org.mymnist.nn.Model;
import org.mymnist.training.Epoch;
import org.mymnist.training.History;
import org.mymnist.training.LossKind;
import org.mymnist.training.Recipe;
import org.mymnist.training.UpdateRule;
import org.mymnist.view.Language;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The student's pieces assembled train as the library's model does (tiny random data, no MNIST files). */
class StudentNetworkTest {

    private static final INDArray X = Check.random(40, 784, 0.5, 1, DataType.DOUBLE);
    private static final INDArray Y = oneHot(40, 2);

    private static INDArray oneHot(int rows, long seed) {
        java.util.Random r = new java.util.Random(seed);
        double[][] v = new double[rows][10];
        for (double[] row : v) {
            row[r.nextInt(10)] = 1;
        }
        return org.nd4j.linalg.factory.Nd4j.createFromArray(v);
    }

    private static StudentNetwork solved() {
        return StudentNetwork.seed(Language.ENGLISH, new MySigmoid(), new MyMse(), Solutions::calculate,
                Solutions::learn, Solutions::accuracy);
    }

    @Test
    void theSolutionsTrainAsTheLibrarysSeedModel() {
        StudentNetwork mine = solved();
        Model library = Recipe.SEED.config().newModel();
        List<Epoch> seen = new ArrayList<>();
        History h = mine.train(3, X, Y, X, Y, seen::add);
        for (int i = 0; i < 3; i++) {
            double loss = library.backpropagation(X, Y, null);
            assertEquals(loss, h.epochs().get(i).loss(), Math.abs(loss) * 1e-12, "epoch " + i);
            assertEquals(library.computeAccuracy(X, Y) * 100, h.epochs().get(i).accuracy(), 1e-12);
        }
        assertEquals(3, seen.size());
        for (int l = 0; l < 3; l++) {
            INDArray a = mine.layers().get(l).weight, b = library.layers().get(l).weight();
            assertTrue(a.equalsWithEps(b, 1e-12), "layer " + l);
            assertEquals(null, mine.layers().get(l).inputData, "no array of a closed workspace is kept");
        }
        // Running again continues: epochs 3 and 4.
        mine.train(2, X, Y, X, Y, null);
        assertEquals(4, mine.history().last().epoch());
    }

    @Test
    void theNetworkIsTheSeedRecipesModelWithTheStudentsSigmoid() {
        MySigmoid sigmoid = new MySigmoid();
        StudentNetwork mine = StudentNetwork.seed(Language.ENGLISH, sigmoid, new MyMse(), Solutions::calculate,
                Solutions::learn, Solutions::accuracy);
        Model library = Recipe.SEED.config().newModel();
        assertEquals(3, mine.layers().size());
        for (int l = 0; l < 3; l++) {
            StudentLayer layer = mine.layers().get(l);
            assertEquals(library.layers().get(l).lr, layer.lr, 0.0, "layer " + l);
            assertTrue(layer.weight.equals(library.layers().get(l).weight()), "layer " + l + ": np.random.seed(2)");
            if (l < 2) {
                assertSame(sigmoid, layer.activation, "layer " + l + ": the student's sigmoid");
            } else {
                assertEquals("softmax", layer.activation.name(), "the output layer");
            }
        }
    }

    @Test
    void noEpochOrNoListenerTrainsAsAsked() {
        StudentNetwork mine = solved();
        assertEquals(0, mine.train(0, X, Y, X, Y, null).size(), "0 epochs: none");
        assertEquals(2, mine.train(2, X, Y, X, Y, null).size(), "no listener: the epochs all the same");
        assertEquals(mine.history(), mine.train(0, X, Y, X, Y, e -> { }), "the same history");
    }

    @Test
    void aStopWhileTheListenerPrintsEndsTheTrainingAfterThatEpoch() {
        StudentNetwork mine = solved();
        Thread training = Thread.currentThread();
        History h = mine.train(5, X, Y, X, Y, epoch -> {
            if (epoch.epoch() == 1) {
                training.interrupt();  // the stop button
                Thread.interrupted();  // display code that clears the flag it finds
            }
        });
        assertEquals(2, h.size(), "stopped after the epoch whose line was being printed");
        assertTrue(!Thread.currentThread().isInterrupted(), "the interrupt is consumed");
    }

    @Test
    void aStubSaysWhatToDo() {
        StudentNetwork stub = StudentNetwork.seed(Language.ENGLISH, new StubSigmoid(), new MyMse(), Solutions::calculate,
                Solutions::learn, Solutions::accuracy);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> stub.train(1, X, Y, X, Y, null));
        assertTrue(e.getMessage().contains("not written yet"), e.getMessage());
    }

    @Test
    void seedLinesCheckComparesWithTheOriginalNotebook() {
        History right = new History();
        right.add(new Epoch(0, Check.SEED_LOSSES[0], 11.51, 0, 0));
        right.add(new Epoch(1, Check.SEED_LOSSES[1], 12.01, 0, 0));
        assertTrue(Check.seedLines(right, Language.ENGLISH).passed());
        History wrong = new History();
        wrong.add(new Epoch(0, 0.1515, 11.51, 0, 0));
        Verdict v = Check.seedLines(wrong, Language.ENGLISH);
        assertFalse(v.passed());
        assertTrue(v.message().contains("Epoch : 0 loss : 0.151419233487184, acc : 11.51 %"), v.message());
        Verdict none = Check.seedLines(new History(), Language.ENGLISH);
        assertFalse(none.passed());
        assertTrue(none.message().contains("not written yet"), none.message());
        assertTrue(Check.climbs(new History(), Language.FRENCH).message().contains("pas encore écrit"));
    }

    @Test
    void climbsCheck() {
        History h = new History();
        h.add(new Epoch(0, 0.5, 80, 0, 0));
        Verdict low = Check.climbs(h, Language.ENGLISH);
        assertFalse(low.passed());
        assertTrue(low.message().contains("the accuracy ends at 80 %, expected 85 % or more"), low.message());
        h.add(new Epoch(1, 0.3, 90.5, 0, 0));
        assertTrue(Check.climbs(h, Language.ENGLISH).passed());
    }

    @Test
    void meanGradientModelRunsThroughTheStudentsPieces() {
        var config = Recipe.SEED.config().withRule(UpdateRule.MEAN_GRADIENT).withLoss(LossKind.CROSS_ENTROPY);
        Model mine = StudentNetwork.meanGradientModel(config, new MySigmoid(), Solutions::gradient);
        Model library = config.newModel();
        var a = mine.gradients(X, Y);
        var b = library.gradients(X, Y);
        assertEquals(b.loss(), a.loss(), 1e-12);
        for (int l = 0; l < 3; l++) {
            assertTrue(a.layers().get(l).weight().equalsWithEps(b.layers().get(l).weight(), 1e-10), "layer " + l);
        }
        int[] calls = {0};
        Model counting = StudentNetwork.meanGradientModel(config, new MySigmoid(), (p, t) -> {
            calls[0]++;
            return Solutions.gradient(p, t);
        });
        counting.gradients(X, Y);
        assertEquals(1, calls[0]);
        String mse = assertThrows(IllegalArgumentException.class,
                () -> StudentNetwork.meanGradientModel(Recipe.SEED.config(), new MySigmoid(), Solutions::gradient))
                .getMessage();
        assertTrue(mse.contains("use config.withLoss(LossKind.CROSS_ENTROPY)"), mse);
    }
}
