package org.mymnist.training;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Where a training loop's epoch listener runs: on a thread of its own, while the training thread
 * waits for it. The stop button interrupts the training thread, and code a listener calls (a
 * notebook's display, its output streams, JJava's ZeroMQ sockets, which fail with "interrupted
 * function" and clear the flag) would lose the stop or break the chart. Waiting, the training
 * thread catches the interrupt and keeps it, and the listener ends undisturbed.
 */
public final class ListenerThread {

    private static final ExecutorService THREAD = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "my-mnist epoch listener");
        thread.setDaemon(true);
        return thread;
    });

    private ListenerThread() {
    }

    /**
     * Runs {@code listener.accept(epoch)} on the listener thread and waits for it.
     *
     * @param listener the listener, or null for none
     * @param epoch the epoch
     * @return whether a stop came while it ran: the calling thread interrupted (its flag is then
     *     clear), or the listener interrupting its own thread
     * @throws RuntimeException or Error what the listener threw
     */
    public static boolean call(Consumer<Epoch> listener, Epoch epoch) {
        if (listener == null) {
            return false;
        }
        Future<Boolean> done = THREAD.submit(() -> {
            listener.accept(epoch);
            return Thread.interrupted();
        });
        boolean stop = false;
        while (true) {
            try {
                return done.get() || stop;
            } catch (InterruptedException e) {
                stop = true;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw (RuntimeException) e.getCause();
            }
        }
    }
}
