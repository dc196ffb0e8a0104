package org.mymnist.modelfile;

import java.io.IOException;
import org.mymnist.messages.OneLineMessage;

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
        return message == null ? null : OneLineMessage.clip(message, MAX_QUOTED, MAX_MESSAGE, true);
    }
}
