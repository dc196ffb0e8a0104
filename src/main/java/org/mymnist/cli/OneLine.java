package org.mymnist.cli;

import org.mymnist.messages.OneLineMessage;

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
        return message == null ? "" : OneLineMessage.clip(message, MAX_QUOTED, MAX_LENGTH, false);
    }
}
