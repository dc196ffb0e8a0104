package org.mymnist.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.mymnist.training.Recipe;

/**
 * A JVM started as the class's kernel is ({@code -Ddatabufferfactory}, {@code -Dmymnist.memoryCeiling}):
 * every way of asking ND4J for a huge array gets the ceiling's message, and the JVM goes on computing.
 */
@Tag("process")
class CeilingDataBufferFactoryTest {

    /** Run in the child JVM: prints one line per attempt, then the result of a small computation. */
    public static void main(String[] args) {
        System.out.println("factory " + Nd4j.getDataBufferFactory().getClass().getSimpleName());
        attempt("create", () -> Nd4j.create(100_000, 100_000));
        attempt("zeros", () -> Nd4j.zeros(DataType.DOUBLE, 20_000, 20_000));
        attempt("rand", () -> Nd4j.rand(DataType.FLOAT, 30_000, 30_000));
        attempt("product", () -> Nd4j.ones(DataType.DOUBLE, 12_000, 10).mmul(Nd4j.ones(DataType.DOUBLE, 10, 12_000)));
        attempt("hidden", () -> Recipe.SEED.config().withHidden(100_000).newModel());
        System.out.println("after " + Nd4j.ones(DataType.DOUBLE, 3, 3).mmul(Nd4j.ones(DataType.DOUBLE, 3, 3)).sumNumber());
    }

    private static void attempt(String name, java.util.function.Supplier<Object> make) {
        try {
            Object made = make.get();
            System.out.println(name + " made " + (made instanceof INDArray a ? a.length() : made));
        } catch (MemoryCeilingException e) {
            System.out.println(name + " refused " + e.getMessage());
        }
    }

    @Test
    void aKernelWithACeilingRefusesHugeArraysAndGoesOn() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx512m", "-Dmymnist.memoryCeiling=1g",
                "-Ddatabufferfactory=" + CeilingDataBufferFactory.class.getName(),
                "-cp", System.getProperty("java.class.path"), getClass().getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("factory CeilingDataBufferFactory"), out);
        for (String name : new String[] {"create", "zeros", "rand", "product", "hidden"}) {
            assertTrue(out.contains(name + " refused my-mnist: ") && out.contains("memory ceiling is 1 GiB"),
                    name + ":\n" + out);
        }
        assertTrue(out.contains("hidden refused my-mnist: a network with hidden layers [100000]"), out);
        assertTrue(out.contains("after 27.0"), out);
    }
}
