package org.mymnist.view;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The source code of a class of this library, read from the library itself, so that a notebook
 * shows the code that actually runs rather than a copy that could drift from it.
 *
 * <p>The {@code .java} file is looked for, in this order: as a resource under
 * {@code META-INF/sources/} (the jar packs its sources there, so that a notebook shows them from any
 * folder), in {@code src/main/java} of the project that built the jar or
 * classes folder the class came from ({@code target/my-mnist.jar} → {@code src/main/java}), and in
 * {@code src/main/java} of the working directory or one of its parents.
 *
 * <p>In a notebook: {@code display(SourceView.markdown(Sigmoid.class), "text/markdown")} shows the
 * whole class, {@code display(SourceView.markdown(Layer.class, "learn"), "text/markdown")} only the
 * methods named {@code learn} (with their documentation comments).
 */
public final class SourceView {

    private static final Pattern MODIFIERS = Pattern.compile(
            "^\\s*(?:@\\w+(?:\\([^)]*\\))?\\s+)*(?:(?:public|protected|private|static|final|abstract"
                    + "|synchronized|default|native|strictfp)\\s+)*");

    /** Where the jar packs the library's sources (pom.xml). */
    static final String PACKED_SOURCES = "META-INF/sources/";

    private SourceView() {
    }

    /**
     * The whole source file of a class.
     *
     * @param type a class of this library (a nested class gives its top-level class's file)
     * @return the file's text
     * @throws UncheckedIOException if the file cannot be found or read
     */
    public static String of(Class<?> type) {
        String relative = sourcePath(type);
        ClassLoader loader = type.getClassLoader();
        if (loader != null) {
            try (InputStream in = loader.getResourceAsStream(PACKED_SOURCES + relative)) {
                if (in != null) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (Path candidate : candidates(type, relative)) {
            if (Files.isRegularFile(candidate)) {
                try {
                    return Files.readString(candidate, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new UncheckedIOException(new IOException("source of " + type.getName()
                + " not found: looked for the resource " + PACKED_SOURCES + relative + " and in " + candidates(type, relative)));
    }

    /**
     * The class's source without its package line, imports and the licence-style header: what a
     * reader needs to see. For a nested class or record (such as {@code Model.Prediction}), only its
     * own declaration, not the whole file of the class around it.
     *
     * @param type a class of this library
     * @return the declaration of the class, from its documentation comment to its last brace
     */
    public static String declaration(Class<?> type) {
        if (type.isMemberClass()) {
            return member(topLevel(type), type.getSimpleName());
        }
        List<String> lines = lines(of(type));
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).trim();
            if (t.startsWith("package ") || t.startsWith("import ") || t.isEmpty()) {
                start = i + 1;
            } else {
                break;
            }
        }
        return String.join("\n", lines.subList(start, lines.size())).strip();
    }

    /**
     * The declarations named {@code name} in a class (every overload of a method, a constructor,
     * or a nested class, interface, enum or record), each with its documentation comment and
     * annotations, de-indented.
     *
     * @param type a class of this library
     * @param name a method, constructor or nested type name
     * @return the declarations, separated by a blank line
     * @throws IllegalArgumentException if the class declares nothing of that name
     */
    public static String member(Class<?> type, String name) {
        List<String> lines = lines(of(type));
        // A method has a return type before its name; a constructor is named after its class.
        boolean constructor = name.equals(type.getSimpleName());
        String returnType = constructor ? "" : "[\\w.]+(?:<[^()]*>)?(?:\\[\\])*\\s+";
        // A nested type is named after its keyword (a record's header also reads as a method).
        String nestedType = constructor ? ""
                : "|" + MODIFIERS.pattern() + "(?:class|interface|enum|record)\\s+" + Pattern.quote(name) + "\\b";
        Pattern declaration = Pattern.compile(MODIFIERS.pattern()
                + "(?:<[^>]*>\\s+)?" + returnType + Pattern.quote(name) + "\\s*\\(" + nestedType);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.trim();
            if (!declaration.matcher(line).find() || trimmed.startsWith("return ")
                    || trimmed.startsWith("new ") || trimmed.startsWith("*") || trimmed.startsWith("//")
                    || line.contains("=") && line.indexOf('=') < line.indexOf(name)) {
                continue;
            }
            int end = endOf(lines, i);
            if (end < 0) {
                continue;
            }
            int start = i;
            while (start > 0) {
                String above = lines.get(start - 1).trim();
                if (above.startsWith("@") || above.startsWith("*") || above.startsWith("/**")
                        || above.endsWith("*/")) {
                    start--;
                } else {
                    break;
                }
            }
            parts.add(dedent(lines.subList(start, end + 1)));
            i = end;
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException(type.getSimpleName() + " declares nothing named " + name);
        }
        return String.join("\n\n", parts);
    }

    /**
     * The whole class as a Markdown code block, for {@code display(..., "text/markdown")}.
     *
     * @param type a class of this library
     * @return Markdown
     */
    public static String markdown(Class<?> type) {
        String title = type.isMemberClass() ? sourcePath(type) + " — " + type.getSimpleName() : sourcePath(type);
        return fence(title, declaration(type));
    }

    /**
     * The declarations named {@code name} as a Markdown code block.
     *
     * @param type a class of this library
     * @param name a method or constructor name
     * @return Markdown
     */
    public static String markdown(Class<?> type, String name) {
        return fence(sourcePath(type) + " — " + name, member(type, name));
    }

    private static String fence(String title, String code) {
        return "`" + title + "`\n\n```java\n" + code + "\n```\n";
    }

    /** The path of the {@code .java} file of a class, e.g. {@code org/mymnist/nn/Layer.java}. */
    static String sourcePath(Class<?> type) {
        return topLevel(type).getName().replace('.', '/') + ".java";
    }

    /** The top-level class whose file holds {@code type}. */
    private static Class<?> topLevel(Class<?> type) {
        Class<?> top = type;
        while (top.getEnclosingClass() != null) {
            top = top.getEnclosingClass();
        }
        return top;
    }

    private static List<Path> candidates(Class<?> type, String relative) {
        List<Path> out = new ArrayList<>();
        CodeSource source = type.getProtectionDomain() == null ? null
                : type.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location != null) {
            try {
                Path built = Paths.get(location.toURI()).toAbsolutePath();
                // target/my-mnist.jar or target/classes: the project is the parent of target.
                Path target = built.getParent();
                if (target != null && target.getParent() != null) {
                    out.add(target.getParent().resolve("src/main/java").resolve(relative));
                }
            } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                // Not a file location: only the working directory is left.
            }
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("src/main/java").resolve(relative);
            if (!out.contains(candidate)) {
                out.add(candidate);
            }
        }
        return out;
    }

    private static List<String> lines(String text) {
        return List.of(text.replace("\r\n", "\n").split("\n", -1));
    }

    /**
     * The index of the line ending the declaration that starts at {@code start}: the line of the
     * brace closing its body, or of the semicolon ending an abstract method; -1 if neither comes.
     */
    private static int endOf(List<String> lines, int start) {
        int depth = 0;
        boolean opened = false;
        boolean inBlockComment = false;
        int parens = 0;
        for (int i = start; i < lines.size(); i++) {
            String line = lines.get(i);
            for (int k = 0; k < line.length(); k++) {
                char ch = line.charAt(k);
                if (inBlockComment) {
                    if (ch == '*' && k + 1 < line.length() && line.charAt(k + 1) == '/') {
                        inBlockComment = false;
                        k++;
                    }
                    continue;
                }
                if (ch == '/' && k + 1 < line.length()) {
                    char next = line.charAt(k + 1);
                    if (next == '/') {
                        break;
                    }
                    if (next == '*') {
                        inBlockComment = true;
                        k++;
                        continue;
                    }
                }
                if (ch == '"' || ch == '\'') {
                    k = skipLiteral(line, k, ch);
                    continue;
                }
                if (ch == '(') {
                    parens++;
                } else if (ch == ')') {
                    parens--;
                } else if (ch == ';' && !opened && parens == 0) {
                    return i;
                } else if (ch == '{') {
                    depth++;
                    opened = true;
                } else if (ch == '}') {
                    depth--;
                    if (opened && depth == 0) {
                        return i;
                    }
                }
            }
        }
        return -1;
    }

    private static int skipLiteral(String line, int open, char quote) {
        for (int k = open + 1; k < line.length(); k++) {
            char ch = line.charAt(k);
            if (ch == '\\') {
                k++;
            } else if (ch == quote) {
                return k;
            }
        }
        return line.length();
    }

    private static String dedent(List<String> lines) {
        int indent = Integer.MAX_VALUE;
        for (String line : lines) {
            if (!line.isBlank()) {
                int n = 0;
                while (n < line.length() && line.charAt(n) == ' ') {
                    n++;
                }
                indent = Math.min(indent, n);
            }
        }
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(line.isBlank() ? "" : line.substring(Math.min(indent, line.length())));
        }
        return out.toString();
    }
}
