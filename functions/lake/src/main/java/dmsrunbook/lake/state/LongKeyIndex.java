package dmsrunbook.lake.state;

/** A {@link KeyIndex} for one integral key column: open addressing on primitive arrays, no boxing. */
final class LongKeyIndex implements KeyIndex {

    private long[] keys = new long[1 << 16];
    private long[] values = new long[1 << 16];
    private int size;
    private int mask = keys.length - 1;

    @Override
    public void offer(KeyColumns columns, int row, long seq, boolean delete) {
        long key = columns.longKey(row);
        int slot = find(key);
        long value = delete ? -seq : seq;
        if (values[slot] == 0) {
            keys[slot] = key;
            values[slot] = value;
            if (++size * 2 > keys.length) {
                grow();
            }
        } else if (Math.abs(values[slot]) < seq) {
            values[slot] = value;
        }
    }

    @Override
    public long latest(KeyColumns columns, int row) {
        return values[find(columns.longKey(row))];
    }

    @Override
    public int size() {
        return size;
    }

    private int find(long key) {
        int slot = (int) (mix(key) & mask);
        while (values[slot] != 0 && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private static long mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 32);
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new long[oldValues.length * 2];
        mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != 0) {
                int slot = find(oldKeys[i]);
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }
}
