package dmsrunbook.lake.parquet;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.HadoopFreeReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.FileMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads a flat Parquet file row group by row group into {@link RowBatch}es of a target schema, matching columns by
 * name. Target columns the file lacks are handed to a {@link MissingColumn} to fill (nulls, a constant, a computed
 * order). Opens {@code ParquetFileReader} directly with the lake's codecs: no Hadoop on the class path.
 */
public final class ParquetBatchReader implements Closeable {

    // ColumnReadStoreImpl wants a converter per column; values are taken from the ColumnReader, so they do nothing.
    private static final PrimitiveConverter IGNORED = new PrimitiveConverter() {
    };
    private static final GroupConverter NO_CONVERTER = new GroupConverter() {
        @Override
        public Converter getConverter(int fieldIndex) {
            return IGNORED;
        }

        @Override
        public void start() {
        }

        @Override
        public void end() {
        }
    };

    private static final ParquetReadOptions READ_OPTIONS = HadoopFreeReadOptions.with(LakeCodecFactory.INSTANCE);

    private final ParquetFileReader reader;
    private final MessageType fileSchema;
    private final MessageType target;
    private final int[] sourceIndex;
    private final MissingColumn missing;
    private final String createdBy;
    private long rowsRead;

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
        this.createdBy = meta.getCreatedBy();
        this.target = target;
        this.missing = missing;
        List<Type> fields = target.getFields();
        sourceIndex = new int[fields.size()];
        List<Type> requested = new java.util.ArrayList<>();
        for (int i = 0; i < sourceIndex.length; i++) {
            String name = fields.get(i).getName();
            sourceIndex[i] = fileSchema.containsField(name) ? fileSchema.getFieldIndex(name) : -1;
            if (sourceIndex[i] >= 0) {
                requested.add(fileSchema.getType(sourceIndex[i]));
            }
        }
        // Only the target's columns are read from disk: a key-only pass skips the other column chunks.
        if (requested.size() < fileSchema.getFieldCount()) {
            reader.setRequestedSchema(new MessageType(fileSchema.getName(), requested));
        }
    }

    /** Opens {@code file}; throws {@link IOException} when it is not Parquet (bad magic, truncated footer). */
    public static ParquetBatchReader open(Path file, MessageType target, MissingColumn missing) throws IOException {
        return new ParquetBatchReader(ParquetFileReader.open(new LocalInputFile(file), readOptions()), target, missing);
    }

    /** Reads only the footer's schema. */
    public static MessageType readSchema(Path file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), readOptions())) {
            return reader.getFooter().getFileMetaData().getSchema();
        }
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
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), readOptions())) {
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

    /** Clears {@code batch} and reads the next row group into it; false at the end of the file. */
    public boolean next(RowBatch batch) throws IOException {
        PageReadStore pages = reader.readNextRowGroup();
        batch.clear();
        if (pages == null) {
            return false;
        }
        int rows = Math.toIntExact(pages.getRowCount());
        ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, NO_CONVERTER, fileSchema, createdBy);
        for (int c = 0; c < sourceIndex.length; c++) {
            ColumnValues values = batch.column(c);
            if (sourceIndex[c] < 0) {
                missing.fill(c, values, rowsRead, rows);
                continue;
            }
            ColumnDescriptor descriptor = fileSchema.getColumns().get(sourceIndex[c]);
            PrimitiveType expected = target.getType(c).asPrimitiveType();
            if (descriptor.getPrimitiveType().getPrimitiveTypeName() != expected.getPrimitiveTypeName()) {
                throw new IOException("column " + expected.getName() + " is " + descriptor.getPrimitiveType().getPrimitiveTypeName()
                        + " in the file but " + expected.getPrimitiveTypeName() + " in the table");
            }
            ColumnReader column = store.getColumnReader(descriptor);
            int maxDefinition = descriptor.getMaxDefinitionLevel();
            for (int r = 0; r < rows; r++) {
                values.addFrom(column, maxDefinition);
            }
        }
        rowsRead += rows;
        return true;
    }

    public long rowsRead() {
        return rowsRead;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
