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
import org.apache.parquet.io.LocalInputFile;
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

    private static final ParquetReadOptions READ_OPTIONS = HadoopFreeReadOptions.with(LakeCodecFactory.INSTANCE);

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
        ParquetBatchReader batchReader = new ParquetBatchReader(ParquetFileReader.open(new LocalInputFile(file), READ_OPTIONS), target, missing);
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
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), READ_OPTIONS)) {
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

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
