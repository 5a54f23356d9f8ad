package dmsrunbook.lake.parquet;

import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * How the lake writes Parquet files.
 *
 * @param codec         page compression (default SNAPPY, as Athena reads fastest)
 * @param rowGroupBytes a row group is closed once its encoded size reaches this (default 32 MiB: big enough for
 *                      Athena to read in large sequential ranges, small enough that reading one fits a 512 MB heap)
 * @param pageBytes     target page size (default 1 MiB)
 * @param version       Parquet writer version (default 1.0: every reader understands it)
 */
public record WriterSettings(CompressionCodecName codec, long rowGroupBytes, int pageBytes, WriterVersion version) {

    public static final long DEFAULT_ROW_GROUP_BYTES = 32L << 20;

    public static WriterSettings defaults() {
        return new WriterSettings(CompressionCodecName.SNAPPY, DEFAULT_ROW_GROUP_BYTES, 1 << 20, WriterVersion.PARQUET_1_0);
    }

    public WriterSettings withRowGroupBytes(long bytes) {
        return new WriterSettings(codec, bytes, pageBytes, version);
    }

    public WriterSettings withCodec(CompressionCodecName newCodec) {
        return new WriterSettings(newCodec, rowGroupBytes, pageBytes, version);
    }
}
