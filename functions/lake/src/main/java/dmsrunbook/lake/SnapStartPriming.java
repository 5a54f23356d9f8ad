package dmsrunbook.lake;

import dmsrunbook.lake.events.S3EventNotices;
import dmsrunbook.lake.parquet.ParquetBatchReader;
import dmsrunbook.lake.parquet.ParquetBatchWriter;
import dmsrunbook.lake.parquet.RowBatch;
import dmsrunbook.lake.parquet.WriterSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Warms the lake's code paths before SnapStart takes its snapshot: writes and reads a tiny Parquet file (codecs,
 * page encoder and decoder, parquet-java's metadata classes) and parses a sample S3 notification, so the first real
 * batch after a restore does not pay for class loading and interpretation.
 */
final class SnapStartPriming implements Resource {

    private static final String SAMPLE_EVENT = "{\"Records\":[{\"eventName\":\"ObjectCreated:Put\",\"s3\":{\"bucket\":{\"name\":\"b\"},"
            + "\"object\":{\"key\":\"dms/public/t/LOAD00000001.parquet\",\"eTag\":\"e\"}}}]}";

    private SnapStartPriming() {
    }

    /** Registers the priming with the CRaC runtime (a no-op outside SnapStart). */
    static void register() {
        Core.getGlobalContext().register(new SnapStartPriming());
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) throws Exception {
        S3EventNotices.parse(SAMPLE_EVENT);
        MessageType schema = MessageTypeParser.parseMessageType(
                "message t { optional binary Op (STRING); optional int64 id; optional double v; required int64 dms_change_seq; }");
        RowBatch batch = new RowBatch(schema, 64);
        for (int i = 0; i < 64; i++) {
            batch.column(0).addBinary(Binary.fromString(i % 3 == 0 ? "D" : "U"));
            batch.column(1).addLong(i);
            batch.column(2).addNull();
            batch.column(3).addLong(i + 1);
        }
        Path file = Files.createTempFile("lake-priming-", ".parquet");
        try {
            try (ParquetBatchWriter writer = new ParquetBatchWriter(file, schema, WriterSettings.defaults(), batch)) {
                writer.writeRange(batch, 0, batch.rowCount());
            }
            try (ParquetBatchReader reader = ParquetBatchReader.open(file, schema, ParquetBatchReader.MissingColumn.NULLS)) {
                while (reader.next(batch)) {
                    // decoding is the point
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to renew: the AWS clients resolve credentials on each call.
    }
}
