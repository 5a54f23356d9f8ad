package dmsrunbook.lake.state;

import dmsrunbook.lake.compaction.OutputFiles;
import dmsrunbook.lake.layout.ChangeSequence;
import dmsrunbook.lake.parquet.ColumnValues;
import dmsrunbook.lake.parquet.ParquetBatchReader;
import dmsrunbook.lake.parquet.ParquetBatchWriter;
import dmsrunbook.lake.parquet.RowBatch;
import dmsrunbook.lake.parquet.WriterSettings;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.parquet.schema.MessageType;

/**
 * Drops tombstones that no change can still need. A tombstone keeps a deleted key's delete so that an older change
 * arriving later does not bring the row back; once every change numbered below it has been taken in (nothing older
 * is waiting in the DMS folder or in quarantine, and the delete is older than the retention), it only costs space.
 */
public final class TombstonePruner {

    private TombstonePruner() {
    }

    /**
     * What pruning a tombstone file did.
     *
     * @param file    the tombstones kept, or null when none are (or {@code changed} is false)
     * @param kept    tombstones kept
     * @param dropped tombstones dropped
     */
    public record Pruned(Path file, long kept, long dropped) {

        public boolean changed() {
            return dropped > 0;
        }
    }

    /** Copies the tombstones of {@code tombstones} numbered {@code keepFrom} or later; writes nothing when all stay. */
    public static Pruned prune(Path tombstones, long keepFrom, WriterSettings settings, OutputFiles outputs) throws IOException {
        MessageType schema = ParquetBatchReader.readSchema(tombstones);
        int seqColumn = schema.getFieldIndex(ChangeSequence.COLUMN);
        long dropped = 0;
        long total;
        try (ParquetBatchReader reader = ParquetBatchReader.open(tombstones, schema, ParquetBatchReader.MissingColumn.NULLS)) {
            total = reader.totalRows();
            RowBatch batch = new RowBatch(schema, ParquetBatchReader.CHUNK_ROWS);
            while (reader.next(batch)) {
                ColumnValues seqs = batch.column(seqColumn);
                for (int r = 0; r < batch.rowCount(); r++) {
                    if (seqs.getLong(r) < keepFrom) {
                        dropped++;
                    }
                }
            }
        }
        if (dropped == 0) {
            return new Pruned(null, total, 0);
        }
        if (dropped == total) {
            return new Pruned(null, 0, dropped);
        }
        int[] identity = java.util.stream.IntStream.range(0, schema.getFieldCount()).toArray();
        ParquetBatchWriter writer = null;
        try (ParquetBatchReader reader = ParquetBatchReader.open(tombstones, schema, ParquetBatchReader.MissingColumn.NULLS)) {
            RowBatch batch = new RowBatch(schema, ParquetBatchReader.CHUNK_ROWS);
            int[] keep = new int[ParquetBatchReader.CHUNK_ROWS];
            while (reader.next(batch)) {
                ColumnValues seqs = batch.column(seqColumn);
                int count = 0;
                for (int r = 0; r < batch.rowCount(); r++) {
                    if (seqs.getLong(r) >= keepFrom) {
                        keep[count++] = r;
                    }
                }
                if (count > 0) {
                    if (writer == null) {
                        writer = new ParquetBatchWriter(outputs.next(), schema, settings, batch);
                    }
                    writer.writeRows(batch, keep, count, identity);
                }
            }
        } finally {
            if (writer != null) {
                writer.close();
            }
        }
        return new Pruned(writer.file(), writer.rows(), dropped);
    }
}
