package org.mymnist.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OneLineMessageTest {

    @Test
    void lineBreaksBecomeSpacesAndTheEndsAreTrimmed() {
        assertEquals("two lines and a tab", OneLineMessage.clip(" two\r\nlines\tand a tab\n", 80, 800, false));
    }

    @Test
    void aLongQuotedValueIsCutAndMaySayItsLength() {
        String message = "got '" + "z".repeat(100) + "' here";
        assertEquals("got '" + "z".repeat(7) + "...' here", OneLineMessage.clip(message, 10, 800, false));
        assertEquals("got '" + "z".repeat(7) + "... (100 characters)' here", OneLineMessage.clip(message, 10, 800, true));
        assertEquals(message, OneLineMessage.clip(message, 100, 800, true), "a value at the limit is whole");
    }

    @Test
    void apostrophesInWordsOpenNothing() {
        String message = "the seed's rule doesn't train '" + "x".repeat(20) + "'";
        assertEquals("the seed's rule doesn't train '" + "x".repeat(7) + "...'",
                OneLineMessage.clip(message, 10, 800, false));
    }

    @Test
    void aLongMessageIsCutToTheLimit() {
        String line = OneLineMessage.clip("w".repeat(5000), 80, 600, true);
        assertEquals(600, line.length());
        assertEquals("...", line.substring(597));
    }
}
