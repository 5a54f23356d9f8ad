package dmsrunbook.lake.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.parquet.HadoopFreeReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lake's own page encoder, checked by parquet-java's reader (not the lake's): every value, null and statistic. */
class ParquetBatchWriterTest {

    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message t {
              required int64 id; optional int32 small; optional int64 big; optional double d; optional float f;
              optional boolean b; optional binary s (STRING); optional binary repeated (STRING);
              optional fixed_len_byte_array(6) money (DECIMAL(12,2)); optional binary empty (STRING);
            }""");

    @TempDir
    Path dir;

    @Test
    void everyTypeWithNullsDictionariesFallbacksAndManyPages_readsBackExactlyWithParquetJava() throws IOException {
        // GIVEN rows mixing nulls, repeated values (dictionary), unique long strings (dictionary overflow -> PLAIN)
        Random random = new Random(3);
        int rows = 70_000;
        RowBatch batch = new RowBatch(SCHEMA, rows);
        List<Object[]> expected = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            Object[] row = {(long) r, random.nextInt(10) == 0 ? null : random.nextInt(50) - 25,
                    random.nextInt(5) == 0 ? null : random.nextLong(), random.nextInt(7) == 0 ? null : random.nextDouble() * 1000 - 500,
                    random.nextBoolean() ? null : random.nextFloat(), random.nextInt(3) == 0 ? null : random.nextBoolean(),
                    random.nextInt(9) == 0 ? null : "unique-" + r + "-" + "x".repeat(random.nextInt(40)),
                    random.nextInt(4) == 0 ? null : (random.nextBoolean() ? "c" + random.nextInt(6) : "colour-" + random.nextInt(6)),
                    random.nextInt(8) == 0 ? null : money(random.nextLong() % 100_000_000_000L), null};
            expected.add(row);
            for (int c = 0; c < row.length; c++) {
                add(batch.column(c), row[c]);
            }
        }
        Path file = dir.resolve("out.parquet");
        try (ParquetBatchWriter writer = new ParquetBatchWriter(file, SCHEMA, WriterSettings.defaults().withRowGroupBytes(1 << 20), batch)) {
            writer.writeRange(batch, 0, rows / 3);
            int[] picked = new int[rows - rows / 3];
            for (int i = 0; i < picked.length; i++) {
                picked[i] = rows / 3 + i;
            }
            writer.writeRows(batch, picked, picked.length, java.util.stream.IntStream.range(0, SCHEMA.getFieldCount()).toArray());
        }

        // WHEN parquet-java reads it back (checking every chunk's statistics and every page's index)
        List<Object[]> actual = ParquetJavaReadBack.rows(file, SCHEMA);
        long[] nullsSeen = new long[SCHEMA.getFieldCount()];
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), HadoopFreeReadOptions.with(LakeCodecFactory.INSTANCE))) {
            assertThat(reader.getRowGroups()).hasSizeGreaterThan(1);
            for (BlockMetaData block : reader.getRowGroups()) {
                for (ColumnChunkMetaData chunk : block.getColumns()) {
                    nullsSeen[SCHEMA.getFieldIndex(chunk.getPath().toDotString())] += chunk.getStatistics().getNumNulls();
                }
            }
        }

        // THEN every value and every null is there, in order, and the footer's null counts are right
        assertThat(actual).hasSize(rows);
        for (int r = 0; r < rows; r++) {
            assertThat(actual.get(r)).as("row %d", r).containsExactly(expected.get(r));
        }
        for (int c = 0; c < SCHEMA.getFieldCount(); c++) {
            int column = c;
            assertThat(nullsSeen[c]).as("nulls of %s", SCHEMA.getFieldName(c))
                    .isEqualTo(expected.stream().filter(row -> row[column] == null).count());
        }
    }

    static byte[] money(long unscaled) {
        byte[] full = java.math.BigInteger.valueOf(unscaled).toByteArray();
        byte[] fixed = new byte[6];
        java.util.Arrays.fill(fixed, (byte) (unscaled < 0 ? 0xFF : 0));
        System.arraycopy(full, Math.max(0, full.length - 6), fixed, Math.max(0, 6 - full.length), Math.min(6, full.length));
        return fixed;
    }

    private static void add(ColumnValues column, Object value) {
        if (value == null) {
            column.addNull();
            return;
        }
        switch (column.type()) {
            case INT32 -> column.addInt((Integer) value);
            case INT64 -> column.addLong((Long) value);
            case DOUBLE -> {
                column.ensure(column.size() + 1);
                column.doubles[column.size++] = (Double) value;
            }
            case FLOAT -> {
                column.ensure(column.size() + 1);
                column.floats[column.size++] = (Float) value;
            }
            case BOOLEAN -> {
                column.ensure(column.size() + 1);
                column.booleans[column.size++] = (Boolean) value;
            }
            default -> column.addBinary(value instanceof String text ? Binary.fromString(text) : Binary.fromConstantByteArray((byte[]) value));
        }
    }
}
