package dmsrunbook.lake.commit;

import dmsrunbook.lake.layout.ChangeSequence;
import dmsrunbook.lake.layout.DmsFileKind;
import dmsrunbook.lake.layout.DmsObjectKey;
import dmsrunbook.lake.parquet.ParquetBatchReader;
import dmsrunbook.lake.schema.SchemaComparison;
import dmsrunbook.lake.schema.TableSchema;
import java.util.List;
import org.apache.parquet.schema.MessageType;

/**
 * Whether a downloaded DMS file can be taken in, judged from its footer against the table's columns so far: it must
 * be Parquet, a CDC file must have {@code Op} first, its rows must fit the lake's numbering, its columns must be flat,
 * hold the primary key and be compatible with the table's (added columns are fine). Says why and what to do when not;
 * the caller quarantines.
 */
final class InputCheck {

    private InputCheck() {
    }

    /**
     * The verdict on one file.
     *
     * @param schema  the table's columns after the file (null when set aside)
     * @param problem why the file is set aside, or null when it is taken in
     * @param fix     what to do about it
     * @param notes   what changed in the table's columns, for the log
     */
    record Verdict(TableSchema schema, String problem, String fix, List<String> notes) {

        boolean accepted() {
            return problem == null;
        }

        static Verdict setAside(String problem, String fix) {
            return new Verdict(null, problem, fix, List.of());
        }
    }

    /** The verdict on a file whose footer cannot be read. */
    static Verdict unreadable(Exception error) {
        return Verdict.setAside("it is not a readable Parquet file (" + error.getMessage() + ")",
                "The file is truncated or corrupt. Reload the table (DMS reload-target) or restore the file and copy it back.");
    }

    /**
     * The verdict on {@code key} (numbered in its epoch) with {@code footer}, for a table keyed by {@code primaryKey}
     * whose columns so far are {@code current} (null before its first file).
     */
    static Verdict of(DmsObjectKey key, ParquetBatchReader.Footer footer, TableSchema current, List<String> primaryKey) {
        MessageType fileSchema = footer.schema();
        boolean hasOp = !fileSchema.getFields().isEmpty() && fileSchema.getFields().get(0).getName().equals(TableSchema.OP);
        if (key.kind() == DmsFileKind.CDC && !hasOp) {
            return Verdict.setAside("it is a CDC file without the Op column first",
                    "Write CDC with the Op column (do not set CdcInsertsOnly / CdcInsertsAndUpdates on the DMS endpoint).");
        }
        if (footer.rows() > ChangeSequence.maxRows(key.firstSeq())) {
            return Verdict.setAside("it holds " + footer.rows() + " rows, more than the lake numbers in one file ("
                    + ChangeSequence.maxRows(key.firstSeq()) + ")", "Lower the DMS endpoint's CdcMinFileSize / MaxFileSize.");
        }
        TableSchema incoming;
        try {
            incoming = TableSchema.fromDmsFile(fileSchema);
        } catch (IllegalArgumentException e) {
            return Verdict.setAside(e.getMessage(), "Only flat tables are supported; exclude the table from the DMS task.");
        }
        for (String column : primaryKey) {
            if (!incoming.columns().containsField(column)) {
                return Verdict.setAside("it has no primary key column " + column + " (configured for " + key.qualifiedTable() + ")",
                        "Fix the key in LAKE_TABLES, or include the column in the DMS task's table mapping.");
            }
        }
        if (current == null) {
            return new Verdict(incoming, null, null, List.of());
        }
        SchemaComparison comparison = current.compare(incoming);
        if (comparison.verdict() == SchemaComparison.Verdict.INCOMPATIBLE) {
            return Verdict.setAside("its columns do not match the table's: " + String.join("; ", comparison.details()),
                    "The source table changed incompatibly mid-stream. Reload the table with DMS (reload-target) after "
                            + "deleting its lake/ manifest and data, or undo the change on the source.");
        }
        List<String> notes = comparison.verdict() == SchemaComparison.Verdict.COLUMNS_ADDED ? comparison.details() : List.of();
        return new Verdict(comparison.evolved(), null, null, notes);
    }
}
