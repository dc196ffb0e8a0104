package org.mymnist.files;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * A process for {@link AtomicFileTest}: starts an atomic write of {@code args[0]}, writes a
 * megabyte, prints {@code writing} and waits a minute before finishing, so that the test can
 * stop it in the middle with a signal.
 */
public final class SlowWriter {

    private SlowWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path target = Paths.get(args[0]);
        AtomicFile.write(target, out -> {
            out.write(new byte[1 << 20]);
            out.flush();
            System.out.println("writing");
            System.out.flush();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        System.out.println("done");
    }
}
