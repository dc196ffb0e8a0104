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
        int before = NativeBackend.openMpThreads(1);
        AtomicInteger other = new AtomicInteger();
        int cores = Runtime.getRuntime().availableProcessors();
        Thread t = new Thread(() -> other.set(NativeBackend.openMpThreads(1)));
        t.start();
        t.join();
        NativeBackend.openMpThreads(before);
        if (cores > 1) {
            // A new thread starts from OpenMP's default, not from this thread's setting of 1.
            assertTrue(other.get() > 1, "another thread saw " + other.get());
        }
    }

    @Test
    void zeroThreadsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NativeBackend.openMpThreads(0));
        assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
    }
}
