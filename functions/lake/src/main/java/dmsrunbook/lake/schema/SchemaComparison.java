package dmsrunbook.lake.schema;

import java.util.List;

/**
 * The outcome of comparing a table's columns with a newer file's.
 *
 * @param verdict   same columns, columns added (the table evolves), or incompatible (the file is quarantined)
 * @param evolved   the table's columns after the file (with added columns appended)
 * @param details   what differs, one line per column
 */
public record SchemaComparison(Verdict verdict, TableSchema evolved, List<String> details) {

    /** What a schema difference means for the lake. */
    public enum Verdict {
        SAME, COLUMNS_ADDED, INCOMPATIBLE
    }
}
