package org.mymnist.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The trainer's loop around what is not a library model: numbering, history, listener and stops. */
class TrainableTest {

    /** Loss 1 / (epoch + 1), accuracy epoch / 10; stops inside the epochs listed in {@code cut}. */
    private static final class Counting implements Trainable {
        final List<Integer> trained = new ArrayList<>();
        final List<Integer> cut = new ArrayList<>();
        int measured;

        @Override
        public OptionalDouble trainEpoch(int epoch) {
            trained.add(epoch);
            if (cut.remove(Integer.valueOf(epoch))) {
                Thread.currentThread().interrupt();  // a stop between two of its batches
                return OptionalDouble.empty();
            }
            return OptionalDouble.of(1.0 / (epoch + 1));
        }

        @Override
        public double testAccuracy() {
            measured++;
            return trained.get(trained.size() - 1) / 10.0;
        }
    }

    @Test
    void theLoopNumbersRecordsAndHandsOnEachEpoch() {
        Counting counting = new Counting();
        List<Epoch> seen = new ArrayList<>();
        Trainer trainer = new Trainer(counting).epochs(3).onEpoch(seen::add);
        History history = trainer.run();
        assertSame(trainer.history(), history);
        assertEquals(List.of(0, 1, 2), counting.trained);
        assertEquals(3, counting.measured);
        assertEquals(3, seen.size());
        assertEquals(2, history.last().epoch());
        assertEquals(1.0 / 3, history.last().loss(), 0.0);
        assertEquals(20.0, history.last().accuracy(), 1e-12, "in percent");
        assertFalse(trainer.stopped());
        trainer.epochs(2).run();
        assertEquals(List.of(0, 1, 2, 3, 4), counting.trained, "a second run goes on from epoch 3");
        assertEquals(5, history.size());
    }

    @Test
    void anEpochCutShortIsNotRecordedAndTheNextRunFinishesIt() {
        Counting counting = new Counting();
        counting.cut.add(1);
        Trainer trainer = new Trainer(counting).epochs(4);
        History history = trainer.run();
        assertTrue(trainer.stopped());
        assertFalse(Thread.currentThread().isInterrupted(), "the stop is consumed");
        assertEquals(1, history.size(), "epoch 1 was cut short: not recorded, not measured");
        assertEquals(1, counting.measured);
        trainer.run();
        assertEquals(List.of(0, 1, 1, 2, 3, 4), counting.trained, "epoch 1 again, then on");
        assertEquals(5, history.size());
        assertEquals(4, history.last().epoch());
    }
}
