package dmsrunbook.lake.parquet;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.HadoopFreeReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads a flat Parquet file in chunks of rows (never a whole row group at once, so memory stays flat however large
 * the row groups) into {@link RowBatch}es of a target schema, matching columns by name, decoding columns in
 * parallel. Target columns the file lacks are handed to a {@link MissingColumn} to fill. Opens
 * {@code ParquetFileReader} directly with the lake's codecs: no Hadoop on the class path.
 */
public final class ParquetBatchReader implements Closeable {

    /** Rows per chunk: large enough to amortise per-chunk work, small enough to keep batches a few MB. */
    public static final int CHUNK_ROWS = 8192;

    private static final ParquetReadOptions READ_OPTIONS = HadoopFreeReadOptions.with(LakeCodecFactory.INSTANCE,
            RecyclingHeapAllocator.INSTANCE);

    private final ParquetFileReader reader;
    private final MessageType fileSchema;
    private final MessageType target;
    private final int[] sourceIndex;
    private final ColumnDescriptor[] descriptors;
    private final MissingColumn missing;
    private final PageDecoder[] decoders;
    private long rowsLeftInGroup;
    private long rowsRead;
    private int chunkRows;
    private int groupRows;
    // The row group nextRowGroup() read: its buffers go back to the allocator once it has been copied. Row groups
    // read in chunks are never given back, as batches may still point into their pages.
    private PageReadStore copiedGroup;

    /** Fills a target column the file does not have, for rows {@code firstRow..firstRow+count-1} of the file. */
    @FunctionalInterface
    public interface MissingColumn {
        void fill(int targetColumn, ColumnValues values, long firstRow, int count);

        /** Fills with nulls. */
        MissingColumn NULLS = (column, values, firstRow, count) -> {
            for (int i = 0; i < count; i++) {
                values.addNull();
            }
        };
    }

    private ParquetBatchReader(ParquetFileReader reader, MessageType target, MissingColumn missing) {
        this.reader = reader;
        FileMetaData meta = reader.getFooter().getFileMetaData();
        this.fileSchema = meta.getSchema();
        this.target = target;
        this.missing = missing;
        List<Type> fields = target.getFields();
        sourceIndex = new int[fields.size()];
        descriptors = new ColumnDescriptor[fields.size()];
        decoders = new PageDecoder[fields.size()];
        List<Type> requested = new ArrayList<>();
        for (int i = 0; i < sourceIndex.length; i++) {
            String name = fields.get(i).getName();
            sourceIndex[i] = fileSchema.containsField(name) ? fileSchema.getFieldIndex(name) : -1;
            if (sourceIndex[i] >= 0) {
                requested.add(fileSchema.getType(sourceIndex[i]));
                descriptors[i] = fileSchema.getColumns().get(sourceIndex[i]);
            }
        }
        // Only the target's columns are read from disk: a key-only pass skips the other column chunks.
        if (requested.size() < fileSchema.getFieldCount()) {
            reader.setRequestedSchema(new MessageType(fileSchema.getName(), requested));
        }
    }

    /** Opens {@code file}; throws {@link IOException} when it is not Parquet (bad magic, truncated footer). */
    public static ParquetBatchReader open(Path file, MessageType target, MissingColumn missing) throws IOException {
        ParquetBatchReader batchReader = new ParquetBatchReader(ParquetFileReader.open(new LocalFileInput(file), READ_OPTIONS), target, missing);
        batchReader.checkTypes();
        return batchReader;
    }

    /** Reads only the footer's schema. */
    public static MessageType readSchema(Path file) throws IOException {
        return footer(file).schema();
    }

    /**
     * A file's footer facts, read without decoding any data.
     *
     * @param schema the file's schema
     * @param rows   rows the footer declares
     */
    public record Footer(MessageType schema, long rows) {
    }

