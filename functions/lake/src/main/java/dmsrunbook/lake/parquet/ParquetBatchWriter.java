package dmsrunbook.lake.parquet;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Writes rows of a flat schema to one Parquet file, straight into parquet-java's column writers (no record
 * materialisation, no Hadoop), closing a row group whenever its encoded size reaches the configured bytes.
 */
public final class ParquetBatchWriter implements Closeable {

    private static final int SIZE_CHECK_EVERY_ROWS = 1024;

    private final Path file;
    private final MessageType schema;
    private final WriterSettings settings;
    private final ParquetProperties properties;
    private final ParquetFileWriter fileWriter;
    private final List<ColumnDescriptor> descriptors;
    private final int[] maxDefinition;
    private final List<Long> rowGroupRows = new ArrayList<>();
    private ColumnChunkPageWriteStore pageStore;
    private ColumnWriteStore columnStore;
    private ColumnWriter[] writers;
    private long rowsInGroup;
    private long rows;
    private boolean closed;

    public ParquetBatchWriter(Path file, MessageType schema, WriterSettings settings) throws IOException {
        this.file = file;
        this.schema = schema;
        this.settings = settings;
        this.properties = ParquetProperties.builder()
                .withWriterVersion(settings.version())
                .withPageSize(settings.pageBytes())
                .withDictionaryPageSize(settings.pageBytes())
                .withAllocator(new HeapByteBufferAllocator())
                .build();
        this.fileWriter = new ParquetFileWriter(new LocalOutputFile(file), schema, ParquetFileWriter.Mode.OVERWRITE,
                settings.rowGroupBytes(), 0, null, properties);
        fileWriter.start();
        descriptors = schema.getColumns();
        maxDefinition = new int[descriptors.size()];
        for (int i = 0; i < maxDefinition.length; i++) {
            maxDefinition[i] = descriptors.get(i).getMaxDefinitionLevel();
        }
    }

    public Path file() {
        return file;
    }

    public MessageType schema() {
        return schema;
    }

    /** Writes row {@code row} of {@code batch}, whose schema has this file's columns in the same order. */
    public void write(RowBatch batch, int row) throws IOException {
        if (columnStore == null) {
            startRowGroup();
        }
        for (int c = 0; c < writers.length; c++) {
            batch.column(c).writeTo(writers[c], row, maxDefinition[c]);
        }
        endRow();
    }

    /**
     * Writes row {@code row} of {@code batch} with column {@code c} of this file taken from batch column
     * {@code columnMap[c]} (a negative entry writes null): how a change row becomes a current-state row.
     */
    public void write(RowBatch batch, int row, int[] columnMap) throws IOException {
        if (columnStore == null) {
            startRowGroup();
        }
        for (int c = 0; c < writers.length; c++) {
            int from = columnMap[c];
            if (from < 0) {
                writers[c].writeNull(0, maxDefinition[c] - 1);
            } else {
                batch.column(from).writeTo(writers[c], row, maxDefinition[c]);
            }
        }
        endRow();
    }

    /** Writes every row of {@code batch}. */
    public void writeAll(RowBatch batch) throws IOException {
        int n = batch.rowCount();
        for (int r = 0; r < n; r++) {
            write(batch, r);
        }
    }

    /** Rows written so far. */
    public long rows() {
        return rows;
    }

    /** Bytes in the file so far plus the open row group's buffered bytes: what the file would weigh if closed now. */
    public long approximateSize() throws IOException {
        return fileWriter.getPos() + (columnStore == null ? 0 : columnStore.getBufferedSize());
    }

    /** Row counts of the row groups written so far. */
    public List<Long> rowGroupRows() {
        return List.copyOf(rowGroupRows);
    }

    private void endRow() throws IOException {
        columnStore.endRecord();
        rowsInGroup++;
        rows++;
        if (rowsInGroup % SIZE_CHECK_EVERY_ROWS == 0 && columnStore.getBufferedSize() >= settings.rowGroupBytes()) {
            flushRowGroup();
        }
    }

    private void startRowGroup() {
        pageStore = new ColumnChunkPageWriteStore(LakeCodecFactory.INSTANCE.getCompressor(settings.codec()), schema,
                properties.getAllocator(), properties.getColumnIndexTruncateLength(), properties.getPageWriteChecksumEnabled());
        columnStore = properties.newColumnWriteStore(schema, pageStore, pageStore);
        writers = new ColumnWriter[descriptors.size()];
        for (int i = 0; i < writers.length; i++) {
            writers[i] = columnStore.getColumnWriter(descriptors.get(i));
        }
        rowsInGroup = 0;
    }

    private void flushRowGroup() throws IOException {
        if (columnStore == null || rowsInGroup == 0) {
            return;
        }
        columnStore.flush();
        fileWriter.startBlock(rowsInGroup);
        pageStore.flushToFileWriter(fileWriter);
        fileWriter.endBlock();
        columnStore.close();
        pageStore.close();
        rowGroupRows.add(rowsInGroup);
        columnStore = null;
        pageStore = null;
        writers = null;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        flushRowGroup();
        fileWriter.end(Map.of("writer", "dms-runbook lake"));
    }
}
