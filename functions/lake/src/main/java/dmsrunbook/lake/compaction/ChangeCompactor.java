package dmsrunbook.lake.compaction;

import dmsrunbook.lake.parquet.ParquetBatchReader;
import dmsrunbook.lake.parquet.ParquetBatchWriter;
import dmsrunbook.lake.parquet.RowBatch;
import dmsrunbook.lake.parquet.WriterSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.parquet.schema.MessageType;

/**
 * Merges change files into files of a target size, in change order. Inputs whose changes do not interleave (the usual
 * case) are copied one after the other without decoding their values ({@link InOrderCopy}); otherwise a k-way merge
 * on {@code dms_change_seq} decodes and re-encodes them. Inputs are opened only when the merge reaches their first
 * change, so a thousand small files never sit in memory together. Verifies rows in = rows out (counting from the
 * inputs' and outputs' footers) before returning.
 */
public final class ChangeCompactor {

    private static final int SIZE_CHECK_EVERY_ROWS = 4096;

    private final WriterSettings settings;
    private final long targetFileBytes;

    public ChangeCompactor(WriterSettings settings, long targetFileBytes) {
        this.settings = settings;
        this.targetFileBytes = targetFileBytes;
    }

    /** Merges {@code inputs} (rows in the {@code changes} schema) into new files from {@code outputs}. */
    public List<CompactedFile> compact(List<ChangeInput> inputs, MessageType changes, OutputFiles outputs) throws IOException {
        int seqColumn = changes.getFieldCount() - 1;
        List<ChangeInput> pending = new ArrayList<>(inputs);
        pending.sort(Comparator.comparingLong(ChangeInput::firstSeq));
        InOrderCopy.Copied copied = new InOrderCopy(settings, targetFileBytes).copy(pending, changes, outputs);
        if (copied != null) {
            verify(copied.rowsIn(), copied.files());
            return copied.files();
        }
        PriorityQueue<Cursor> open = new PriorityQueue<>(Comparator.comparingLong(Cursor::seq));
        RowBatchPool pool = new RowBatchPool(changes);
        RowBatch empty = new RowBatch(changes, 1);
        OpenAhead<Cursor> prefetch = new OpenAhead<>(pending, i -> Cursor.open(pending.get(i), changes, pool, empty, seqColumn), Cursor::close);
        List<CompactedFile> written = new ArrayList<>();
        long rowsIn = 0;
        int nextPending = 0;
        Output output = null;
        try {
            while (true) {
                // Open every input that may hold the next change.
                while (nextPending < pending.size()
                        && (open.isEmpty() || pending.get(nextPending).firstSeq() <= open.peek().seq())) {
                    Cursor cursor = prefetch.take(nextPending++);
                    rowsIn += cursor.reader.totalRows();
                    if (cursor.hasRow()) {
                        open.add(cursor);
                    } else {
                        cursor.close();
                    }
                }
                if (open.isEmpty()) {
                    break;
                }
                Cursor cursor = open.poll();
                long bound = open.isEmpty() ? Long.MAX_VALUE : open.peek().seq();
                if (nextPending < pending.size()) {
                    bound = Math.min(bound, pending.get(nextPending).firstSeq());
                }
                if (cursor.seq() == bound) {
                    throw new ChangeOrderException("two inputs hold change " + cursor.seq() + " (" + cursor.input.name()
                            + " and another): the same changes would be merged twice");
                }
                if (output == null) {
                    output = new Output(new ParquetBatchWriter(outputs.next(), changes, settings, cursor.batch));
                }
                // Copy the run of rows that come before every other input's next change.
                do {
                    int from = cursor.row;
                    int end = cursor.runEnd(bound);
                    output.write(cursor.batch, from, end, cursor.seqAt(from), cursor.seqAt(end - 1));
                    cursor.advanceTo(end);
                    if (output.rows - output.rowsAtLastCheck >= SIZE_CHECK_EVERY_ROWS) {
                        output.rowsAtLastCheck = output.rows;
                        if (output.writer.approximateSize() >= targetFileBytes) {
                            written.add(output.finish());
                            output = cursor.hasRow() ? new Output(new ParquetBatchWriter(outputs.next(), changes, settings, cursor.batch)) : null;
                            if (output == null) {
                                break;
                            }
                        }
                    }
                } while (cursor.hasRow() && cursor.seq() < bound);
                if (cursor.hasRow()) {
                    if (cursor.seq() == bound) {
                        throw new ChangeOrderException("two inputs hold change " + cursor.seq() + " (" + cursor.input.name()
                                + " and another): the same changes would be merged twice");
                    }
                    open.add(cursor);
                } else {
                    cursor.close();
                }
            }
            if (output != null && output.rows > 0) {
                written.add(output.finish());
                output = null;
            }
        } finally {
            prefetch.close();
            for (Cursor cursor : open) {
                cursor.close();
            }
            if (output != null) {
                output.writer.close();
            }
        }
        verify(rowsIn, written);
        return written;
    }

