package org.mymnist.modelfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads numpy's header dictionary, a Python literal such as
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (784, 32), }}. Only what numpy writes
 * is accepted: string keys, and string, {@code True}/{@code False} or tuple-of-integers values.
 */
final class NpyHeaderParser {

    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

    private final String text;
    private final String source;
    private int pos;

    private NpyHeaderParser(String text, String source) {
        this.text = text;
        this.source = source;
    }

    /**
     * Parses a header dictionary.
     *
     * @param text the dictionary, with any padding spaces and final newline
     * @param source what to name in error messages, e.g. {@code demo.zip: layers/0.weight.npy}
     * @return the header
     * @throws ModelFileException if the text is not such a dictionary, lacks a key or names an
     *     unsupported dtype
     */
    static NpyHeader parse(String text, String source) throws ModelFileException {
        return new NpyHeaderParser(text, source).dictionary();
    }

    private NpyHeader dictionary() throws ModelFileException {
        Map<String, Object> values = new HashMap<>();
        expect('{');
        while (peek() != '}') {
            String key = string();
            expect(':');
            if (!KEYS.contains(key) || values.containsKey(key)) {
                throw fail("unexpected key '" + key + "', expected descr, fortran_order and shape once each");
            }
            values.put(key, value());
            if (peek() != ',') {
                break;
            }
            pos++;
        }
        expect('}');
        skipSpaces();
        if (pos != text.length()) {
            throw fail("unexpected text after the dictionary");
        }
        if (!values.keySet().equals(KEYS)) {
            throw fail("expected keys descr, fortran_order and shape, got " + values.keySet());
        }
        if (!(values.get("descr") instanceof String)) {
            throw fail("descr must be a string");
        }
        if (!(values.get("fortran_order") instanceof Boolean)) {
            throw fail("fortran_order must be True or False");
        }
        if (!(values.get("shape") instanceof long[])) {
            throw fail("shape must be a tuple of integers");
        }
        String descr = (String) values.get("descr");
        if (!NpyHeader.FLOAT64.equals(descr) && !NpyHeader.FLOAT32.equals(descr)) {
            throw new ModelFileException(source + ": dtype '" + descr + "' not supported, expected '"
                    + NpyHeader.FLOAT64 + "' or '" + NpyHeader.FLOAT32 + "'");
        }
        return new NpyHeader(descr, (Boolean) values.get("fortran_order"), (long[]) values.get("shape"));
    }

    private Object value() throws ModelFileException {
        char c = peek();
        if (c == '\'' || c == '"') {
            return string();
        }
        if (c == '(') {
            return tuple();
        }
        if (text.startsWith("True", pos)) {
            pos += 4;
            return Boolean.TRUE;
        }
        if (text.startsWith("False", pos)) {
            pos += 5;
            return Boolean.FALSE;
        }
        throw fail("unexpected value at position " + pos);
    }

    private long[] tuple() throws ModelFileException {
        expect('(');
        List<Long> sizes = new ArrayList<>();
        while (peek() != ')') {
            sizes.add(integer());
            if (peek() != ',') {
                break;
            }
            pos++;
        }
        expect(')');
        return sizes.stream().mapToLong(Long::longValue).toArray();
    }

    private long integer() throws ModelFileException {
        skipSpaces();
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (start == pos || pos - start > 18) {
            throw fail("shape sizes must be non-negative integers below 10^18");
        }
        long value = Long.parseLong(text.substring(start, pos));
        if (pos < text.length() && text.charAt(pos) == 'L') {
            pos++; // Python 2 long literal, as very old numpy wrote
        }
        return value;
    }

    private String string() throws ModelFileException {
        char quote = peek();
        if (quote != '\'' && quote != '"') {
            throw fail("expected a quoted string at position " + pos);
        }
        int end = text.indexOf(quote, pos + 1);
        if (end < 0) {
            throw fail("unterminated string");
        }
        String value = text.substring(pos + 1, end);
        pos = end + 1;
        return value;
    }

    private void expect(char c) throws ModelFileException {
        if (peek() != c) {
            throw fail("expected '" + c + "' at position " + pos);
        }
        pos++;
    }

    private char peek() {
        skipSpaces();
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private ModelFileException fail(String what) {
        return new ModelFileException(source + ": bad .npy header: " + what);
    }
}
