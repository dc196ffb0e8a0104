package org.mymnist.engine;

import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * The engine's own loops ({@code im2col}, {@code col2im}, pooling) cut in two halves, one on a
 * helper thread and one on the caller's, so that they use the second core that OpenBLAS's thread
 * leaves idle between products. One helper serves the whole JVM; when it is busy (another engine
 * on another thread) or the machine has one core, both halves run on the caller, one after the
 * other. Each half writes its own part of the arrays, so the result does not depend on which
 * thread ran what.
 */
final class Halves {

    private static final boolean TWO_CORES = Runtime.getRuntime().availableProcessors() >= 2;
    private static final ReentrantLock IN_USE = new ReentrantLock();
    private static Helper helper;

    private Halves() {
    }

    /**
     * Runs {@code half.accept(0)} and {@code half.accept(1)}, on two threads when it can, and
     * returns when both are done.
     *
     * @param half the work of one half
     * @throws RuntimeException or Error what a half threw
     */
    static void run(IntConsumer half) {
        if (!TWO_CORES || !IN_USE.tryLock()) {
            half.accept(0);
            half.accept(1);
            return;
        }
        try {
            if (helper == null) {
                helper = new Helper();
            }
            helper.run(half);
        } finally {
            IN_USE.unlock();
        }
    }

    /** One half of a loop over {@code [0, count)}: which half (0 or 1) and its range {@code [from, to)}. */
    interface Part {
        void run(int half, int from, int to);
    }

    /**
     * Cuts {@code [0, count)} into {@code [0, count / 2)} and {@code [count / 2, count)} and runs
     * the two parts as {@link #run} runs two halves.
     *
     * @param count the loop's length
     * @param part the work of one part
     */
    static void split(int count, Part part) {
        run(half -> part.run(half, half == 0 ? 0 : count / 2, half == 0 ? count / 2 : count));
    }

    /** A daemon thread that runs the first half of each task it is given. */
    private static final class Helper implements Runnable {

        /** How long the helper spins for its next task before it parks, in nanoseconds. */
        private static final long SPIN_NANOS = 50_000;

        private final Thread thread;
        private volatile IntConsumer task;
        private volatile long given;
        private volatile long done;
        private volatile Throwable failure;

        Helper() {
            thread = new Thread(this, "my-mnist engine helper");
            thread.setDaemon(true);
            thread.start();
        }

        void run(IntConsumer half) {
            failure = null;
            task = half;
            long ticket = given + 1;
            given = ticket;
            LockSupport.unpark(thread);
            Throwable mine = null;
            try {
                half.accept(1);
            } catch (RuntimeException | Error e) {
                mine = e;
            }
            while (done != ticket) {
                Thread.onSpinWait();
            }
            Throwable theirs = failure;
            if (mine != null || theirs != null) {
                Throwable first = mine != null ? mine : theirs;
                if (first instanceof RuntimeException r) {
                    throw r;
                }
                throw (Error) first;
            }
        }

        @Override
        public void run() {
            long seen = 0;
            while (true) {
                long start = System.nanoTime();
                while (given == seen) {
                    if (System.nanoTime() - start < SPIN_NANOS) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this);
                    }
                }
                seen = given;
                try {
                    task.accept(0);
                } catch (RuntimeException | Error e) {
                    failure = e;
                }
                done = seen;
            }
        }
    }
}
