package org.mymnist.view;

import java.io.StringWriter;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.html.HtmlWriteOptions;
import tech.tablesaw.io.html.HtmlWriter;

/**
 * A Tablesaw {@link Table} as an HTML {@code <table>}, for a notebook to show as a real table:
 * {@code display(HtmlTable.of(table), "text/html")}. (A bare {@code Table} as a cell's last
 * expression only shows as plain text.)
 *
 * <p>Calls tablesaw-html's {@link HtmlWriter} directly rather than through Tablesaw's writer
 * registry, so it works whatever class loader loaded Tablesaw (a notebook kernel's, for one).
 */
public final class HtmlTable {

    private HtmlTable() {
    }

    /**
     * The table as HTML: a {@code <table>} with a {@code <thead>} row of column names and one
     * {@code <tr>} per row in {@code <tbody>}; cell text is escaped.
     *
     * @param table the table
     * @return the HTML
     */
    public static String of(Table table) {
        StringWriter out = new StringWriter();
        try {
            HtmlWriteOptions options = HtmlWriteOptions.builder(out).escapeText(true).build();
            new HtmlWriter().write(table, options);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }
}
