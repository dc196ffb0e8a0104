package org.mymnist.exercises;

import org.mymnist.view.Language;

/**
 * What a {@link Check} found: passed, or the likely mistake and what to do.
 *
 * @param exercise the exercise's name, e.g. {@code sigmoid}
 * @param passed whether the student's code gives the library's results
 * @param message what was checked when passed, else the likely mistake and what to do
 * @param language the language of the message
 */
public record Verdict(String exercise, boolean passed, String message, Language language) {

    /** One line of plain text, e.g. {@code ✔ sigmoid: ...}. */
    public String text() {
        return (passed ? "✔ " : "✘ ") + exercise + colon() + message;
    }

    /** The same line as HTML, green when passed and red otherwise. */
    public String html() {
        String color = passed ? "#1a7f37" : "#cf222e";
        String background = passed ? "#dafbe1" : "#ffebe9";
        return "<div style=\"border-left: 4px solid " + color + "; background: " + background
                + "; padding: 6px 10px; color: #1f2328; font-family: sans-serif\"><b style=\"color: " + color + "\">"
                + (passed ? "✔ " : "✘ ") + escape(exercise) + "</b>" + colon()
                + escape(message) + "</div>";
    }

    /**
     * Throws when the check failed, so that the cell fails (and nbgrader gives it no points).
     *
     * @throws AssertionError with {@link #text()} as its message, when not passed
     */
    public void orThrow() {
        if (!passed) {
            throw new AssertionError(text());
        }
    }

    /** The colon after the exercise's name, as the language writes it (French: a space before it). */
    private String colon() {
        return (language == null ? Language.ENGLISH : language).text("verdict.colon");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
