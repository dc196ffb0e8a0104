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

    /**
     * An exception with the given message.
     *
     * @param message one line naming the file, the entry or field, and what was expected
     */
    public ModelFileException(String message) {
        super(message);
    }

    /**
     * An exception with the given message and cause.
     *
     * @param message one line naming the file, the entry or field, and what was expected
     * @param cause the lower-level error, e.g. a {@link java.util.zip.ZipException}
     */
    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
