package dmsrunbook.lake.testing;

import dmsrunbook.lake.layout.DatePartitioning;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The DMS S3 endpoint settings that change what DMS writes, for the generator to imitate.
 *
 * @param folder              BucketFolder
 * @param partitioning        DatePartitionEnabled / DatePartitionSequence / DatePartitionDelimiter
 * @param timestampColumnName TimestampColumnName, or null
 * @param version             ParquetVersion (parquet-1-0 is DMS's default)
 * @param timestampMillis     ParquetTimestampInMillisecond (DMS's default is micros)
 * @param compression         CompressionType: NONE (DMS's default) or GZIP
 * @param rowGroupRows        RowGroupLength (DMS's default 10,024)
 */
public record DmsEndpointShape(String folder, DatePartitioning partitioning, String timestampColumnName, WriterVersion version,
                               boolean timestampMillis, CompressionCodecName compression, int rowGroupRows) {

    /** DMS's defaults, with BucketFolder {@code dms}. */
    public static DmsEndpointShape defaults() {
        return new DmsEndpointShape("dms", DatePartitioning.NONE, null, WriterVersion.PARQUET_1_0, false,
                CompressionCodecName.UNCOMPRESSED, 10_024);
    }

    public DmsEndpointShape withPartitioning(DatePartitioning value) {
        return new DmsEndpointShape(folder, value, timestampColumnName, version, timestampMillis, compression, rowGroupRows);
    }

    public DmsEndpointShape withTimestampColumn(String value) {
        return new DmsEndpointShape(folder, partitioning, value, version, timestampMillis, compression, rowGroupRows);
    }

    public DmsEndpointShape withVersion(WriterVersion value) {
        return new DmsEndpointShape(folder, partitioning, timestampColumnName, value, timestampMillis, compression, rowGroupRows);
    }

    public DmsEndpointShape withTimestampMillis(boolean value) {
        return new DmsEndpointShape(folder, partitioning, timestampColumnName, version, value, compression, rowGroupRows);
    }

    public DmsEndpointShape withCompression(CompressionCodecName value) {
        return new DmsEndpointShape(folder, partitioning, timestampColumnName, version, timestampMillis, value, rowGroupRows);
    }
}
