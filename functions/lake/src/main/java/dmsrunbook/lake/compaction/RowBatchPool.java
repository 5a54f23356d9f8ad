package dmsrunbook.lake.compaction;

import dmsrunbook.lake.parquet.ParquetBatchReader;
import dmsrunbook.lake.parquet.RowBatch;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.parquet.schema.MessageType;

/** Batches of one merge's schema, reused from input to input: a thousand small files need not allocate a thousand. */
final class RowBatchPool {

    private final MessageType schema;
    private final ConcurrentLinkedQueue<RowBatch> free = new ConcurrentLinkedQueue<>();

    RowBatchPool(MessageType schema) {
        this.schema = schema;
    }

    RowBatch take() {
        RowBatch batch = free.poll();
        return batch != null ? batch : new RowBatch(schema, ParquetBatchReader.CHUNK_ROWS);
    }

    void give(RowBatch batch) {
        batch.clear();
        free.offer(batch);
    }
}
