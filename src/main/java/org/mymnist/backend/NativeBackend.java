package org.mymnist.backend;

import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Prepares ND4J's native backend once per JVM: quiet logging, one master thread for element-wise
 * operations (two OpenMP threads on a two-core laptop make small operations slower, while OpenBLAS
 * keeps every core for large products; {@code docs/performance.md}), and a garbage collection window so that
 * native memory held by forgotten arrays is given back even in code that does not close them.
 *
 * <p>The entry points call {@link #configure()} before their first array: the data
 * ({@code MnistData}) and model files ({@code Npy}), {@code TrainingConfig.newModel}, the
 * {@code Trainer}, the engines ({@code org.mymnist.engine}), the exercises' checks, and each
 * notebook's first cell, so that the command line and a notebook kernel get the same settings
 * without any environment variable. The teaching code ({@code org.mymnist.nn}) leaves it to them.
 */
public final class NativeBackend {

    private static volatile boolean configured;

    private NativeBackend() {
    }

    /** Applies the settings; later calls do nothing. Safe to call from any thread. */
    public static synchronized void configure() {
        if (configured) {
            return;
        }
        // Route JavaCPP's own messages through SLF4J (configured to warnings only) instead of stderr.
        if (System.getProperty("org.bytedeco.javacpp.logger") == null) {
            System.setProperty("org.bytedeco.javacpp.logger", "slf4j");
        }
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        if (System.getenv("OMP_NUM_THREADS") == null) {
            // ND4J's own operations on one thread: their arrays are small, and OpenMP's hand-offs cost
            // more than they save (docs/performance.md). OpenBLAS keeps its threads.
            Nd4j.getEnvironment().setMaxThreads(1);
        }
        // libnd4j's table of custom operations (softmax, sigmoid, ...) is read once per JVM, on first
        // use. Read it here, with the backend, rather than inside a first training step.
        Nd4j.getExecutioner().getCustomOperations();
        Nd4j.getMemoryManager().togglePeriodicGc(true);
        Nd4j.getMemoryManager().setAutoGcWindow(2000);
        configured = true;
    }

    /**
     * Sets how many OpenMP threads the operations started from the calling thread may use, and
     * returns the previous number. Most libnd4j operations follow the environment's thread count
     * set by {@link #configure()}, but a few (softmax among them) open an OpenMP parallel region of
     * their own, on every core: for a small array the second thread costs more than it saves, and
     * between two such calls it spins on its core, starving the JIT compiler and the next steps
     * (the first epoch of a batch-64 run about twice as long; {@code docs/performance.md}). The
     * setting belongs to the calling thread only; OpenBLAS keeps its own threads.
     *
     * @param threads at least 1
     * @return the number of threads before this call
     * @throws IllegalArgumentException if {@code threads} is less than 1
     */
    public static int openMpThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        configure();
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        int before = ops.ompGetMaxThreads();
        ops.setOmpNumThreads(threads);
        return before;
    }

    /**
     * The thread settings of a small-batch training run, restored when closed: one OpenBLAS thread
     * and one OpenMP thread for the calling thread. Products of a few dozen rows finish before a
     * second OpenBLAS thread has started, and an idle OpenMP thread spins between steps (see
     * {@link #openMpThreads}); {@code docs/performance.md} has the measurements.
     */
    public static final class Threads implements AutoCloseable {

        /** Settings left as they are. */
        public static final Threads UNCHANGED = new Threads(0, 0);

        private final int blasBefore;
        private final int openMpBefore;

        private Threads(int blasBefore, int openMpBefore) {
            this.blasBefore = blasBefore;
            this.openMpBefore = openMpBefore;
        }

        @Override
        public void close() {
            if (blasBefore > 0) {
                Nd4j.factory().blas().setMaxThreads(blasBefore);
            }
            if (openMpBefore > 0) {
                openMpThreads(openMpBefore);
            }
        }
    }

    /** One OpenBLAS and one OpenMP thread until the returned settings are closed. */
    public static Threads oneThread() {
        configure();
        int blas = Nd4j.factory().blas().getMaxThreads();
        Nd4j.factory().blas().setMaxThreads(1);
        int openMp = openMpThreads(1);
        return new Threads(blas, openMp);
    }

    /**
     * One OpenMP thread for the calling thread until the returned settings are closed, OpenBLAS
     * keeping its threads: for a convolutional network's training, whose products are large
     * enough for every core while the few libnd4j operations between them are not (an idle OpenMP
     * thread would spin on the core an OpenBLAS thread needs; see {@link #openMpThreads}).
     */
    public static Threads oneOpenMpThread() {
        configure();
        return new Threads(0, openMpThreads(1));
    }

    /** The name of the ND4J backend in use, e.g. {@code CpuBackend}. */
    public static String backendName() {
        configure();
        return Nd4j.getBackend().getClass().getSimpleName();
    }

    /**
     * The BLAS library ND4J calls for its products (and {@code org.mymnist.nn} calls directly): the
     * vendor ND4J reports, OpenBLAS's version, the number of threads it may use now, and the shared
     * library's path as mapped in this process, e.g. {@code OPENBLAS 0.3.26, 2 threads
     * (/.../libopenblas_nolapack.so.0)}.
     */
    public static String blasName() {
        configure();
        StringBuilder s = new StringBuilder(String.valueOf(Nd4j.factory().blas().getBlasVendor()));
        // ND4J's CPU backend multiplies through JavaCPP's openblas_nolapack library (CpuLevel3,
        // CpuBlas.setMaxThreads); JavaCPP's full libopenblas is loaded beside it but not used for that.
        s.append(' ').append(openblas_nolapack.OPENBLAS_VERSION.trim().replace("OpenBLAS ", ""))
                .append(", ").append(Nd4j.factory().blas().getMaxThreads()).append(" threads");
        String library = mappedLibrary("libopenblas_nolapack");
        if (library != null) {
            s.append(" (").append(library).append(')');
        }
        return s.toString();
    }

    /**
     * The path of the first shared library mapped in this process whose file name starts with
     * {@code part}, read from {@code /proc/self/maps} (Linux), or null.
     *
     * @param part e.g. {@code libopenblas}
     * @return the path, or null when not found or not on Linux
     */
    private static String mappedLibrary(String part) {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/maps"))) {
                int slash = line.indexOf('/');
                if (slash >= 0) {
                    String path = line.substring(slash);
                    String name = path.substring(path.lastIndexOf('/') + 1);
                    if (name.startsWith(part) && name.contains(".so")) {
                        return path;
                    }
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /**
     * The peak resident memory of this process in bytes ({@code VmHWM} of {@code /proc/self/status}),
     * or -1 where it cannot be read.
     */
    public static long peakResidentBytes() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String[] parts = line.trim().split("\\s+");
                    return Long.parseLong(parts[1]) * 1024;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