    private static void verify(long rowsIn, List<CompactedFile> written) throws IOException {
        long rowsOut = 0;
        for (CompactedFile file : written) {
            try (ParquetBatchReader reader = ParquetBatchReader.open(file.file(), ParquetBatchReader.readSchema(file.file()),
                    ParquetBatchReader.MissingColumn.NULLS)) {
                if (reader.totalRows() != file.rows()) {
                    throw new CompactionRowCountException("compacted file " + file.file(), file.rows(), reader.totalRows());
                }
            }
            rowsOut += file.rows();
        }
        if (rowsOut != rowsIn) {
            throw new CompactionRowCountException("compaction", rowsIn, rowsOut);
        }
    }

    private static final class Output {
        final ParquetBatchWriter writer;
        long rows;
        long minSeq = Long.MAX_VALUE;
        long maxSeq = Long.MIN_VALUE;

        long rowsAtLastCheck;

        Output(ParquetBatchWriter writer) {
            this.writer = writer;
        }

        void write(RowBatch batch, int from, int to, long firstSeq, long lastSeq) throws IOException {
            writer.writeRange(batch, from, to);
            rows += to - from;
            minSeq = Math.min(minSeq, firstSeq);
            maxSeq = Math.max(maxSeq, lastSeq);
        }

        CompactedFile finish() throws IOException {
            writer.close();
            return new CompactedFile(writer.file(), rows, Files.size(writer.file()), minSeq, maxSeq, writer.rowGroupRows());
        }
    }

    private static final class Cursor {
        final ChangeInput input;
        final ParquetBatchReader reader;
        final BatchReadAhead ahead;
        final RowBatch empty;
        RowBatch batch;
        final int seqColumn;
        int row;
        long lastSeq = Long.MIN_VALUE;

        private Cursor(ChangeInput input, ParquetBatchReader reader, RowBatchPool pool, RowBatch empty, int seqColumn) {
            this.input = input;
            this.reader = reader;
            this.ahead = new BatchReadAhead(reader, pool);
            this.empty = empty;
            this.batch = empty;
            this.seqColumn = seqColumn;
        }

        static Cursor open(ChangeInput input, MessageType changes, RowBatchPool pool, RowBatch empty, int seqColumn) {
            ParquetBatchReader reader;
            try {
                reader = ParquetBatchReader.open(input.file(), changes, input.missing());
            } catch (IOException | RuntimeException e) {
                throw new InputUnreadableException(input.name(), e);
            }
            Cursor cursor = new Cursor(input, reader, pool, empty, seqColumn);
            cursor.load();
            return cursor;
        }

        boolean hasRow() {
            return row < batch.rowCount();
        }

        long seq() {
            return batch.column(seqColumn).getLong(row);
        }

        long seqAt(int r) {
            return batch.column(seqColumn).getLong(r);
        }

        /** The end of the run of rows from the current one whose changes come before {@code bound}, checking order. */
        int runEnd(long bound) {
            int end = row;
            int rows = batch.rowCount();
            dmsrunbook.lake.parquet.ColumnValues seqs = batch.column(seqColumn);
            while (end < rows) {
                long seq = seqs.getLong(end);
                if (seq >= bound) {
                    break;
                }
                if (seq <= lastSeq) {
                    throw new ChangeOrderException(input.name() + " holds change " + seq + " after change " + lastSeq
                            + ": its rows are not in change order");
                }
                lastSeq = seq;
                end++;
            }
            return end;
        }

        void advanceTo(int end) {
            row = end;
            if (row >= batch.rowCount()) {
                load();
            }
        }

        private void load() {
            row = 0;
            try {
                RowBatch next = ahead.next(batch == empty ? null : batch);
                batch = next == null ? empty : next;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading " + input.name(), e);
            } catch (Exception e) {
                throw new InputUnreadableException(input.name(), e);
            }
        }

        void close() throws IOException {
            ahead.close(batch == empty ? null : batch);
            batch = empty;
            reader.close();
        }
    }
}
