package dmsrunbook.lake.state;

/**
 * A {@link KeyIndex} for one integral key column: open addressing on one primitive array holding each key next to
 * its value (one cache miss per lookup, no boxing).
 */
final class LongKeyIndex implements KeyIndex {

    private long[] slots = new long[2 << 16];
    private int size;
    private int mask = (slots.length >> 1) - 1;

    @Override
    public void offer(KeyColumns columns, int row, long seq, boolean delete) {
        long key = columns.longKey(row);
        int at = find(key);
        long value = delete ? -seq : seq;
        if (slots[at + 1] == 0) {
            slots[at] = key;
            slots[at + 1] = value;
            if (++size * 2 > (slots.length >> 1)) {
                grow();
            }
        } else if (Math.abs(slots[at + 1]) < seq) {
            slots[at + 1] = value;
        }
    }

    @Override
    public long latest(KeyColumns columns, int row) {
        return slots[find(columns.longKey(row)) + 1];
    }

    @Override
    public int size() {
        return size;
    }

    /** The array index of {@code key}'s slot, or of the empty slot where it would go (values are never 0). */
    private int find(long key) {
        int slot = (int) (mix(key) & mask);
        while (true) {
            int at = slot << 1;
            if (slots[at + 1] == 0 || slots[at] == key) {
                return at;
            }
            slot = (slot + 1) & mask;
        }
    }

    private static long mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        mask = (slots.length >> 1) - 1;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i + 1] != 0) {
                int at = find(old[i]);
                slots[at] = old[i];
                slots[at + 1] = old[i + 1];
            }
        }
    }
}
