package dmsrunbook.lake.state;

import dmsrunbook.lake.compaction.OutputFiles;
import dmsrunbook.lake.compaction.CompactionRowCountException;
import dmsrunbook.lake.layout.ChangeSequence;
import dmsrunbook.lake.parquet.ColumnValues;
import dmsrunbook.lake.parquet.ParquetBatchReader;
import dmsrunbook.lake.parquet.ParquetBatchWriter;
import dmsrunbook.lake.parquet.RowBatch;
import dmsrunbook.lake.parquet.WriterSettings;
import dmsrunbook.lake.schema.TableSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Applies new changes to a table's previous current state, by primary key, incrementally: only the state buckets
 * the changes touch are read and rewritten. The latest change to a key wins by {@code dms_change_seq} (so changes
 * may arrive in any order): an insert or update leaves the row as it is now, a delete leaves a tombstone (the key
 * and the delete's number) so a late, older change cannot bring the row back. Two passes: the first reads only key
 * columns to find each key's latest change, the second copies exactly those rows. Verifies every key came out once.
 */
public final class CurrentStateMerger {

    private static final long MIN_ROW_GROUP_BYTES = 1L << 20;

    private final TableSchema schema;
    private final List<String> keyColumns;
    private final int buckets;
    private final WriterSettings settings;

    public CurrentStateMerger(TableSchema schema, List<String> keyColumns, int buckets, WriterSettings settings) {
        this.schema = schema;
        this.keyColumns = List.copyOf(keyColumns);
        this.buckets = buckets;
        this.settings = settings;
        for (String key : keyColumns) {
            if (!schema.columns().containsField(key)) {
                throw new IllegalArgumentException("primary key column " + key + " is not a column of the table " + schema.columns());
            }
        }
    }

    /** Pass one over the new changes (files in the {@code changes} schema): their keys and the buckets they touch. */
    public ChangedKeys scan(List<Path> changeFiles) throws IOException {
        MessageType projection = projection(true);
        KeyIndex index = null;
        TreeSet<Integer> touched = new TreeSet<>();
        Ordinals ordinals = new Ordinals();
        int opColumn = 0;
        int seqColumn = projection.getFieldCount() - 1;
        for (Path file : changeFiles) {
            ordinals.startFile(file);
            try (ParquetBatchReader reader = ParquetBatchReader.open(file, projection, ParquetBatchReader.MissingColumn.NULLS)) {
                RowBatch batch = new RowBatch(projection, ParquetBatchReader.CHUNK_ROWS);
                KeyColumns keys = new KeyColumns(keyColumns, batch);
                if (index == null) {
                    index = KeyIndex.forKeys(keys);
                }
                boolean[] deletes = new boolean[ParquetBatchReader.CHUNK_ROWS];
                while (reader.next(batch)) {
                    ColumnValues op = batch.column(opColumn);
                    int rows = batch.rowCount();
                    for (int r = 0; r < rows; r++) {
                        deletes[r] = isDelete(op, r);
                    }
                    index.offer(keys, rows, batch.column(seqColumn).longArray(), deletes, ordinals.take(rows));
                    if (buckets == 1) {
                        touched.add(0);
                    } else {
                        for (int r = 0; r < rows; r++) {
                            touched.add(keys.bucket(r, buckets));
                        }
                    }
                }
            }
        }
        return new ChangedKeys(index == null ? new GenericKeyIndex() : index, List.copyOf(changeFiles), touched, ordinals);
    }

    /**
     * Pass two: merges the previous state of the touched buckets ({@code previous}, by bucket; a missing bucket had
     * no state) with the scanned changes, writing each touched bucket anew.
     */
    public List<MergedBucket> merge(ChangedKeys changes, Map<Integer, StateBucketFiles> previous, OutputFiles outputs) throws IOException {
        KeyIndex index = changes.index;
        Ordinals ordinals = changes.ordinals;
        MessageType keysAndSeq = projection(false);
        for (StateBucketFiles files : previous.values()) {
            offerAll(index, files.live(), keysAndSeq, false, ordinals);
            offerAll(index, files.tombstones(), keysAndSeq, true, ordinals);
        }
        java.util.BitSet winners = new java.util.BitSet();
        index.markWinners(winners);
        MessageType state = schema.state();
        MessageType tombstones = schema.tombstones(keyColumns);
        // Every touched bucket has a live and a tombstone writer open at once: they share one row group's memory.
        long rowGroupBytes = Math.max(MIN_ROW_GROUP_BYTES, settings.rowGroupBytes() / Math.max(1, 2 * changes.touchedBuckets().size()));
        WriterSettings bucketSettings = settings.withRowGroupBytes(rowGroupBytes);
        Map<Integer, ParquetBatchWriter> liveWriters = new TreeMap<>();
        Map<Integer, ParquetBatchWriter> tombstoneWriters = new TreeMap<>();
        try {
            Writers writers = new Writers(liveWriters, tombstoneWriters, state, tombstones, bucketSettings, outputs);
            for (StateBucketFiles files : previous.values()) {
                copyWinners(winners, ordinals, files.live(), state, identity(state.getFieldCount()), null, writers);
                copyWinners(winners, ordinals, files.tombstones(), tombstones, null, identity(tombstones.getFieldCount()), writers);
            }
            MessageType changesSchema = schema.changes();
            int[] liveFromChange = new int[state.getFieldCount()];
            for (int c = 0; c < liveFromChange.length; c++) {
                liveFromChange[c] = changesSchema.getFieldIndex(state.getType(c).getName());
            }
            int[] tombstoneFromChange = new int[tombstones.getFieldCount()];
            for (int c = 0; c < tombstoneFromChange.length; c++) {
                tombstoneFromChange[c] = changesSchema.getFieldIndex(tombstones.getType(c).getName());
            }
            for (Path file : changes.changeFiles) {
                copyWinners(winners, ordinals, file, changesSchema, liveFromChange, tombstoneFromChange, writers);
            }
        } finally {
            for (ParquetBatchWriter writer : liveWriters.values()) {
                writer.close();
            }
            for (ParquetBatchWriter writer : tombstoneWriters.values()) {
                writer.close();
            }
        }
        List<MergedBucket> merged = new ArrayList<>();
        long rowsOut = 0;
        for (int bucket : changes.touchedBuckets()) {
            ParquetBatchWriter live = liveWriters.get(bucket);
            ParquetBatchWriter dead = tombstoneWriters.get(bucket);
            merged.add(new MergedBucket(bucket, live == null ? null : live.file(), live == null ? 0 : live.rows(),
                    dead == null ? null : dead.file(), dead == null ? 0 : dead.rows()));
            rowsOut += (live == null ? 0 : live.rows()) + (dead == null ? 0 : dead.rows());
        }
        if (rowsOut != index.size()) {
            throw new CompactionRowCountException("current state merge (one row or tombstone per key)", index.size(), rowsOut);
        }
        return merged;
    }

    private void offerAll(KeyIndex index, Path file, MessageType keysAndSeq, boolean deletes, Ordinals ordinals) throws IOException {
        if (file == null) {
            return;
        }
        ordinals.startFile(file);
        int seqColumn = keysAndSeq.getFieldCount() - 1;
        try (ParquetBatchReader reader = ParquetBatchReader.open(file, keysAndSeq, ParquetBatchReader.MissingColumn.NULLS)) {
            RowBatch batch = new RowBatch(keysAndSeq, ParquetBatchReader.CHUNK_ROWS);
            KeyColumns keys = new KeyColumns(keyColumns, batch);
            boolean[] flags = new boolean[ParquetBatchReader.CHUNK_ROWS];
            java.util.Arrays.fill(flags, deletes);
            while (reader.next(batch)) {
                index.offer(keys, batch.rowCount(), batch.column(seqColumn).longArray(), flags, ordinals.take(batch.rowCount()));
            }
        }
    }

    private void copyWinners(java.util.BitSet winners, Ordinals ordinals, Path file, MessageType readAs, int[] toLive, int[] toTombstone,
                             Writers writers) throws IOException {
        if (file == null) {
            return;
        }
        int ordinal = ordinals.baseOf(file);
        int opColumn = readAs.containsField(TableSchema.OP) ? readAs.getFieldIndex(TableSchema.OP) : -1;
        try (ParquetBatchReader reader = ParquetBatchReader.open(file, readAs, ParquetBatchReader.MissingColumn.NULLS)) {
            RowBatch batch = new RowBatch(readAs, ParquetBatchReader.CHUNK_ROWS);
            KeyColumns keys = new KeyColumns(keyColumns, batch);
            int[] selected = new int[ParquetBatchReader.CHUNK_ROWS];
            int[][] liveRows = new int[buckets][ParquetBatchReader.CHUNK_ROWS];
            int[][] deadRows = new int[buckets][ParquetBatchReader.CHUNK_ROWS];
            int[] liveCount = new int[buckets];
            int[] deadCount = new int[buckets];
            int rows;
            while ((rows = reader.beginChunk()) > 0) {
                // Only the rows that win are decoded: a key changed five times leaves four rows never looked at.
                int count = 0;
                for (int r = winners.nextSetBit(ordinal); r >= 0 && r < ordinal + rows; r = winners.nextSetBit(r + 1)) {
                    selected[count++] = r - ordinal;
                }
                ordinal += rows;
                batch.clear();
                reader.readSelectedRows(batch, selected, count);
                java.util.Arrays.fill(liveCount, 0);
                java.util.Arrays.fill(deadCount, 0);
                ColumnValues op = opColumn >= 0 ? batch.column(opColumn) : null;
                for (int r = 0; r < count; r++) {
                    // A winning change row is a live row unless it deleted the key; state files are all one or the other.
                    boolean delete = op != null ? isDelete(op, r) : toLive == null;
                    boolean live = !delete && toLive != null;
                    boolean dead = delete && toTombstone != null;
                    if (live || dead) {
                        int bucket = keys.bucket(r, buckets);
                        if (live) {
                            liveRows[bucket][liveCount[bucket]++] = r;
                        } else {
                            deadRows[bucket][deadCount[bucket]++] = r;
                        }
                    }
                }
                for (int bucket = 0; bucket < buckets; bucket++) {
                    if (liveCount[bucket] > 0) {
                        writers.live(bucket, batch).writeRows(batch, liveRows[bucket], liveCount[bucket], toLive);
                    }
                    if (deadCount[bucket] > 0) {
                        writers.tombstone(bucket, batch).writeRows(batch, deadRows[bucket], deadCount[bucket], toTombstone);
                    }
                }
            }
        }
    }

    /** Numbers the rows of every input of one merge, file by file, as pass one meets them. */
    static final class Ordinals {
        private final java.util.Map<Path, Integer> bases = new java.util.HashMap<>();
        private int next;

        void startFile(Path file) {
            bases.put(file, next);
        }

        int take(int rows) {
            int first = next;
            if ((long) next + rows > Integer.MAX_VALUE) {
                throw new IllegalStateException("more than 2^31 rows in one merge; merge in smaller rounds");
            }
            next += rows;
            return first;
        }

        int baseOf(Path file) {
            Integer base = bases.get(file);
            if (base == null) {
                throw new IllegalStateException(file + " was not scanned in pass one of the merge");
            }
            return base;
        }
    }

    private MessageType projection(boolean withOp) {
        List<Type> fields = new ArrayList<>();
        MessageType source = withOp ? schema.changes() : schema.state();
        if (withOp) {
            fields.add(source.getType(TableSchema.OP));
        }
        for (String key : keyColumns) {
            fields.add(source.getType(key));
        }
        fields.add(source.getType(ChangeSequence.COLUMN));
        return new MessageType("keys", fields);
    }

    private static boolean isDelete(ColumnValues op, int row) {
        if (op.isNull(row)) {
            return false;
        }
        return op.firstByte(row) == 'D';
    }

    private static int[] identity(int n) {
        int[] map = new int[n];
        for (int i = 0; i < n; i++) {
            map[i] = i;
        }
        return map;
    }

    private record Writers(Map<Integer, ParquetBatchWriter> live, Map<Integer, ParquetBatchWriter> tombstones,
                           MessageType stateSchema, MessageType tombstoneSchema, WriterSettings settings, OutputFiles outputs) {

        /** The bucket's live-rows writer; a new one decides its dictionaries from {@code sample}. */
        ParquetBatchWriter live(int bucket, RowBatch sample) throws IOException {
            return writer(live, bucket, stateSchema, sample);
        }

        ParquetBatchWriter tombstone(int bucket, RowBatch sample) throws IOException {
            return writer(tombstones, bucket, tombstoneSchema, sample);
        }

        private ParquetBatchWriter writer(Map<Integer, ParquetBatchWriter> open, int bucket, MessageType schema, RowBatch sample)
                throws IOException {
            ParquetBatchWriter writer = open.get(bucket);
            if (writer == null) {
                writer = new ParquetBatchWriter(outputs.next(), schema, settings, sample);
                open.put(bucket, writer);
            }
            return writer;
        }
    }
}
