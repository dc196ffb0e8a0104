package org.mymnist.view;

import java.util.Locale;
import org.mymnist.messages.Messages;

/**
 * The language of the words the library shows (titles, axis names, legends, tables, the pad, the
 * checks' verdicts). French is the default. Each language's sentences are in its bundle,
 * {@code org/mymnist/messages/messages_<code>.properties} (see {@link Messages}).
 */
public enum Language {
    /** French, the language of the original notebook. */
    FRENCH(Locale.FRENCH),
    /** English. */
    ENGLISH(Locale.ENGLISH);

    private final Locale locale;

    Language(Locale locale) {
        this.locale = locale;
    }

    /** The locale whose bundle holds this language's sentences. */
    public Locale locale() {
        return locale;
    }

    /**
     * The sentence of a key in this language.
     *
     * @param key the key, e.g. {@code chart.training.title}
     * @param args the values of its placeholders {@code {0}}, {@code {1}}...
     * @return the sentence
     */
    public String text(String key, Object... args) {
        return Messages.text(locale, key, args);
    }
}
