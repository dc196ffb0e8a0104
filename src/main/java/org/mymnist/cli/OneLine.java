package org.mymnist.cli;

/**
 * The last guard of the one-line rule for what the command line prints on standard error: one
 * line, quoted values ({@code '...'}) of at most {@value #MAX_QUOTED} characters, at most
 * {@value #MAX_LENGTH} characters in all. The messages of the library already follow it; this
 * keeps a value typed by the user, or a message from a library, from flooding the terminal.
 */
final class OneLine {

    static final int MAX_QUOTED = 80;
    static final int MAX_LENGTH = 800;

    private OneLine() {
    }

    /**
     * The message as one line, long quoted values and the message itself cut with an ellipsis.
     *
     * @param message a message, possibly null
     * @return the line
     */
    static String clip(String message) {
        if (message == null) {
            return "";
        }
        String flat = message.replaceAll("[\\r\\n\\t]+", " ").strip();
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < flat.length()) {
            int open = quote(flat, i, true);
            int close = open < 0 ? -1 : quote(flat, open + 1, false);
            if (close < 0) {
                out.append(flat, i, flat.length());
                break;
            }
            String quoted = flat.substring(open + 1, close);
            out.append(flat, i, open + 1)
                    .append(quoted.length() <= MAX_QUOTED ? quoted : quoted.substring(0, MAX_QUOTED - 3) + "...")
                    .append('\'');
            i = close + 1;
        }
        return out.length() <= MAX_LENGTH ? out.toString() : out.substring(0, MAX_LENGTH - 3) + "...";
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
