package org.mymnist.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mymnist.nn.Activation;
import org.mymnist.nn.KernelFreeSigmoid;
import org.mymnist.nn.Layer;
import org.mymnist.nn.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Jupyter's stop button interrupts the training thread; the trainer ends the run after the epoch
 * in progress, even when the listener (a notebook's display code) clears the thread's interrupt
 * flag before the trainer would look at it, and it consumes the interrupt.
 */
class TrainerInterruptTest {

    /** The config's model with a hidden sigmoid that interrupts the thread at its {@code when}-th call. */
    static Model interruptingModel(TrainingConfig config, int when) {
        Model model = config.newModel();
        Activation sigmoid = new KernelFreeSigmoid();
        AtomicInteger calls = new AtomicInteger();
        Activation interrupting = new Activation() {
            @Override
            public INDArray apply(INDArray x) {
                if (calls.incrementAndGet() == when) {
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
                return "interrupting-sigmoid";
            }
        };
        List<Layer> layers = new ArrayList<>();
        for (int i = 0; i < model.layers().size(); i++) {
            Layer l = model.layers().get(i);
            boolean last = i == model.layers().size() - 1;
            layers.add(new Layer(l.weight(), l.bias(), l.lr, last ? l.activation : interrupting));
        }
        return new Model(layers, model.lossFunction());
    }

    @Test
    void aStopDuringAnEpochEndsTheRunAfterItEvenIfTheListenerClearsTheFlag() {
        TrainingConfig config = TrainerTest.meanGradient(OptimizerKind.MOMENTUM);
        // 13 batches and one evaluation an epoch: the 20th call is in the second epoch's training.
        Model model = interruptingModel(config, 20);
        List<Integer> listened = new ArrayList<>();
        Trainer trainer = TrainerTest.trainer(model, config).epochs(10).onEpoch(epoch -> {
            listened.add(epoch.epoch());
            Thread.interrupted(); // what a notebook's output code may do with an interrupt it finds
        });
        History history = trainer.run();
        assertEquals(2, history.size(), "the run ends after the epoch in which the stop came");
        assertEquals(List.of(0, 1), listened, "that epoch is still shown");
        assertTrue(trainer.stopped());
        assertFalse(Thread.currentThread().isInterrupted(), "the interrupt is consumed, not left for the next cell");
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
