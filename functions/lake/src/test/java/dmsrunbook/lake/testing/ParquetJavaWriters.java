package dmsrunbook.lake.testing;

import dmsrunbook.lake.parquet.LakeCodecFactory;
import java.nio.file.Path;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * parquet-java's own record writer, set up without Hadoop: what tests write their input files with, so the lake's
 * readers and copies are checked against files an independent writer made.
 */
public final class ParquetJavaWriters {

    private ParquetJavaWriters() {
    }

    /** A writer of {@code schema} to {@code file} (overwritten), in {@code version} with {@code codec}; more to set on it. */
    public static ExampleParquetWriter.Builder builder(Path file, MessageType schema, WriterVersion version, CompressionCodecName codec) {
        return ExampleParquetWriter.builder(new LocalOutputFile(file))
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(LakeCodecFactory.INSTANCE)
                .withType(schema)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withWriterVersion(version)
                .withCompressionCodec(codec);
    }
}
