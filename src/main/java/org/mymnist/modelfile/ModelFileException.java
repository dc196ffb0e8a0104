package org.mymnist.modelfile;

import java.io.IOException;

/**
 * A model file or an {@code .npy} array that cannot be read: missing, not a zip archive, damaged,
 * or not in the format {@link ModelFile} describes. The message is one line that names the file,
 * the zip entry and JSON field when there is one, and what was expected, e.g.
 * {@code demo.zip: model.json: layers[1].activation: unknown 'tanh', expected sigmoid, softmax,
 * identity or relu}.
 */
public class ModelFileException extends IOException {

    /** The longest quoted value a message shows whole; longer ones are cut with an ellipsis. */
    static final int MAX_QUOTED = 80;
    /** The longest message; the rest is cut with an ellipsis. */
    static final int MAX_MESSAGE = 600;

    /**
     * An exception with the given message.
     *
     * @param message one line naming the file, the entry or field, and what was expected
     */
    public ModelFileException(String message) {
        super(oneLine(message));
    }

    /**
     * An exception with the given message and cause.
     *
     * @param message one line naming the file, the entry or field, and what was expected
     * @param cause the lower-level error, e.g. a {@link java.util.zip.ZipException}
     */
    public ModelFileException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /**
     * A message as one readable line: line breaks become spaces, a quoted value ({@code '...'})
     * longer than {@value #MAX_QUOTED} characters is cut with an ellipsis, and so is a message
     * longer than {@value #MAX_MESSAGE}: a file can hold a 10 MB string where a name is expected.
     *
     * @param message the message
     * @return the message as it is shown
     */
    static String oneLine(String message) {
        if (message == null) {
            return null;
        }
        String flat = message.replaceAll("[\\r\\n\\t]+", " ");
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < flat.length()) {
            int open = quote(flat, i, true);
            int close = open < 0 ? -1 : quote(flat, open + 1, false);
            if (close < 0) {
                out.append(flat, i, flat.length());
                break;
            }
            out.append(flat, i, open + 1);
            String quoted = flat.substring(open + 1, close);
            out.append(quoted.length() <= MAX_QUOTED ? quoted
                    : quoted.substring(0, MAX_QUOTED - 3) + "... (" + quoted.length() + " characters)");
            out.append('\'');
            i = close + 1;
        }
        return out.length() <= MAX_MESSAGE ? out.toString() : out.substring(0, MAX_MESSAGE - 3) + "...";
    }

    /**
     * The next quotation mark from {@code from} that opens (not after a letter or digit) or closes
     * (not before one) a quoted value, or -1: the apostrophes of "seed's" or "don't" are neither.
     */
    private static int quote(String text, int from, boolean opening) {
        for (int i = text.indexOf('\'', from); i >= 0; i = text.indexOf('\'', i + 1)) {
            int neighbour = opening ? i - 1 : i + 1;
            if (neighbour < 0 || neighbour >= text.length() || !Character.isLetterOrDigit(text.charAt(neighbour))) {
                return i;
            }
        }
        return -1;
    }
}
