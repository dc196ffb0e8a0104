package org.mymnist.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SeedLogTest {

    @Test
    void reprIsPythonsShortestRoundTrip() {
        assertEquals("0.151419233487184", SeedLog.repr(0.151419233487184));
        assertEquals("0.1", SeedLog.repr(0.1));
        assertEquals("10.0", SeedLog.repr(10.0));
        assertEquals("27.11", SeedLog.repr(27.11));
        assertEquals("1e-05", SeedLog.repr(0.00001));
        assertEquals("0.0001", SeedLog.repr(0.0001));
        assertEquals("1e+16", SeedLog.repr(1e16));
        assertEquals("-2.5", SeedLog.repr(-2.5));
        assertEquals("0.30000000000000004", SeedLog.repr(0.1 + 0.2));
    }

    @Test
    void roundIsPythonsHalfEvenOnTheExactValue() {
        // 2.675 is stored as 2.67499999...: Python's round(2.675, 2) gives 2.67
        assertEquals(2.67, SeedLog.round(2.675, 2));
        assertEquals(0.12, SeedLog.round(0.125, 2));
        assertEquals(27.11, SeedLog.round(2711.0 / 10000 * 100, 2));
    }

    @Test
    void linesReadAsTheNotebooks() {
        assertEquals("Epoch : 0 loss : 0.151419233487184, acc : 11.51 %",
                SeedLog.epochLine(new Epoch(0, 0.151419233487184, 1151.0 / 10000 * 100, 0, 0)));
        assertEquals("Epoch : 2 loss : 0.1081752170670607, acc : 10.0 %",
                SeedLog.epochLine(new Epoch(2, 0.1081752170670607, 1000.0 / 10000 * 100, 0, 0)));
        assertEquals("For 1 accuracy is 80.0", SeedLog.digitLine(1, 908.0 / 1135 * 100));
    }
}
