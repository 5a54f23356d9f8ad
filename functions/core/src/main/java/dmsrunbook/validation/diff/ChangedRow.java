package dmsrunbook.validation.diff;

import java.util.List;

/** A row present on both sides whose values differ: its key and the names of the differing columns, never the values. */
public record ChangedRow(Key key, List<String> columns) {

    public ChangedRow {
        columns = List.copyOf(columns);
    }
}
