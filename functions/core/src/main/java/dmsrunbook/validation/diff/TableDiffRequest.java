package dmsrunbook.validation.diff;

import dmsrunbook.mapping.TableName;
import dmsrunbook.spec.MigrationSpec;

/**
 * One unit of diff work, small enough to be a Map item: a source table, its name on the target (after the mappings'
 * transformation rules), the key range to compare ({@link KeyRange#ALL} for the whole table) and how.
 */
public record TableDiffRequest(TableName source, TableName target, KeyRange range, DiffOptions options) {

    public TableDiffRequest {
        range = range == null ? KeyRange.ALL : range;
        options = options == null ? DiffOptions.defaults() : options;
    }

    /** A range of a source table as the spec says to diff it: its name on the target, its mode, keys and tolerance. */
    public static TableDiffRequest of(MigrationSpec spec, TableName source, KeyRange range) {
        return new TableDiffRequest(source, spec.mappings().targetName(source), range, DiffOptions.of(spec.validation(), source));
    }

    public static TableDiffRequest whole(TableName source, TableName target, DiffOptions options) {
        return new TableDiffRequest(source, target, KeyRange.ALL, options);
    }

    public TableDiffRequest withRange(KeyRange value) {
        return new TableDiffRequest(source, target, value, options);
    }

    public TableDiffRequest withOptions(DiffOptions value) {
        return new TableDiffRequest(source, target, range, value);
    }
}
