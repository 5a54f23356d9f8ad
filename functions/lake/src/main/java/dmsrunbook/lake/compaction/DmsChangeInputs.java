package dmsrunbook.lake.compaction;

import dmsrunbook.lake.layout.ChangeSequence;
import dmsrunbook.lake.layout.DmsObjectKey;
import dmsrunbook.lake.parquet.ParquetBatchReader.MissingColumn;
import dmsrunbook.lake.schema.TableSchema;
import java.nio.file.Path;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

/**
 * Turns a DMS file into a {@link ChangeInput}: full-load rows get {@code Op} 'I' (as DMS writes them with
 * IncludeOpForFullLoad), every row gets its {@code dms_change_seq} from the file's place in the order, and columns
 * the file lacks are null.
 */
public final class DmsChangeInputs {

    private static final Binary INSERT = Binary.fromString("I");

    private DmsChangeInputs() {
    }

    public static ChangeInput of(DmsObjectKey key, Path file, MessageType changes) {
        int op = changes.getFieldIndex(TableSchema.OP);
        int seq = changes.getFieldIndex(ChangeSequence.COLUMN);
        long first = key.firstSeq();
        MissingColumn missing = (column, values, firstRow, count) -> {
            if (column == op) {
                for (int i = 0; i < count; i++) {
                    values.addBinary(INSERT);
                }
            } else if (column == seq) {
                for (int i = 0; i < count; i++) {
                    values.addLong(first + firstRow + i);
                }
            } else {
                MissingColumn.NULLS.fill(column, values, firstRow, count);
            }
        };
        return new ChangeInput(key.key(), file, first, missing);
    }
}
