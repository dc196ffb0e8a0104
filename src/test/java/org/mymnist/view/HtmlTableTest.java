package org.mymnist.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class HtmlTableTest {

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void oneRowPerDigitUnderAHeader() {
        double[] seed = {28.06, 80.0, 6.49, 7.52, 14.05, 6.95, 47.08, 39.2, 9.34, 23.79};
        int[] digits = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        Table table = Table.create("accuracy per digit", IntColumn.create("digit", digits),
                DoubleColumn.create("accuracy %", seed));
        String html = HtmlTable.of(table);
        assertTrue(html.contains("<table"), html);
        String body = html.substring(html.indexOf("<tbody"), html.indexOf("</tbody>"));
        assertEquals(10, count(body, "<tr"), html);
        assertEquals(2, count(html.substring(0, html.indexOf("<tbody")), "<th[ >]"), "two column headers");
        assertTrue(html.contains("accuracy %"));
        assertTrue(html.contains("47.08"));
        assertTrue(html.contains("23.79"));
    }

    @Test
    void escapesCellText() {
        Table table = Table.create("t", StringColumn.create("name", "<b>bold</b>"));
        String html = HtmlTable.of(table);
        assertTrue(html.contains("&lt;b&gt;"), html);
    }
}
