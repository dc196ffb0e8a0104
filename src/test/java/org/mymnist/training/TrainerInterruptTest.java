package org.mymnist.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mymnist.nn.Activation;
import org.mymnist.nn.KernelFreeSigmoid;
import org.mymnist.nn.Layer;
import org.mymnist.nn.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Jupyter's stop button interrupts the training thread; the trainer ends the run after the batch
 * in progress (and after an epoch even when the listener, a notebook's display code, clears the
 * thread's interrupt flag), consumes the interrupt, and the next run finishes the epoch that was
 * cut: stopped and resumed is not stopped.
 */
class TrainerInterruptTest {

    /**
     * The config's model on the readable path (a hidden sigmoid with no kernel) whose hidden layer
     * presses the stop button, interrupting the training thread, at its first forward pass after
     * {@code stop} is set; it then clears {@code stop}.
     */
    static Model stoppingModel(TrainingConfig config, AtomicBoolean stop) {
        Model model = config.newModel();
        Activation sigmoid = new KernelFreeSigmoid();
        Activation stopping = new Activation() {
            @Override
            public INDArray apply(INDArray x) {
                if (stop.getAndSet(false)) {
                    Thread.currentThread().interrupt();
                }
                return sigmoid.apply(x);
            }

            @Override
            public INDArray derivative(INDArray x) {
                return sigmoid.derivative(x);
            }

            @Override
            public String name() {
                return "stopping-sigmoid";
            }
        };
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < model.layers().size(); i++) {
            Layer l = model.layers().get(i);
            boolean last = i == model.layers().size() - 1;
            layers.add(new Layer(l.weight(), l.bias(), l.lr, last ? l.activation : stopping));
        }
        return new Model(layers, model.lossFunction());
    }

    @Test
    void aStopDuringAnEpochEndsTheRunAfterTheBatchAndTheNextRunFinishesThatEpoch() {
        TrainingConfig config = TrainerTest.meanGradient(OptimizerKind.MOMENTUM);
        AtomicBoolean stop = new AtomicBoolean();
        Model model = stoppingModel(config, stop);
        List<Integer> listened = new ArrayList<>();
        List<double[][]> afterFirstEpoch = new ArrayList<>();
        Trainer trainer = TrainerTest.trainer(model, config).epochs(10).onEpoch(epoch -> {
            listened.add(epoch.epoch());
            if (epoch.epoch() == 0) {
                afterFirstEpoch.add(TrainerTest.parameters(model));
                stop.set(true); // pressed during the second epoch's first batch
            }
        });
        History history = trainer.run();
        assertFalse(stop.get(), "the stop was pressed");
        assertEquals(1, history.size(), "the run ends inside the second epoch, which is not recorded");
        assertEquals(List.of(0), listened);
        assertEquals(1, model.loss().size(), "no loss recorded for the epoch cut short");
        assertTrue(TrainerTest.largestDifference(afterFirstEpoch.get(0), TrainerTest.parameters(model)) > 0,
                "the run ends after the batch in progress, whose update is in the model");
        assertTrue(trainer.stopped());
        assertFalse(Thread.currentThread().isInterrupted(), "the interrupt is consumed, not left for the next cell");
        assertEquals(List.of(0, 1, 2, 3), trainer.epochs(3).run().epochs().stream().map(Epoch::epoch).toList(),
                "the next run finishes the second epoch, then two more");

        Model notStopped = TrainerTest.model(config, true);
        History whole = TrainerTest.trainer(notStopped, config).epochs(4).run();
        TrainerTest.assertSameParameters(TrainerTest.parameters(notStopped), TrainerTest.parameters(model), 0.0,
                "stopped and resumed is not stopped");
        assertArrayEquals(whole.losses(), history.losses(), 0.0, "losses");
        assertArrayEquals(whole.accuracies(), history.accuracies(), 0.0, "accuracies");
        assertEquals(notStopped.loss(), model.loss(), "the model's loss history: one entry an epoch");
    }

    /**
     * On each path (the dense engine, the readable code, the convolution engine) an epoch that
     * finds the interrupt set stops after its first batch with the weights so far in the model;
     * called again it finishes, and the weights are those of the epoch never stopped.
     */
    @ParameterizedTest
    @ValueSource(strings = {"engine", "readable", "convolution"})
    void anEpochStoppedAfterABatchAndFinishedIsTheEpochNotStopped(String path) {
        TrainingConfig dense = TrainerTest.meanGradient(OptimizerKind.MOMENTUM);
        TrainingConfig config = path.equals("convolution")
                ? Recipe.CNN.config().withConvolutions(2, 3).withDataType(DataType.DOUBLE).withBatch(16) : dense;
        java.util.function.Supplier<Model> models = () -> TrainerTest.model(config, path.equals("readable"));
        Model cut = models.get();
        Model whole = models.get();
        EpochLoop stopped = loop(cut, config);
        EpochLoop notStopped = loop(whole, config);
        double[][] before = TrainerTest.parameters(cut);
        Thread.currentThread().interrupt();
        OptionalDouble first = stopped.epoch(0);
        assertTrue(Thread.interrupted(), "the loop leaves the flag to the trainer");
        assertTrue(first.isEmpty(), "stopped inside the epoch");
        assertTrue(TrainerTest.largestDifference(before, TrainerTest.parameters(cut)) > 0,
                "the model has the first batch's update");
        assertTrue(cut.loss().isEmpty(), "no epoch's loss recorded");
        double rest = stopped.epoch(0).getAsDouble();
        double all = notStopped.epoch(0).getAsDouble();
        assertEquals(all, rest, 0.0, "the epoch's mean loss over all its batches");
        stopped.epoch(1);
        notStopped.epoch(1);
        TrainerTest.assertSameParameters(TrainerTest.parameters(whole), TrainerTest.parameters(cut), 0.0, path);
    }

    /**
     * The stop pressed while the listener draws: JJava's display code may swallow the interrupt
     * (ZeroMQ's "interrupted function"), so the listener runs on a thread of its own and the
     * interrupt of the training thread is kept.
     */
    @Test
    void aStopWhileTheListenerRunsIsKeptEvenIfTheListenersCodeSwallowsInterrupts() {
        TrainingConfig config = TrainerTest.meanGradient(OptimizerKind.MOMENTUM);
        Thread training = Thread.currentThread();
        List<String> threads = new ArrayList<>();
        Trainer trainer = TrainerTest.trainer(config.newModel(), config).epochs(10).onEpoch(epoch -> {
            threads.add(Thread.currentThread().getName());
            if (epoch.epoch() == 1) {
                training.interrupt();  // the stop button
                Thread.interrupted();  // display code that clears the flag it finds
            }
        });
        assertEquals(2, trainer.run().size(), "the run ends after the epoch whose chart was being drawn");
        assertTrue(trainer.stopped());
        assertFalse(Thread.currentThread().isInterrupted());
        assertFalse(threads.contains(training.getName()), "the listener ran on its own thread: " + threads);
    }

    @Test
    void whatTheListenerThrowsReachesTheCaller() {
        TrainingConfig config = TrainerTest.meanGradient(OptimizerKind.MOMENTUM);
        IllegalStateException thrown = new IllegalStateException("the chart failed");
        Trainer trainer = TrainerTest.trainer(config.newModel(), config).epochs(3).onEpoch(epoch -> {
            throw thrown;
        });
        assertSame(thrown, assertThrows(IllegalStateException.class, trainer::run));
        assertEquals(1, trainer.history().size(), "the epoch is recorded before its listener runs");
    }

    private static EpochLoop loop(Model model, TrainingConfig config) {
        return new EpochLoop(model, config, TrainerTest.TRAIN_X, TrainerTest.TRAIN_Y, config.newOptimizer(),
                new java.util.Random(config.randomSeed() * 1_000_003L));
    }

    @Test
    void aStopFoundAfterTheListenerEndsTheRunToo() {
        TrainingConfig config = TrainerTest.meanGradient(OptimizerKind.MOMENTUM);
        Trainer trainer = TrainerTest.trainer(config.newModel(), config).epochs(10).onEpoch(epoch -> {
            if (epoch.epoch() == 2) {
                Thread.currentThread().interrupt(); // the stop pressed while the chart is drawn
            }
        });
        assertEquals(3, trainer.run().size());
        assertTrue(trainer.stopped());
        assertFalse(Thread.currentThread().isInterrupted());
        assertEquals(5, trainer.epochs(2).run().size(), "the next run continues: epochs 3 and 4");
        assertFalse(trainer.stopped());
    }
}
