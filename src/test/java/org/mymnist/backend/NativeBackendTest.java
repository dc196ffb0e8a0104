package org.mymnist.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NativeBackendTest {

    @Test
    void openMpThreadsAreSetAndRestoredForTheCallingThread() {
        int before = NativeBackend.openMpThreads(1);
        assertTrue(before >= 1, "threads before: " + before);
        assertEquals(1, NativeBackend.openMpThreads(before));
        assertEquals(before, NativeBackend.openMpThreads(before));
    }

    @Test
    void openMpThreadsBelongToOneThread() throws InterruptedException {
        int fresh = readInANewThread();
        int before = NativeBackend.openMpThreads(1);
        int other = readInANewThread();
        NativeBackend.openMpThreads(before);
        // A new thread starts from OpenMP's default (the core count, or OMP_NUM_THREADS), not from
        // this thread's setting of 1.
        assertEquals(fresh, other);
    }

    /** The OpenMP thread count a new thread starts with. */
    private static int readInANewThread() throws InterruptedException {
        AtomicInteger seen = new AtomicInteger();
        Thread t = new Thread(() -> {
            int threads = NativeBackend.openMpThreads(1);
            NativeBackend.openMpThreads(threads);
            seen.set(threads);
        });
        t.start();
        t.join();
        return seen.get();
    }

    @Test
    void zeroThreadsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NativeBackend.openMpThreads(0));
        assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
    }
}
