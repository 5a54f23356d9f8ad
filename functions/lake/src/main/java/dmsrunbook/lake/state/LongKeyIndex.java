package dmsrunbook.lake.state;

import dmsrunbook.lake.parquet.ColumnTasks;
import dmsrunbook.lake.parquet.ColumnValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.BitSet;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * A {@link KeyIndex} for one integral key column: one open-addressing table per core, each key in the table its
 * hash's top bits pick, so the cores take offers in parallel without sharing a slot. A slot holds key, latest
 * change and its row ordinal side by side in one primitive array (one cache miss per offer, no boxing): at millions
 * of keys those misses are the merge's cost.
 */
final class LongKeyIndex implements KeyIndex {

    private static final int PARTITION_BITS = Integer.numberOfTrailingZeros(Integer.highestOneBit(
            Math.max(1, Runtime.getRuntime().availableProcessors()) * 2 - 1));
    private static final int PARTITIONS = 1 << PARTITION_BITS;

    private final Table[] tables = new Table[PARTITIONS];

    LongKeyIndex() {
        for (int p = 0; p < PARTITIONS; p++) {
            tables[p] = new Table();
        }
    }

    @Override
    public void offer(KeyColumns columns, int rows, long[] seqs, boolean[] deletes, int firstOrdinal) {
        ColumnValues keys = columns.column(0);
        if (keys.hasNulls()) {
            for (int r = 0; r < rows; r++) {
                // Throws, naming the row, for a null key.
                columns.longKey(r);
            }
        }
        boolean ints = keys.type() == PrimitiveTypeName.INT32;
        try {
            // Every partition's thread hashes every row and keeps its own: no serial pass before the parallel one.
            ColumnTasks.forEachColumn(PARTITIONS, rows, p -> {
                Table table = tables[p];
                for (int r = 0; r < rows; r++) {
                    long key = ints ? keys.getInt(r) : keys.getLong(r);
                    long hash = hash(key);
                    if (partition(hash) == p) {
                        table.offer(key, hash, deletes[r] ? -seqs[r] : seqs[r], firstOrdinal + r);
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void markWinners(BitSet winners) {
        for (Table table : tables) {
            table.markWinners(winners);
        }
    }

    @Override
    public int size() {
        int size = 0;
        for (Table table : tables) {
            size += table.size;
        }
        return size;
    }

    private static long hash(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }

    private static int partition(long hash) {
        return PARTITION_BITS == 0 ? 0 : (int) (hash >>> (64 - PARTITION_BITS));
    }

    /** One partition's table: slots of {key, latest change (negative: delete; 0: empty), row ordinal}. */
    private static final class Table {
        private static final int STRIDE = 3;
        private long[] slots = new long[STRIDE << 14];
        private int capacity = 1 << 14;
        private int size;

        void offer(long key, long hash, long value, long ordinal) {
            int at = find(key, hash);
            if (slots[at + 1] == 0) {
                slots[at] = key;
                slots[at + 1] = value;
                slots[at + 2] = ordinal;
                // Load factor 0.75: at millions of keys the table is the merge's largest object.
                if (++size > capacity / 4 * 3) {
                    grow();
                }
            } else if (Math.abs(slots[at + 1]) < Math.abs(value)) {
                slots[at + 1] = value;
                slots[at + 2] = ordinal;
            }
        }

        void markWinners(BitSet winners) {
            for (int at = 0; at < slots.length; at += STRIDE) {
                if (slots[at + 1] != 0) {
                    winners.set((int) slots[at + 2]);
                }
            }
        }

        private int find(long key, long hash) {
            int mask = capacity - 1;
            int slot = (int) (hash & mask);
            while (true) {
                int at = slot * STRIDE;
                if (slots[at + 1] == 0 || slots[at] == key) {
                    return at;
                }
                slot = (slot + 1) & mask;
            }
        }

        private void grow() {
            long[] old = slots;
            capacity *= 2;
            slots = new long[capacity * STRIDE];
            for (int i = 0; i < old.length; i += STRIDE) {
                if (old[i + 1] != 0) {
                    int at = find(old[i], hash(old[i]));
                    slots[at] = old[i];
                    slots[at + 1] = old[i + 1];
                    slots[at + 2] = old[i + 2];
                }
            }
        }
    }
}
