package dmsrunbook.lake.compaction;

import dmsrunbook.lake.layout.ChangeSequence;
import dmsrunbook.lake.parquet.ColumnValues;
import dmsrunbook.lake.parquet.ParquetBatchReader;
import dmsrunbook.lake.parquet.ParquetBatchWriter;
import dmsrunbook.lake.parquet.WriterSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Compaction's usual case: inputs whose changes do not interleave (DMS writes a table's files in change order) are
 * copied one after the other, whole row groups at a time, column chunks page by page with their values as encoded
 * ({@link ParquetBatchWriter#appendRowGroup}). Only the change sequence is decoded (or filled), to check on the way
 * that every change comes after the one before; the first that does not stops the copy, which deletes what it wrote
 * and leaves the inputs to the k-way merge. Small inputs' row groups are gathered into row groups of the configured
 * size; a file is closed at the first input row group that takes it past the target size.
 */
final class InOrderCopy {

    private final WriterSettings settings;
    private final long targetFileBytes;

    InOrderCopy(WriterSettings settings, long targetFileBytes) {
        this.settings = settings;
        this.targetFileBytes = targetFileBytes;
    }

    /**
     * The files written and the rows the inputs' footers declare.
     *
     * @param files  the new files, in change order
     * @param rowsIn rows of all inputs, from their footers
     */
    record Copied(List<CompactedFile> files, long rowsIn) {
    }

    /** An input opened, standing at its first row group. */
    private record Opened(ParquetBatchReader reader, int firstRows) {
    }

    /** Copies {@code inputs} (sorted by first change) into new files; null, having deleted them, when changes interleave. */
    Copied copy(List<ChangeInput> inputs, MessageType changes, OutputFiles outputs) throws IOException {
        int seqColumn = changes.getFieldIndex(ChangeSequence.COLUMN);
        ColumnValues seqs = new ColumnValues(PrimitiveTypeName.INT64, ParquetBatchReader.CHUNK_ROWS);
        List<CompactedFile> written = new ArrayList<>();
        Output output = null;
        long rowsIn = 0;
        long last = Long.MIN_VALUE;
        boolean interleaved = false;
        boolean finished = false;
        try (OpenAhead<Opened> ahead = new OpenAhead<>(inputs, i -> open(inputs.get(i), changes), opened -> opened.reader().close())) {
            for (int i = 0; i < inputs.size() && !interleaved; i++) {
                ChangeInput input = inputs.get(i);
                Opened opened = ahead.take(i);
                try (ParquetBatchReader reader = opened.reader()) {
                    rowsIn += reader.totalRows();
                    for (int rows = opened.firstRows(); rows > 0; rows = nextRowGroup(reader, input)) {
                        seqs.clear();
                        try {
                            reader.readRowGroupColumn(seqColumn, seqs);
                        } catch (IOException | RuntimeException e) {
                            throw new InputUnreadableException(input.name(), e);
                        }
                        if (!ascendingAfter(seqs, last)) {
                            interleaved = true;
                            break;
                        }
                        if (output == null) {
                            output = new Output(ParquetBatchWriter.forCopiesOf(outputs.next(), changes, settings, reader), seqs.getLong(0));
                        }
                        try {
                            output.writer.appendRowGroup(reader, seqColumn, seqs);
                        } catch (RuntimeException e) {
                            // Decoding failed (a corrupt page): the input's fault. I/O errors are the output's.
                            throw new InputUnreadableException(input.name(), e);
                        }
                        last = seqs.getLong(rows - 1);
                        if (output.writer.approximateSize() >= targetFileBytes) {
                            written.add(output.finish(last));
                            output = null;
                        }
                    }
                }
            }
            if (output != null && !interleaved) {
                written.add(output.finish(last));
                output = null;
            }
            finished = true;
        } finally {
            // Stopped (interleaved changes) or failing: leave no file of this copy behind.
            if (output != null) {
                discard(output.writer);
            }
            if (!finished || interleaved) {
                for (CompactedFile file : written) {
                    Files.deleteIfExists(file.file());
                }
            }
        }
        if (interleaved) {
            return null;
        }
        return new Copied(written, rowsIn);
    }

    private static Opened open(ChangeInput input, MessageType changes) {
        ParquetBatchReader reader;
        try {
            reader = ParquetBatchReader.open(input.file(), changes, input.missing());
        } catch (IOException | RuntimeException e) {
            throw new InputUnreadableException(input.name(), e);
        }
        try {
            return new Opened(reader, reader.nextRowGroup());
        } catch (IOException | RuntimeException e) {
            closeQuietly(reader);
            throw new InputUnreadableException(input.name(), e);
        }
    }

    private static int nextRowGroup(ParquetBatchReader reader, ChangeInput input) {
        try {
            return reader.nextRowGroup();
        } catch (IOException | RuntimeException e) {
            throw new InputUnreadableException(input.name(), e);
        }
    }

    /** Whether every value is above the one before, the first above {@code last}. */
    private static boolean ascendingAfter(ColumnValues seqs, long last) {
        if (seqs.hasNulls()) {
            return false;
        }
        long[] values = seqs.longArray();
        long previous = last;
        for (int r = 0; r < seqs.size(); r++) {
            if (values[r] <= previous) {
                return false;
            }
            previous = values[r];
        }
        return true;
    }

    private static void discard(ParquetBatchWriter writer) {
        try {
            writer.close();
            Files.deleteIfExists(writer.file());
        } catch (IOException | RuntimeException e) {
            // Already stopping; a local leftover in the work directory is harmless.
        }
    }

    private static void closeQuietly(ParquetBatchReader reader) {
        try {
            reader.close();
        } catch (IOException e) {
            // Already failing.
        }
    }

    private static final class Output {
        final ParquetBatchWriter writer;
        final long minSeq;

        Output(ParquetBatchWriter writer, long minSeq) {
            this.writer = writer;
            this.minSeq = minSeq;
        }

        CompactedFile finish(long maxSeq) throws IOException {
            writer.close();
            Path file = writer.file();
            return new CompactedFile(file, writer.rows(), Files.size(file), minSeq, maxSeq, writer.rowGroupRows());
        }
    }
}
