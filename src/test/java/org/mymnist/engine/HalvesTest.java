package org.mymnist.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Both halves run, once each, before {@link Halves#run} returns; what a half throws reaches the caller. */
class HalvesTest {

    @Test
    void bothHalvesRunOnceBeforeItReturns() {
        for (int round = 0; round < 1000; round++) {
            int[] runs = new int[2];
            Halves.run(half -> runs[half]++);
            assertArrayEquals(new int[] {1, 1}, runs, "round " + round);
        }
    }

    @Test
    void theHalvesWriteWhatTheCallerReadsAfterwards() {
        double[] values = new double[100_000];
        Halves.run(half -> {
            for (int i = half * 50_000; i < (half + 1) * 50_000; i++) {
                values[i] = Math.sqrt(i);
            }
        });
        for (int i = 0; i < values.length; i++) {
            assertEquals(Math.sqrt(i), values[i], 0.0);
        }
    }

    @Test
    void whatEitherHalfThrowsReachesTheCaller() {
        IllegalStateException first = new IllegalStateException("first half");
        assertSame(first, assertThrows(IllegalStateException.class, () -> Halves.run(half -> {
            if (half == 0) {
                throw first;
            }
        })));
        IllegalStateException second = new IllegalStateException("second half");
        assertSame(second, assertThrows(IllegalStateException.class, () -> Halves.run(half -> {
            if (half == 1) {
                throw second;
            }
        })));
        int[] runs = new int[2];
        Halves.run(half -> runs[half]++);
        assertArrayEquals(new int[] {1, 1}, runs, "and the helper still works");
    }

    @Test
    void anotherThreadWhileTheHelperIsBusyRunsBothHalvesItself() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> otherThreads = new AtomicReference<>();
        Thread busy = new Thread(() -> Halves.run(half -> {
            if (half == 1) {
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }));
        busy.start();
        inside.await();
        String[] names = new String[2];
        Halves.run(half -> names[half] = Thread.currentThread().getName());
        otherThreads.set(names[0] + "," + names[1]);
        release.countDown();
        busy.join();
        String me = Thread.currentThread().getName();
        assertEquals(me + "," + me, otherThreads.get());
    }
}
