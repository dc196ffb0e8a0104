package org.mymnist.cli;

/** Draws a 28x28 gray image with characters, darker pixels as denser characters. */
final class TerminalDigit {

    private static final String SHADES = " .:-=+*#%@";

    private TerminalDigit() {
    }

    /** The image as text, two characters per pixel so that it keeps its shape. */
    static String render(int[][] pixels) {
        StringBuilder s = new StringBuilder();
        for (int[] row : pixels) {
            for (int value : row) {
                char c = SHADES.charAt(Math.min(SHADES.length() - 1, value * SHADES.length() / 256));
                s.append(c).append(c);
            }
            s.append('\n');
        }
        return s.toString();
    }
}
