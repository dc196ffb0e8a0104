package org.mymnist.view;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The results of a series of training runs, one row per step: the fix applied, the epochs, the
 * seconds the run took and the test accuracy at its end. A Tablesaw {@link Table} underneath,
 * shown in a notebook with {@link #html()}.
 */
public final class StepTable {

    private final Table table;

    /**
     * An empty table whose column names are in the given language.
     *
     * @param language French ({@code correction, époques, secondes, exactitude test %}) or English
     *     ({@code fix, epochs, seconds, test accuracy %})
     */
    public StepTable(Language language) {
        table = Table.create(language.text("steps.title"),
                StringColumn.create(language.text("steps.fix")),
                IntColumn.create(language.text("steps.epochs")),
                DoubleColumn.create(language.text("steps.seconds")),
                DoubleColumn.create(language.text("steps.accuracy")));
    }

    /**
     * Adds a row.
     *
     * @param fix what this step changed
     * @param epochs epochs trained
     * @param seconds wall time of the run (rounded to 0.1 s in the table)
     * @param accuracyPercent test accuracy after the last epoch (rounded to 0.01 in the table)
     * @return this table
     */
    public synchronized StepTable add(String fix, int epochs, double seconds, double accuracyPercent) {
        table.stringColumn(0).append(fix);
        table.intColumn(1).append(epochs);
        table.doubleColumn(2).append(Math.round(seconds * 10) / 10.0);
        table.doubleColumn(3).append(Math.round(accuracyPercent * 100) / 100.0);
        return this;
    }

    /** Number of rows. */
    public synchronized int size() {
        return table.rowCount();
    }

    /** The Tablesaw table itself (live: rows added later appear in it). */
    public Table table() {
        return table;
    }

    /** The table as HTML, for {@code display(..., "text/html")}. */
    public synchronized String html() {
        return HtmlTable.of(table);
    }
}
