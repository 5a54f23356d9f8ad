package dmsrunbook.validation.diff;

import dmsrunbook.mapping.TableName;

/**
 * One unit of diff work, small enough to be a Map item: a source table, its name on the target (after the mappings'
 * transformation rules), the key range to compare ({@link KeyRange#ALL} for the whole table) and how.
 */
public record TableDiffRequest(TableName source, TableName target, KeyRange range, DiffOptions options) {

    public TableDiffRequest {
        range = range == null ? KeyRange.ALL : range;
        options = options == null ? DiffOptions.defaults() : options;
    }

    public static TableDiffRequest whole(TableName source, TableName target, DiffOptions options) {
        return new TableDiffRequest(source, target, KeyRange.ALL, options);
    }

    public TableDiffRequest withRange(KeyRange value) {
        return new TableDiffRequest(source, target, value, options);
    }
}
