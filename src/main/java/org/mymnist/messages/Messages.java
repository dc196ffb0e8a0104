package org.mymnist.messages;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.PropertyResourceBundle;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sentences the library shows (chart titles, table headers, the pad's words, the checks'
 * verdicts and hints), one bundle per language: {@code org/mymnist/messages/messages_fr.properties},
 * {@code messages_en.properties}, ..., read as UTF-8 whatever the platform's encoding.
 *
 * <p>A value is a {@link MessageFormat} pattern whose placeholders are plain {@code {0}}, {@code {1}}...
 * Two rules keep the bundles easy to edit by someone who is not a Java programmer:
 * <ul>
 *   <li>an apostrophe is written as itself ({@code l'objet}, {@code the seed's}), not doubled: it
 *       quotes nothing;</li>
 *   <li>the arguments are shown as Java prints them ({@link String#valueOf}), so a number's format is
 *       the caller's ({@code 0.25}, never the locale's {@code 0,25} or {@code 1 000}).</li>
 * </ul>
 *
 * <p>Adding a language is one more bundle with the same keys and placeholders (a test checks that
 * every bundle has them all) and a {@code Language} constant whose locale names it.
 */
public final class Messages {

    /** The folder of the bundles on the class path. */
    static final String FOLDER = "org/mymnist/messages/";

    private static final Map<Locale, ResourceBundle> BUNDLES = new ConcurrentHashMap<>();

    private Messages() {
    }

    /**
     * The sentence of a key in a language, its placeholders filled.
     *
     * @param locale the language (only its language code counts: {@code fr}, {@code en})
     * @param key the sentence's key, e.g. {@code chart.training.title}
     * @param args the values of {@code {0}}, {@code {1}}..., shown as {@link String#valueOf} prints them
     * @return the sentence
     * @throws MissingResourceException when the language has no bundle or its bundle lacks the key,
     *     naming the file and the key
     */
    public static String text(Locale locale, String key, Object... args) {
        String pattern = pattern(locale, key);
        Object[] shown = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            shown[i] = String.valueOf(args[i]);
        }
        return new MessageFormat(pattern.replace("'", "''"), locale).format(shown);
    }

    /**
     * The raw pattern of a key, placeholders unfilled.
     *
     * @param locale the language
     * @param key the key
     * @return the bundle's value
     * @throws MissingResourceException when the language has no bundle or its bundle lacks the key
     */
    public static String pattern(Locale locale, String key) {
        ResourceBundle bundle = bundle(locale);
        if (!bundle.containsKey(key)) {
            throw new MissingResourceException(file(locale) + " has no key '" + key + "': add it, with the same"
                    + " placeholders as in the other bundles", file(locale), key);
        }
        return bundle.getString(key);
    }

    /**
     * The bundle of a language, read once as UTF-8.
     *
     * @param locale the language
     * @return its bundle
     * @throws MissingResourceException when there is no {@link #file} for it on the class path
     */
    public static ResourceBundle bundle(Locale locale) {
        return BUNDLES.computeIfAbsent(new Locale(locale.getLanguage()), Messages::load);
    }

    /**
     * The class-path name of a language's bundle, e.g. {@code org/mymnist/messages/messages_fr.properties}.
     *
     * @param locale the language
     * @return the resource name
     */
    public static String file(Locale locale) {
        return FOLDER + "messages_" + locale.getLanguage() + ".properties";
    }

    private static ResourceBundle load(Locale locale) {
        String file = file(locale);
        InputStream in = Messages.class.getClassLoader().getResourceAsStream(file);
        if (in == null) {
            throw new MissingResourceException("no bundle " + file + " for the language '" + locale.getLanguage()
                    + "': copy messages_en.properties to it and translate its values", file, "");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return new PropertyResourceBundle(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }
}
