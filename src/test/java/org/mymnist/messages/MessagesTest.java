package org.mymnist.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mymnist.view.Language;

/**
 * The bundles agree: every language has every key, with the same placeholders, and every key the
 * code asks for is there.
 */
class MessagesTest {

    private static final Path SOURCES = Path.of("src/main/java");
    /** A placeholder, {@code {0}}; anything else between braces is refused. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)\\}");
    /**
     * A key as the code passes it: {@code text("chart.title"}, {@code text(lang, "sigmoid.null"},
     * {@code fail("mse.sum"}... A key has a dot and no space, so an ordinary string is not one.
     */
    private static final Pattern KEY_IN_CODE = Pattern.compile(
            "\\b(?:text|fail)\\((?:[\\w.]+, )?\"([a-z][\\w-]*(?:\\.[\\w-]+)+)\"");

    private static Set<String> keys(Language language) {
        return new TreeSet<>(Messages.bundle(language.locale()).keySet());
    }

    private static Set<String> placeholders(String pattern) {
        Set<String> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(pattern);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void everyLanguageHasEveryKey() {
        Set<String> french = keys(Language.FRENCH);
        assertTrue(french.size() > 100, "the French bundle has only " + french.size() + " keys");
        for (Language language : Language.values()) {
            Set<String> missing = new TreeSet<>(french);
            missing.removeAll(keys(language));
            Set<String> extra = new TreeSet<>(keys(language));
            extra.removeAll(french);
            assertTrue(missing.isEmpty(), Messages.file(language.locale()) + " lacks " + missing);
            assertTrue(extra.isEmpty(), Messages.file(language.locale()) + " has keys French lacks: " + extra);
        }
    }

    @Test
    void everyKeyHasTheSamePlaceholdersInEveryLanguage() {
        for (String key : keys(Language.FRENCH)) {
            Set<String> french = placeholders(Messages.pattern(Locale.FRENCH, key));
            for (Language language : Language.values()) {
                String pattern = Messages.pattern(language.locale(), key);
                assertEquals(french, placeholders(pattern), key + " in " + Messages.file(language.locale()));
                String rest = PLACEHOLDER.matcher(pattern).replaceAll("");
                assertFalse(rest.contains("{") || rest.contains("}"),
                        key + " in " + Messages.file(language.locale()) + ": braces other than {0}, {1}...: " + pattern);
            }
        }
    }

    @Test
    void everyKeyTheCodeUsesExists() throws IOException {
        List<String> used = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = KEY_IN_CODE.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertTrue(used.size() > 100, "found only " + used.size() + " keys in the code");
        assertTrue(used.contains("chart.training.title"), "the scan misses Language.text calls");
        assertTrue(used.contains("check.threw") && used.contains("sigmoid.derivative-at-0-gives"),
                "the scan misses the checks' text(lang, ...) and c.fail(...) calls");
        for (Language language : Language.values()) {
            Set<String> missing = new TreeSet<>(used);
            missing.removeAll(keys(language));
            assertTrue(missing.isEmpty(), Messages.file(language.locale()) + " lacks keys the code uses: " + missing);
        }
    }

    @Test
    void bundlesAreReadAsUtf8() {
        assertEquals("époque", Messages.text(Locale.FRENCH, "chart.epoch"));
        assertEquals("epoch", Messages.text(Locale.ENGLISH, "chart.epoch"));
    }

    @Test
    void apostrophesAreLiteralAndArgumentsPrintAsJavaPrintsThem() {
        ResourceBundle fr = Messages.bundle(Locale.FRENCH);
        assertEquals("Le dessin et les {0} neurones de la 1re couche qu'il excite le plus", fr.getString("response.title"));
        assertEquals("Le dessin et les 8 neurones de la 1re couche qu'il excite le plus",
                Messages.text(Locale.FRENCH, "response.title", 8));
        assertEquals("Confusion matrix: 12345 errors out of 10000.5",
                Messages.text(Locale.ENGLISH, "confusion.title", 12345, 10000.5));
        assertEquals("Matrice de confusion : 12345 erreurs sur 10000.5",
                Messages.text(Locale.FRENCH, "confusion.title", 12345, 10000.5));
    }

    @Test
    void aMissingKeyOrLanguageIsNamed() {
        MissingResourceException key = assertThrows(MissingResourceException.class,
                () -> Messages.text(Locale.ENGLISH, "no.such-key"));
        assertTrue(key.getMessage().contains("messages_en.properties has no key 'no.such-key'"), key.getMessage());
        MissingResourceException language = assertThrows(MissingResourceException.class,
                () -> Messages.text(Locale.GERMAN, "chart.epoch"));
        assertTrue(language.getMessage().contains("no bundle org/mymnist/messages/messages_de.properties"),
                language.getMessage());
    }
}
