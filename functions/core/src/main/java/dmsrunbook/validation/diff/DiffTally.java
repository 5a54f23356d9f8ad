package dmsrunbook.validation.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * What a diff found so far: counts of each kind of difference, the first keys of each (bounded), the ranges to
 * re-check, and the work done. Memory is bounded by the limits, not by the table.
 */
final class DiffTally {

    private final int maxKeys;
    private final RecheckRanges recheck;
    private final List<Key> missingKeys = new ArrayList<>();
    private final List<Key> extraKeys = new ArrayList<>();
    private final List<ChangedRow> changedRows = new ArrayList<>();
    long missing;
    long extra;
    long changed;
    long sourceRows;
    long targetRows;
    long checksumQueries;
    long rowsFetched;

    DiffTally(int maxKeys, int maxRecheckRanges) {
        this.maxKeys = maxKeys;
        this.recheck = new RecheckRanges(maxRecheckRanges);
    }

    void missing(Key key) {
        missing++;
        if (missingKeys.size() < maxKeys) {
            missingKeys.add(key);
        }
    }

    void extra(Key key) {
        extra++;
        if (extraKeys.size() < maxKeys) {
            extraKeys.add(key);
        }
    }

    void changed(Key key, List<String> columns) {
        changed++;
        if (changedRows.size() < maxKeys) {
            changedRows.add(new ChangedRow(key, columns));
        }
    }

    long differences() {
        return missing + extra + changed;
    }

    /** A range holding differences, after every range flagged before. */
    void flag(KeyRange range) {
        recheck.add(range);
    }

    List<Key> missingKeys() {
        return List.copyOf(missingKeys);
    }

    List<Key> extraKeys() {
        return List.copyOf(extraKeys);
    }

    List<ChangedRow> changedRows() {
        return List.copyOf(changedRows);
    }

    List<KeyRange> recheckRanges() {
        return recheck.list();
    }
}
