package dmsrunbook.lake.parquet;

import dmsrunbook.lake.layout.ChangeSequence;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Writes rows of a flat schema to one Parquet file, straight into parquet-java's column writers (no record
 * materialisation, no Hadoop), encoding columns in parallel, closing a row group whenever its encoded size reaches
 * the configured bytes. Dictionary encoding is kept only for columns whose sample shows repeated values: building a
 * dictionary for unique values (keys, timestamps, amounts) and then falling back costs more than it saves.
 */
public final class ParquetBatchWriter implements Closeable {

    private static final int SIZE_CHECK_EVERY_ROWS = 4096;
    private static final int MAGIC_BYTES = 4;
    private static final ExecutorService FILE_WRITER = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "lake-file-writer");
        thread.setDaemon(true);
        return thread;
    });
    private static final int SAMPLE_ROWS = 4096;
    /** Fewer sampled values than this say nothing about a column: its type decides. */
    private static final int MIN_SAMPLE_VALUES = 256;

    private final Path file;
    private final MessageType schema;
    private final WriterSettings settings;
    private final ParquetProperties properties;
    private final ParquetFileWriter fileWriter;
    private final List<ColumnDescriptor> descriptors;
    private final int[] maxDefinition;
    private final int[] identity;
    private final List<Long> rowGroupRows = new ArrayList<>();
    private final boolean[] dictionary;
    private ColumnChunkPageWriteStore pageStore;
    private ColumnChunkWriter[] writers;
    private long rowsInGroup;
    private long rowsSinceSizeCheck;
    private long rows;
    private boolean closed;
    // The row group being written to the file by FILE_WRITER, and the bytes of those handed to it so far.
    private Future<?> flushing;
    private long handedOverBytes;

    /** A writer deciding dictionary encoding per column from {@code sample} (null: by type). */
    public ParquetBatchWriter(Path file, MessageType schema, WriterSettings settings, RowBatch sample) throws IOException {
        this(file, schema, settings, uniqueColumns(schema, sample));
    }

    /**
     * A writer for {@link #appendRowGroup copies} of files like {@code like}'s: a column is dictionary-encoded when
     * {@code like} stores it so (its writer saw the data; the copy then renumbers ids instead of decoding values),
     * by type when {@code like} lacks it.
     */
    public static ParquetBatchWriter forCopiesOf(Path file, MessageType schema, WriterSettings settings, ParquetBatchReader like)
            throws IOException {
        if (!like.target().equals(schema)) {
            throw new IllegalArgumentException("a copy writes the schema it reads: " + like.target() + " is not " + schema);
        }
        Set<String> unique = uniqueColumns(schema, null);
        for (int c = 0; c < schema.getFieldCount(); c++) {
            Boolean dictionary = like.dictionaryEncoded(c);
            String name = schema.getFieldName(c);
            if (Boolean.TRUE.equals(dictionary) && !ChangeSequence.COLUMN.equals(name)) {
                unique.remove(name);
            } else if (Boolean.FALSE.equals(dictionary)) {
                unique.add(name);
            }
        }
        return new ParquetBatchWriter(file, schema, settings, unique);
    }

    private ParquetBatchWriter(Path file, MessageType schema, WriterSettings settings, Set<String> unique) throws IOException {
        this.file = file;
        this.schema = schema;
        this.settings = settings;
        ParquetProperties.Builder builder = ParquetProperties.builder()
                .withWriterVersion(settings.version())
                .withPageSize(settings.pageBytes())
                .withDictionaryPageSize(settings.pageBytes())
                .withSizeStatisticsEnabled(false)
                .withAllocator(RecyclingHeapAllocator.INSTANCE);
        this.properties = builder.build();
        this.fileWriter = new ParquetFileWriter(new LocalOutputFile(file), schema, ParquetFileWriter.Mode.OVERWRITE,
                settings.rowGroupBytes(), 0, null, properties);
        fileWriter.start();
        descriptors = schema.getColumns();
        maxDefinition = new int[descriptors.size()];
        identity = new int[descriptors.size()];
        dictionary = new boolean[descriptors.size()];
        for (int i = 0; i < maxDefinition.length; i++) {
            maxDefinition[i] = descriptors.get(i).getMaxDefinitionLevel();
            identity[i] = i;
            dictionary[i] = !unique.contains(descriptors.get(i).getPath()[0]);
        }
    }

    public ParquetBatchWriter(Path file, MessageType schema, WriterSettings settings) throws IOException {
        this(file, schema, settings, (RowBatch) null);
    }

    public Path file() {
        return file;
    }

    public MessageType schema() {
        return schema;
    }

    /**
     * Writes rows {@code from..to-1} of {@code batch}, column {@code c} of this file taken from batch column
     * {@code columnMap[c]} (a negative entry writes null): how a change row becomes a current-state row.
     */
    public void writeRange(RowBatch batch, int from, int to, int[] columnMap) throws IOException {
        // Row groups can only end between slices: keep slices small enough to honour the row group size.
        for (int start = from; start < to; start += SIZE_CHECK_EVERY_ROWS) {
            int sliceFrom = start;
            int sliceTo = Math.min(to, start + SIZE_CHECK_EVERY_ROWS);
            writeSlice(sliceTo - sliceFrom, columnMap, (writer, values) -> writer.write(values, sliceFrom, sliceTo), batch);
        }
    }

    /** Writes rows {@code from..to-1} of {@code batch} (same columns in the same order). */
    public void writeRange(RowBatch batch, int from, int to) throws IOException {
        writeRange(batch, from, to, identity);
    }

    /** Writes the first {@code count} rows listed in {@code rowNumbers}, columns mapped as in {@link #writeRange}. */
    public void writeRows(RowBatch batch, int[] rowNumbers, int count, int[] columnMap) throws IOException {
        for (int start = 0; start < count; start += SIZE_CHECK_EVERY_ROWS) {
            int slice = Math.min(count - start, SIZE_CHECK_EVERY_ROWS);
            int[] rows = start == 0 ? rowNumbers : java.util.Arrays.copyOfRange(rowNumbers, start, start + slice);
            writeSlice(slice, columnMap, (writer, values) -> writer.write(values, rows, slice), batch);
        }
    }

    /**
     * Appends the whole row group {@code reader} stands at ({@link ParquetBatchReader#nextRowGroup}, in this writer's
     * schema) to the open row group, column chunks copied page by page with their values as encoded where the
     * encodings allow, in parallel. Column {@code given} (-1: none) comes from {@code givenValues} instead: the caller
     * read it ({@link ParquetBatchReader#readRowGroupColumn}), e.g. to check it. The open row group is closed after
     * the copy once it reaches the configured size, so row groups grow from small inputs' and stay whole.
     */
    public void appendRowGroup(ParquetBatchReader reader, int given, ColumnValues givenValues) throws IOException {
        int rows = reader.groupRows();
        if (given >= 0 && givenValues.size() != rows) {
            throw new IllegalArgumentException("column " + given + " has " + givenValues.size() + " values for " + rows + " rows");
        }
        startRowGroupIfNeeded();
        ColumnTasks.forEachColumn(writers.length, rows, c -> {
            if (c == given) {
                writers[c].write(givenValues, 0, rows);
            } else {
                reader.copyColumn(c, writers[c]);
            }
        });
        rowsInGroup += rows;
        this.rows += rows;
        rowsSinceSizeCheck = 0;
        if (bufferedBytes() >= settings.rowGroupBytes()) {
            flushRowGroup();
        }
    }

    /** Appends one slice of rows to one column. */
    @FunctionalInterface
    private interface SliceWrite {
        void into(ColumnChunkWriter writer, ColumnValues values) throws IOException;
    }

    private void writeSlice(int count, int[] columnMap, SliceWrite slice, RowBatch batch) throws IOException {
        startRowGroupIfNeeded();
        ColumnTasks.forEachColumn(writers.length, count, c -> {
            int source = columnMap[c];
            if (source < 0) {
                writers[c].writeNulls(count);
            } else {
                slice.into(writers[c], batch.column(source));
            }
        });
        endRows(count);
    }

    /** Rows written so far. */
    public long rows() {
        return rows;
    }

    /** Bytes in the file so far plus the open row group's buffered bytes: what the file would weigh if closed now. */
    public long approximateSize() throws IOException {
        return MAGIC_BYTES + handedOverBytes + bufferedBytes();
    }

    /** Row counts of the row groups written so far. */
    public List<Long> rowGroupRows() {
        return List.copyOf(rowGroupRows);
    }

    private long bufferedBytes() {
        if (pageStore == null) {
            return 0;
        }
        long bytes = 0;
        for (ColumnChunkWriter writer : writers) {
            bytes += writer.bufferedBytes();
        }
        return bytes;
    }

    private void endRows(int count) throws IOException {
        rowsInGroup += count;
        rows += count;
        rowsSinceSizeCheck += count;
        if (rowsSinceSizeCheck >= SIZE_CHECK_EVERY_ROWS) {
            rowsSinceSizeCheck = 0;
            if (bufferedBytes() >= settings.rowGroupBytes()) {
                flushRowGroup();
            }
        }
    }

    private void startRowGroupIfNeeded() {
        if (pageStore != null) {
            return;
        }
        pageStore = new ColumnChunkPageWriteStore(LakeCodecFactory.INSTANCE.getCompressor(settings.codec()), schema,
                properties.getAllocator(), properties.getColumnIndexTruncateLength(), properties.getPageWriteChecksumEnabled());
        if (writers == null) {
            writers = new ColumnChunkWriter[descriptors.size()];
            for (int i = 0; i < writers.length; i++) {
                writers[i] = new ColumnChunkWriter(descriptors.get(i), pageStore.getPageWriter(descriptors.get(i)), dictionary[i],
                        settings.pageBytes());
            }
        } else {
            for (int i = 0; i < writers.length; i++) {
                writers[i].restart(pageStore.getPageWriter(descriptors.get(i)));
            }
        }
        rowsInGroup = 0;
    }

    private void flushRowGroup() throws IOException {
        if (pageStore == null || rowsInGroup == 0) {
            return;
        }
        ColumnTasks.forEachColumn(writers.length, (int) Math.min(Integer.MAX_VALUE, rowsInGroup), c -> writers[c].finish());
        long groupBytes = bufferedBytes();
        long groupRows = rowsInGroup;
        ColumnChunkPageWriteStore group = pageStore;
        pageStore = null;
        awaitFlush();
        // The file write (a buffered copy into the page cache: much of a copy's time) runs beside the next row group's
        // work. One row group at a time is in flight, so memory holds at most two.
        flushing = FILE_WRITER.submit(() -> {
            fileWriter.startBlock(groupRows);
            group.flushToFileWriter(fileWriter);
            fileWriter.endBlock();
            group.close();
            return null;
        });
        handedOverBytes += groupBytes;
        rowGroupRows.add(groupRows);
    }

    /** Waits for the row group being written to the file, if any, and reports its failure. */
    private void awaitFlush() throws IOException {
        if (flushing == null) {
            return;
        }
        Future<?> pending = flushing;
        flushing = null;
        try {
            pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while writing a row group of " + file);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IOException(e.getCause());
        }
    }

    /** Columns whose sampled values are mostly distinct (and the change sequence, always unique). */
    private static Set<String> uniqueColumns(MessageType schema, RowBatch sample) {
        Set<String> unique = new HashSet<>();
        if (schema.containsField(ChangeSequence.COLUMN)) {
            unique.add(ChangeSequence.COLUMN);
        }
        int rows = sample == null ? 0 : Math.min(SAMPLE_ROWS, sample.rowCount());
        for (int c = 0; c < schema.getFieldCount(); c++) {
            String name = schema.getFieldName(c);
            int present = 0;
            Set<Object> distinct = new HashSet<>();
            if (rows > 0 && sample.schema().containsField(name)) {
                ColumnValues values = sample.column(sample.schema().getFieldIndex(name));
                for (int r = 0; r < rows; r++) {
                    if (!values.isNull(r)) {
                        present++;
                        distinct.add(values.get(r));
                    }
                }
            }
            if (present >= MIN_SAMPLE_VALUES) {
                if (distinct.size() * 2 > present) {
                    unique.add(name);
                }
            } else if (uniqueByType(schema.getType(c).asPrimitiveType().getPrimitiveTypeName())) {
                unique.add(name);
            }
        }
        return unique;
    }

    /** Without a sample worth the name: numbers and decimals are usually all different (keys, amounts, times). */
    private static boolean uniqueByType(org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName type) {
        return switch (type) {
            case INT64, DOUBLE, FLOAT, FIXED_LEN_BYTE_ARRAY -> true;
            default -> false;
        };
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            flushRowGroup();
            awaitFlush();
            fileWriter.end(Map.of("writer", "dms-runbook lake"));
        } catch (IOException | RuntimeException e) {
            try {
                awaitFlush();
            } catch (IOException | RuntimeException ignored) {
                // The first failure is the one to report.
            }
            try {
                fileWriter.close();
            } catch (IOException | RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }
}
