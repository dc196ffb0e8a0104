package org.mymnist.backend;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class MemoryCeilingTest {

    @Test
    void sizesAreReadAsTheJvmReadsXmx() {
        assertEquals(1L << 30, MemoryCeiling.parse("1g").bytes());
        assertEquals(1536L << 20, MemoryCeiling.parse("1536m").bytes());
        assertEquals(2L << 30, MemoryCeiling.parse("2G").bytes());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MemoryCeiling.parse("1.5g"));
        assertTrue(e.getMessage().contains("-Dmymnist.memoryCeiling=1.5g") && e.getMessage().contains("1536m"),
                e.getMessage());
        assertEquals("-Dmymnist.memoryCeiling=0g: expected a size such as 1g or 1536m",
                assertThrows(IllegalArgumentException.class, () -> MemoryCeiling.parse("0g")).getMessage());
        assertEquals("-Dmymnist.memoryCeiling=1024: expected a size such as 1g or 1536m",
                assertThrows(IllegalArgumentException.class, () -> MemoryCeiling.parse("1024")).getMessage());
    }

    @Test
    void withoutThePropertyThereIsNoCeiling() {
        assertEquals(null, System.getProperty(MemoryCeiling.PROPERTY));
        assertEquals(null, MemoryCeiling.ofThisJvm());
    }

    @Test
    void whatThisProcessHoldsIsCounted() {
        long used = MemoryCeiling.inUse();
        // A JVM with ND4J loaded holds tens of MiB at least, and less than the machine.
        assertTrue(used > 16L << 20 && used < Runtime.getRuntime().maxMemory() + (8L << 30), used + " bytes");
    }

    @Test
    void anArrayBeyondTheCeilingIsRefusedNamingTheCeilingAndHowToRaiseIt() {
        MemoryCeiling ceiling = MemoryCeiling.parse("1g");
        MemoryCeilingException e = assertThrows(MemoryCeilingException.class,
                () -> ceiling.admit(DataType.DOUBLE, 100_000L * 100_000L));
        assertEquals(80_000_000_000L, e.wanted());
        assertTrue(e.getMessage().contains("10,000,000,000 double values needs 74.5 GiB"), e.getMessage());
        assertTrue(e.getMessage().contains("memory ceiling is 1 GiB"), e.getMessage());
        assertTrue(e.getMessage().contains("Restart Kernel"), e.getMessage());
        assertTrue(e.getMessage().contains("(scripts/install-class.sh --memory SIZE PREFIX), but this is far beyond"),
                e.getMessage());
    }

    @Test
    void anArrayThatFitsOnlyUnderAHigherCeilingSaysWhichOne() {
        // A ceiling of twice what this JVM holds (512 MiB at least), and an array just over it by
        // itself: refused whatever the collector gives back, and a ceiling a few GiB higher would admit it.
        long bytes = 2 * Math.max(MemoryCeiling.inUse(), 256L << 20);
        MemoryCeiling ceiling = new MemoryCeiling(bytes);
        long values = (bytes + (16L << 20)) / 4;
        MemoryCeilingException e = assertThrows(MemoryCeilingException.class,
                () -> ceiling.admit(DataType.FLOAT, values));
        assertTrue(e.inUse() > 0 && e.ceiling() == ceiling && e.wanted() == values * 4, e.getMessage());
        assertTrue(e.getMessage().matches("(?s).*scripts/install-class.sh --memory [0-9]+g PREFIX would let it fit.*"),
                e.getMessage());
    }

    @Test
    void smallArraysAndArraysThatFitAreLetThrough() {
        MemoryCeiling tight = new MemoryCeiling(1);
        assertDoesNotThrow(() -> tight.admit(DataType.DOUBLE, 1000)); // under CHECKED_FROM: not asked
        MemoryCeiling roomy = new MemoryCeiling(MemoryCeiling.inUse() + (1L << 30));
        assertDoesNotThrow(() -> roomy.admit(DataType.DOUBLE, 1 << 20));
    }
}
