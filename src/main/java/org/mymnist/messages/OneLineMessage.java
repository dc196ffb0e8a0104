package org.mymnist.messages;

/**
 * A message as one readable line: line breaks and tabs become spaces, a quoted value
 * ({@code '...'}) longer than a limit is cut with an ellipsis, and so is the whole message. The
 * apostrophes of "seed's" or "don't" open and close nothing.
 */
public final class OneLineMessage {

    private OneLineMessage() {
    }

    /**
     * The message as one line.
     *
     * @param message the message
     * @param maxQuoted the longest quoted value shown whole
     * @param maxLength the longest line
     * @param sayLength whether a cut value says how long it was ({@code ... (5000 characters)})
     * @return the line, at most {@code maxLength} characters
     */
    public static String clip(String message, int maxQuoted, int maxLength, boolean sayLength) {
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
                    .append(quoted.length() <= maxQuoted ? quoted : quoted.substring(0, maxQuoted - 3) + "..."
                            + (sayLength ? " (" + quoted.length() + " characters)" : ""))
                    .append('\'');
            i = close + 1;
        }
        return out.length() <= maxLength ? out.toString() : out.substring(0, maxLength - 3) + "...";
    }

    /**
     * The next quotation mark from {@code from} that opens (not after a letter or digit) or closes
     * (not before one) a quoted value, or -1.
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
