package dmsrunbook.bench;

import dmsrunbook.validation.diff.ChangedRow;
import dmsrunbook.validation.diff.Key;
import dmsrunbook.validation.diff.TableDiffResult;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a method found, one line per differing row, in one wording for the diff and its peers, so what each found can be
 * checked against the planted differences as sets: {@code missing on target: 42}, {@code extra on target: 43},
 * {@code changed: 44 [note]}.
 */
final class Findings {

    private final Set<String> lines = new TreeSet<>();

    static String missing(long key) {
        return "missing on target: " + key;
    }

    static String extra(long key) {
        return "extra on target: " + key;
    }

    static String changed(long key, List<String> columns) {
        return changedLine(String.valueOf(key), columns);
    }

    private static String changedLine(String key, List<String> columns) {
        return "changed: " + key + " " + columns;
    }

    /** The diff's result: every key it lists; it must list them all (its count of differences equals the keys listed). */
    static Set<String> of(TableDiffResult result) {
        Set<String> lines = new TreeSet<>();
        for (Key key : result.missingKeys()) {
            lines.add("missing on target: " + key);
        }
        for (Key key : result.extraKeys()) {
            lines.add("extra on target: " + key);
        }
        for (ChangedRow row : result.changedRows()) {
            lines.add(changedLine(row.key().toString(), row.columns()));
        }
        if (lines.size() != result.differences()) {
            lines.add("(" + (result.differences() - lines.size()) + " more differences counted than keys reported)");
        }
        return Collections.unmodifiableSet(lines);
    }

    void addMissing(long key) {
        lines.add(missing(key));
    }

    void addExtra(long key) {
        lines.add(extra(key));
    }

    void addChanged(long key, List<String> columns) {
        lines.add(changed(key, columns));
    }

    Set<String> lines() {
        return Collections.unmodifiableSet(lines);
    }
}