    /** Reads the footer; throws {@link IOException} when the file is not Parquet or its footer is damaged. */
    public static Footer footer(Path file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalFileInput(file), READ_OPTIONS)) {
            return new Footer(reader.getFooter().getFileMetaData().getSchema(), reader.getRecordCount());
        }
    }

    public static ParquetReadOptions readOptions() {
        return READ_OPTIONS;
    }

    public MessageType fileSchema() {
        return fileSchema;
    }

    public long totalRows() {
        return reader.getRecordCount();
    }

    /** Clears {@code batch} and reads the next chunk of rows into it; false at the end of the file. */
    public boolean next(RowBatch batch) throws IOException {
        batch.clear();
        if (beginChunk() == 0) {
            return false;
        }
        readColumns(batch, null);
        return true;
    }

    /**
     * Starts the next chunk and returns its row count (0 at the end of the file). The caller then reads the
     * chunk's columns with {@link #readColumns}, each exactly once, before the next chunk.
     */
    public int beginChunk() throws IOException {
        while (rowsLeftInGroup == 0) {
            PageReadStore pages = reader.readNextRowGroup();
            if (pages == null) {
                chunkRows = 0;
                return 0;
            }
            rowsLeftInGroup = pages.getRowCount();
            for (int c = 0; c < descriptors.length; c++) {
                if (descriptors[c] != null) {
                    if (decoders[c] == null) {
                        decoders[c] = new PageDecoder(descriptors[c]);
                    }
                    decoders[c].startChunk(pages.getPageReader(descriptors[c]));
                }
            }
        }
        chunkRows = (int) Math.min(CHUNK_ROWS, rowsLeftInGroup);
        rowsLeftInGroup -= chunkRows;
        rowsRead += chunkRows;
        return chunkRows;
    }

    /**
     * Appends the current chunk's values of target columns {@code columns} (all when null) to {@code batch}.
     * Columns are decoded in parallel.
     */
    public void readColumns(RowBatch batch, int[] columns) throws IOException {
        int count = columns == null ? sourceIndex.length : columns.length;
        long firstRow = rowsRead - chunkRows;
        int rows = chunkRows;
        ColumnTasks.forEachColumn(count, rows, i -> {
            int c = columns == null ? i : columns[i];
            ColumnValues values = batch.column(c);
            if (decoders[c] == null) {
                missing.fill(c, values, firstRow, rows);
            } else {
                decoders[c].read(values, rows);
            }
        });
    }

    /**
     * Moves to the next whole row group, for {@link ParquetBatchWriter#appendRowGroup} to copy, and returns its row
     * count (0 at the end of the file). Not to be mixed with {@link #beginChunk} on the same row group.
     */
    public int nextRowGroup() throws IOException {
        if (rowsLeftInGroup != 0) {
            throw new IllegalStateException("the current row group was read in part: it cannot be copied whole");
        }
        releaseCopiedGroup();
        PageReadStore pages;
        do {
            pages = reader.readNextRowGroup();
            if (pages == null) {
                groupRows = 0;
                return 0;
            }
        } while (pages.getRowCount() == 0);
        copiedGroup = pages;
        if (pages.getRowCount() > Integer.MAX_VALUE) {
            throw new IOException("a row group of " + pages.getRowCount() + " rows is too large to copy");
        }
        for (int c = 0; c < descriptors.length; c++) {
            if (descriptors[c] != null) {
                if (decoders[c] == null) {
                    decoders[c] = new PageDecoder(descriptors[c]);
                }
                decoders[c].startChunk(pages.getPageReader(descriptors[c]));
            }
        }
        groupRows = (int) pages.getRowCount();
        rowsRead += groupRows;
        return groupRows;
    }

    /**
     * Appends all values of target column {@code column} in the row group {@link #nextRowGroup} moved to (decoded, or
     * filled when the file lacks the column) to {@code out}. That column is then consumed: the copy must take it from
     * {@code out}.
     */
    public void readRowGroupColumn(int column, ColumnValues out) throws IOException {
        if (decoders[column] == null) {
            missing.fill(column, out, rowsRead - groupRows, groupRows);
        } else {
            decoders[column].read(out, groupRows);
        }
    }

    /** Appends target column {@code column} of the current whole row group to {@code writer}: pages copied or filled. */
    void copyColumn(int column, ColumnChunkWriter writer) throws IOException {
        if (decoders[column] == null) {
            ColumnValues values = new ColumnValues(target.getType(column).asPrimitiveType().getPrimitiveTypeName(),
                    Math.min(groupRows, CHUNK_ROWS));
            long firstRow = rowsRead - groupRows;
            for (int done = 0; done < groupRows; ) {
                int slice = Math.min(CHUNK_ROWS, groupRows - done);
                values.clear();
                missing.fill(column, values, firstRow + done, slice);
                writer.write(values, 0, slice);
                done += slice;
            }
            return;
        }
        long copied = decoders[column].appendPages(writer);
        if (copied != groupRows) {
            throw new org.apache.parquet.io.ParquetDecodingException("column " + target.getFieldName(column) + " has " + copied
                    + " values in a row group of " + groupRows + " rows");
        }
    }

    /** Rows of the row group {@link #nextRowGroup} moved to. */
    int groupRows() {
        return groupRows;
    }

    /**
     * Whether the file's first row group stores target column {@code column} dictionary-encoded (null when the file
     * lacks the column or has no row group): the file's writer saw the data, so a copy follows its choice.
     */
    public Boolean dictionaryEncoded(int column) {
        if (descriptors[column] == null || reader.getRowGroups().isEmpty()) {
            return null;
        }
        String[] path = descriptors[column].getPath();
        for (org.apache.parquet.hadoop.metadata.ColumnChunkMetaData chunk : reader.getRowGroups().get(0).getColumns()) {
            if (java.util.Arrays.equals(chunk.getPath().toArray(), path)) {
                return chunk.hasDictionaryPage() || chunk.getEncodings().stream().anyMatch(org.apache.parquet.column.Encoding::usesDictionary);
            }
        }
        return null;
    }

    public MessageType target() {
        return target;
    }

    /**
     * Consumes the current chunk's values of every target column and appends to {@code batch} only rows
     * {@code rows[0..count)} (ascending row offsets in the chunk), in that order; values of the other rows are never
     * decoded. Columns are read in parallel.
     */
    public void readSelectedRows(RowBatch batch, int[] rows, int count) throws IOException {
        long firstRow = rowsRead - chunkRows;
        int chunk = chunkRows;
        ColumnTasks.forEachColumn(sourceIndex.length, count * 4, c -> {
            ColumnValues values = batch.column(c);
            if (decoders[c] == null) {
                ColumnValues all = new ColumnValues(values.type(), chunk);
                missing.fill(c, all, firstRow, chunk);
                for (int k = 0; k < count; k++) {
                    values.appendRange(all, rows[k], 1);
                }
            } else {
                decoders[c].readSelected(values, chunk, rows, count);
            }
        });
    }

    public long rowsRead() {
        return rowsRead;
    }

    private void checkTypes() throws IOException {
        for (int c = 0; c < descriptors.length; c++) {
            if (descriptors[c] == null) {
                continue;
            }
            PrimitiveType expected = target.getType(c).asPrimitiveType();
            if (descriptors[c].getPrimitiveType().getPrimitiveTypeName() != expected.getPrimitiveTypeName()) {
                throw new IOException("column " + expected.getName() + " is " + descriptors[c].getPrimitiveType().getPrimitiveTypeName()
                        + " in the file but " + expected.getPrimitiveTypeName() + " in the table");
            }
        }
    }

    private void releaseCopiedGroup() {
        if (copiedGroup != null) {
            copiedGroup.close();
            copiedGroup = null;
        }
    }

    @Override
    public void close() throws IOException {
        releaseCopiedGroup();
        reader.close();
    }
}
