package dmsrunbook.lake.state;

import java.util.HashMap;
import java.util.Map;

/** A {@link KeyIndex} for composite or non-integral keys (strings, decimals): a hash map on value-equal keys. */
final class GenericKeyIndex implements KeyIndex {

    private final Map<Object, long[]> latest = new HashMap<>();

    @Override
    public void offer(KeyColumns keys, int row, long seq, boolean delete) {
        long[] value = latest.computeIfAbsent(keys.key(row), k -> new long[1]);
        if (Math.abs(value[0]) < seq) {
            value[0] = delete ? -seq : seq;
        }
    }

    @Override
    public long latest(KeyColumns keys, int row) {
        long[] value = latest.get(keys.key(row));
        return value == null ? 0 : value[0];
    }

    @Override
    public int size() {
        return latest.size();
    }
}
