package dmsrunbook.lake.state;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/** A {@link KeyIndex} for composite or non-integral keys (strings, decimals): a hash map on value-equal keys. */
final class GenericKeyIndex implements KeyIndex {

    private final Map<Object, long[]> latest = new HashMap<>();

    @Override
    public void offer(KeyColumns keys, int rows, long[] seqs, boolean[] deletes, int firstOrdinal) {
        for (int r = 0; r < rows; r++) {
            long[] value = latest.computeIfAbsent(keys.key(r), k -> new long[2]);
            if (Math.abs(value[0]) < seqs[r]) {
                value[0] = deletes[r] ? -seqs[r] : seqs[r];
                value[1] = firstOrdinal + r;
            }
        }
    }

    @Override
    public void markWinners(BitSet winners) {
        for (long[] value : latest.values()) {
            winners.set((int) value[1]);
        }
    }

    @Override
    public int size() {
        return latest.size();
    }
}
