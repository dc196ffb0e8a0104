package org.mymnist.backend;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Prepares ND4J's native backend once per JVM: quiet logging, one master thread for element-wise
 * operations (two OpenMP threads on a two-core laptop make small operations several times slower,
 * while OpenBLAS keeps every core for large products), and a garbage collection window so that
 * native memory held by forgotten arrays is given back even in code that does not close them.
 *
 * <p>Every class of this library that creates arrays calls {@link #configure()}, so the command line
 * and a notebook kernel get the same settings without any environment variable.
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
            // more than they save (2 to 8 times slower per epoch here). OpenBLAS keeps its threads.
            Nd4j.getEnvironment().setMaxThreads(1);
        }
        Nd4j.getMemoryManager().togglePeriodicGc(true);
        Nd4j.getMemoryManager().setAutoGcWindow(2000);
        configured = true;
    }

    /** The name of the ND4J backend in use, e.g. {@code CpuBackend}. */
    public static String backendName() {
        configure();
        return Nd4j.getBackend().getClass().getSimpleName();
    }

    /** The BLAS library ND4J calls, as it reports itself (vendor and version where known). */
    public static String blasName() {
        configure();
        Object vendor = Nd4j.factory().blas().getBlasVendor();
        String config = "";
        try {
            Class<?> openblas = Class.forName("org.bytedeco.openblas.global.openblas_nolapack");
            config = " " + openblas.getMethod("openblas_get_config").invoke(null)
                    + " core " + openblas.getMethod("openblas_get_corename").invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            // Not OpenBLAS, or not loadable: the vendor alone is the answer.
        }
        return vendor + config;
    }
}
