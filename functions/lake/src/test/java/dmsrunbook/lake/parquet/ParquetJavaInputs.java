package dmsrunbook.lake.parquet;

import dmsrunbook.lake.testing.ParquetJavaWriters;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroup;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.Type;

/**
 * Input files written by parquet-java itself (not the lake) in every shape the lake's readers and copies treat
 * differently: small dictionary pages, whole PLAIN pages, v2 pages with Snappy, gzip, a file lacking a column. The
 * rows written are kept (in {@link #SCHEMA}'s column order, null where a file lacks the column) for comparison.
 */
final class ParquetJavaInputs {

    static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message t {
              required int64 id; optional int32 small; optional int64 big; optional double d; optional float f;
              optional boolean b; optional binary s (STRING); optional binary repeated (STRING);
              optional fixed_len_byte_array(6) money (DECIMAL(12,2)); optional binary empty (STRING);
            }""");

    /**
     * How parquet-java writes one input.
     *
     * @param name            file name and what the shape is for
     * @param rows            rows to write
     * @param version         writer version (v2 writes data pages v2)
     * @param dictionary      whether dictionary encoding is on
     * @param pageRows        page row count limit
     * @param rowGroupRows    row group row count limit
     * @param codec           compression
     * @param withoutRepeated whether the file lacks the {@code repeated} column
     */
    record Shape(String name, int rows, WriterVersion version, boolean dictionary, int pageRows, int rowGroupRows,
                 CompressionCodecName codec, boolean withoutRepeated) {
    }

    static final List<Shape> SHAPES = List.of(
            new Shape("small dictionary pages", 3_001, WriterVersion.PARQUET_1_0, true, 333, 1_000, CompressionCodecName.UNCOMPRESSED, false),
            new Shape("whole plain pages", 25_000, WriterVersion.PARQUET_1_0, false, 20_000, 30_000, CompressionCodecName.UNCOMPRESSED, false),
            new Shape("v2 pages, snappy", 7_000, WriterVersion.PARQUET_2_0, true, 1_000, 3_000, CompressionCodecName.SNAPPY, false),
            new Shape("gzip, no repeated column", 2_000, WriterVersion.PARQUET_1_0, false, 500, 2_000, CompressionCodecName.GZIP, true));

    private ParquetJavaInputs() {
    }

    /** Writes one file of {@code shape} into {@code dir}, adding its rows to {@code expected}. */
    static Path write(Path dir, Shape shape, Random random, List<Object[]> expected) throws IOException {
        MessageType schema = shape.withoutRepeated() ? without(SCHEMA, "repeated") : SCHEMA;
        Path file = dir.resolve(shape.name().replaceAll("[^a-z0-9]+", "-") + ".parquet");
        try (ParquetWriter<Group> writer = ParquetJavaWriters.builder(file, schema, shape.version(), shape.codec())
                .withDictionaryEncoding(shape.dictionary())
                .withPageRowCountLimit(shape.pageRows())
                .withRowGroupRowCountLimit(shape.rowGroupRows())
                .build()) {
            for (int r = 0; r < shape.rows(); r++) {
                long id = expected.size();
                Object[] row = {id, random.nextInt(10) == 0 ? null : random.nextInt(50) - 25,
                        random.nextInt(5) == 0 ? null : random.nextLong(), random.nextInt(7) == 0 ? null : random.nextDouble() * 1000 - 500,
                        random.nextBoolean() ? null : random.nextFloat(), random.nextInt(3) == 0 ? null : random.nextBoolean(),
                        random.nextInt(9) == 0 ? null : "same-prefix-" + random.nextInt(1_000_000) + "-" + "x".repeat(random.nextInt(30)),
                        shape.withoutRepeated() || random.nextInt(4) == 0 ? null
                                : (random.nextBoolean() ? "c" + random.nextInt(6) : "colour-" + random.nextInt(6)),
                        random.nextInt(8) == 0 ? null : ParquetBatchWriterTest.money(random.nextLong() % 100_000_000_000L), null};
                expected.add(row);
                SimpleGroup group = new SimpleGroup(schema);
                for (int c = 0; c < row.length; c++) {
                    String name = SCHEMA.getFieldName(c);
                    if (row[c] == null || !schema.containsField(name)) {
                        continue;
                    }
                    int field = schema.getFieldIndex(name);
                    Object value = row[c];
                    if (value instanceof Long v) {
                        group.add(field, v);
                    } else if (value instanceof Integer v) {
                        group.add(field, v);
                    } else if (value instanceof Double v) {
                        group.add(field, v);
                    } else if (value instanceof Float v) {
                        group.add(field, v);
                    } else if (value instanceof Boolean v) {
                        group.add(field, v);
                    } else if (value instanceof String v) {
                        group.add(field, Binary.fromString(v));
                    } else {
                        group.add(field, Binary.fromConstantByteArray((byte[]) value));
                    }
                }
                writer.write(group);
            }
        }
        return file;
    }

    private static MessageType without(MessageType schema, String column) {
        List<Type> fields = new ArrayList<>(schema.getFields());
        fields.removeIf(field -> field.getName().equals(column));
        return new MessageType(schema.getName(), fields);
    }
}
