package org.mymnist.backend;

import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Loads ND4J's native libraries once and says where JavaCPP unpacked them. A class's install
 * ({@code scripts/install-class.sh}) runs it with {@code -Dorg.bytedeco.javacpp.cachedir} set to a
 * shared folder, so that the kernels of every user load the libraries from there instead of
 * unpacking 400 MB into each home.
 */
public final class NativeLibraries {

    private NativeLibraries() {
    }

    /**
     * Loads the backend, computes one sum on it, and prints the backend and the folder.
     *
     * @param args none
     * @throws java.io.IOException if JavaCPP cannot name its cache folder
     */
    public static void main(String[] args) throws java.io.IOException {
        NativeBackend.configure();
        double sum = Nd4j.ones(2, 2).sumNumber().doubleValue();
        if (sum != 4.0) {
            throw new IllegalStateException("ND4J's native backend computed 1+1+1+1 = " + sum);
        }
        System.out.println("ND4J backend " + Nd4j.getBackend().getClass().getSimpleName()
                + ", native libraries in " + Loader.getCacheDir());
    }
}
