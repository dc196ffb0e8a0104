package org.mymnist.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads every path option ({@code --data}, {@code --model}, {@code --save}, {@code --history}):
 * refuses the empty path, which would silently mean the current folder, and a name this JVM
 * cannot represent. Java decodes the command line with the locale's character set
 * ({@code sun.jnu.encoding}): under {@code LANG=C} a name such as {@code données} arrives with
 * replacement characters ({@code U+FFFD}) in place of its letters, and so does a name that is not
 * valid UTF-8 under a UTF-8 locale; opening it would fail, or writing would create another name.
 * {@link Relaunch} runs the command again under a UTF-8 locale where it can, so that this
 * message is only seen when none is available or the name's bytes are not UTF-8 at all.
 */
final class PathConverter implements ITypeConverter<Path> {

    @Override
    public Path convert(String value) {
        if (value.isEmpty()) {
            throw new TypeConversionException("an empty path; name a file or folder ('.' for the current folder)");
        }
        if (value.indexOf('\uFFFD') >= 0) {
            throw new TypeConversionException(undecodable(value));
        }
        try {
            return Paths.get(value);
        } catch (InvalidPathException e) {
            throw new TypeConversionException(undecodable(value));
        }
    }

    /** Why a name cannot be used, and what to do. */
    static String undecodable(String value) {
        String encoding = System.getProperty("sun.jnu.encoding", "unknown");
        String shown = OneLine.clip("'" + value.replace('\uFFFD', '?') + "'");
        if (encoding.equalsIgnoreCase("UTF-8")) {
            return "the name " + shown + " is not valid UTF-8 (the bytes shown as ? are not characters): "
                    + "rename the file with a UTF-8 name";
        }
        return "the name " + shown + " has characters that this locale's character set (" + encoding
                + ") cannot represent: run with a UTF-8 locale, e.g. LC_ALL=C.UTF-8";
    }
}
