package org.mymnist.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An IDX file, or a set of them, that does not hold what it should. The message names the file,
 * the field at fault (magic, dimension count, dimension {@code i}, byte count, a label...), what
 * was expected and what was found, as in
 * {@code /data/t10k-labels-idx1-ubyte: dimension count: expected 1, found 3}.
 */
public final class IdxFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String field;

    /**
     * A format error in one field of one file.
     *
     * @param file the file at fault
     * @param field the field at fault, e.g. {@code "magic"} or {@code "dimension 2"}
     * @param expected what the field should hold
     * @param found what the field holds
     */
    public IdxFormatException(Path file, String field, String expected, String found) {
        super(file + ": " + field + ": expected " + expected + ", found " + found);
        this.file = file;
        this.field = field;
    }

    /**
     * A format error whose cause is a lower-level exception, such as a corrupt gzip stream.
     *
     * @param file the file at fault
     * @param field the field at fault
     * @param expected what the field should hold
     * @param found what the field holds
     * @param cause the exception that revealed the error
     */
    public IdxFormatException(Path file, String field, String expected, String found, Throwable cause) {
        this(file, field, expected, found);
        initCause(cause);
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** The field at fault, e.g. {@code "magic"}, {@code "dimension 1"} or {@code "byte count"}. */
    public String field() {
        return field;
    }
}
