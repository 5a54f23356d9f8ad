package dmsrunbook.lake.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.parquet.HadoopFreeReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.internal.column.columnindex.ColumnIndex;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Reads a file the lake wrote with parquet-java's own column readers (not the lake's) and checks, row group by row
 * group, that every column chunk's statistics and every page's column-index entry (min, max, null count) are exactly
 * those of the values read back. Values: Integer, Long, Double, Float, Boolean, String, byte[] (fixed-length), null.
 */
final class ParquetJavaReadBack {

    private ParquetJavaReadBack() {
    }

    /** Every row of {@code file} in {@code schema}'s column order, statistics and page indexes checked on the way. */
    static List<Object[]> rows(Path file, MessageType schema) throws IOException {
        List<Object[]> rows = new ArrayList<>();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), HadoopFreeReadOptions.with(LakeCodecFactory.INSTANCE))) {
            PageReadStore pages;
            int group = 0;
            while ((pages = reader.readNextRowGroup()) != null) {
                BlockMetaData block = reader.getRowGroups().get(group++);
                int firstRow = rows.size();
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, new NoConverter(), schema, "test");
                List<ColumnReader> readers = new ArrayList<>();
                for (ColumnDescriptor descriptor : schema.getColumns()) {
                    readers.add(store.getColumnReader(descriptor));
                }
                for (long r = 0; r < pages.getRowCount(); r++) {
                    Object[] row = new Object[readers.size()];
                    for (int c = 0; c < readers.size(); c++) {
                        row[c] = value(readers.get(c), schema.getColumns().get(c));
                    }
                    rows.add(row);
                }
                List<Object[]> groupRows = rows.subList(firstRow, rows.size());
                for (int c = 0; c < schema.getFieldCount(); c++) {
                    ColumnChunkMetaData chunk = block.getColumns().get(c);
                    PrimitiveType type = schema.getType(c).asPrimitiveType();
                    assertRange(type, chunk.getStatistics(), groupRows, c, 0, groupRows.size(), "chunk");
                    assertPages(type, reader.readColumnIndex(chunk), reader.readOffsetIndex(chunk), groupRows, c);
                }
            }
        }
        return rows;
    }

    /** Each page's column-index min, max and null count are exactly those of its rows. */
    private static void assertPages(PrimitiveType type, ColumnIndex index, OffsetIndex offsets, List<Object[]> rows, int column) {
        assertThat(index).as("column index of %s", type.getName()).isNotNull();
        int pages = offsets.getPageCount();
        for (int p = 0; p < pages; p++) {
            int from = (int) offsets.getFirstRowIndex(p);
            int to = p + 1 < pages ? (int) offsets.getFirstRowIndex(p + 1) : rows.size();
            String what = "page " + p + " (rows " + from + ".." + to + ")";
            long nulls = rows.subList(from, to).stream().filter(row -> row[column] == null).count();
            assertThat(index.getNullCounts().get(p)).as("nulls of %s %s", type.getName(), what).isEqualTo(nulls);
            assertThat(index.getNullPages().get(p)).as("%s %s all null", type.getName(), what).isEqualTo(nulls == to - from);
            if (nulls == to - from) {
                continue;
            }
            Statistics<?> stats = Statistics.getBuilderForReading(type)
                    .withMin(bytes(index.getMinValues().get(p))).withMax(bytes(index.getMaxValues().get(p))).withNumNulls(nulls).build();
            assertRange(type, stats, rows, column, from, to, what);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void assertRange(PrimitiveType type, Statistics<?> stats, List<Object[]> rows, int column, int from, int to, String what) {
        Comparable min = null;
        Comparable max = null;
        Comparator comparator = type.comparator();
        for (int r = from; r < to; r++) {
            Object value = rows.get(r)[column];
            if (value == null) {
                continue;
            }
            Comparable typed = value instanceof String text ? Binary.fromString(text)
                    : value instanceof byte[] bytes ? Binary.fromConstantByteArray(bytes) : (Comparable) value;
            if (min == null || comparator.compare(typed, min) < 0) {
                min = typed;
            }
            if (max == null || comparator.compare(typed, max) > 0) {
                max = typed;
            }
        }
        if (min == null) {
            assertThat(stats.hasNonNullValue()).as("%s of %s has no values", what, type.getName()).isFalse();
            return;
        }
        assertThat(comparator.compare(stats.genericGetMin(), min)).as("min of %s, %s", type.getName(), what).isZero();
        assertThat(comparator.compare(stats.genericGetMax(), max)).as("max of %s, %s", type.getName(), what).isZero();
    }

    private static byte[] bytes(java.nio.ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static Object value(ColumnReader reader, ColumnDescriptor descriptor) {
        Object value = null;
        if (reader.getCurrentDefinitionLevel() == descriptor.getMaxDefinitionLevel()) {
            value = switch (descriptor.getPrimitiveType().getPrimitiveTypeName()) {
                case INT32 -> reader.getInteger();
                case INT64 -> reader.getLong();
                case DOUBLE -> reader.getDouble();
                case FLOAT -> reader.getFloat();
                case BOOLEAN -> reader.getBoolean();
                case FIXED_LEN_BYTE_ARRAY -> reader.getBinary().getBytes();
                default -> reader.getBinary().toStringUsingUTF8();
            };
        }
        reader.consume();
        return value;
    }

    private static final class NoConverter extends GroupConverter {
        @Override
        public Converter getConverter(int fieldIndex) {
            return new PrimitiveConverter() {
            };
        }

        @Override
        public void start() {
        }

        @Override
        public void end() {
        }
    }
}
