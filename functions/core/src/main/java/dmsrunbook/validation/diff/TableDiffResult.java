package dmsrunbook.validation.diff;

import dmsrunbook.spec.ValidationMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One table's (or one key range's) verdict, small and serialisable: whether the sides are equal and on what evidence;
 * rows on each side; how many rows are missing on the target, extra on the target, or changed; the first
 * {@code maxReportedKeys} keys of each, in key order, with the changed column names (never values: they may be
 * personal data); notes a reader needs (no key, columns not compared); the ranges to re-check while changes may still
 * be in flight, and how many re-checks were made; and what the diff cost (checksum queries, rows fetched, time).
 * {@code sourceRows}/{@code targetRows} are those of the first pass; the differences, those of the last re-check.
 */
public record TableDiffResult(String sourceTable, String targetTable, KeyRange range, ValidationMode mode, Evidence evidence,
                              boolean equal, long sourceRows, long targetRows, long missingOnTarget, long extraOnTarget, long changed,
                              List<Key> missingKeys, List<Key> extraKeys, List<ChangedRow> changedRows, List<String> keyColumns,
                              List<String> notes, List<KeyRange> recheckRanges, int rechecks, long checksumQueries,
                              long rowsFetched, long millis) {

    public TableDiffResult {
        missingKeys = List.copyOf(missingKeys);
        extraKeys = List.copyOf(extraKeys);
        changedRows = List.copyOf(changedRows);
        keyColumns = List.copyOf(keyColumns);
        notes = List.copyOf(notes);
        recheckRanges = List.copyOf(recheckRanges);
    }

    /** Rows that differ in any way. */
    public long differences() {
        return missingOnTarget + extraOnTarget + changed;
    }

    /**
     * The results of one table's key ranges, diffed separately and given in key order, as one result: counts add up,
     * key lists keep their first {@code maxReportedKeys}, the range spans them all.
     */
    public static TableDiffResult combine(List<TableDiffResult> parts, int maxReportedKeys, int maxRecheckRanges) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no results to combine");
        }
        TableDiffResult first = parts.get(0);
        TableDiffResult last = parts.get(parts.size() - 1);
        Set<String> notes = new LinkedHashSet<>();
        RecheckRanges recheck = new RecheckRanges(maxRecheckRanges);
        parts.forEach(p -> {
            if (!p.sourceTable().equals(first.sourceTable())) {
                throw new IllegalArgumentException("results of " + p.sourceTable() + " and " + first.sourceTable() + " cannot combine");
            }
            notes.addAll(p.notes());
            recheck.addAll(p.recheckRanges());
        });
        Evidence weakest = parts.stream().map(TableDiffResult::evidence).max(Enum::compareTo).orElseThrow();
        return new TableDiffResult(first.sourceTable(), first.targetTable(), new KeyRange(first.range().after(), last.range().through()),
                first.mode(), weakest, parts.stream().allMatch(TableDiffResult::equal),
                sum(parts, TableDiffResult::sourceRows), sum(parts, TableDiffResult::targetRows),
                sum(parts, TableDiffResult::missingOnTarget), sum(parts, TableDiffResult::extraOnTarget), sum(parts, TableDiffResult::changed),
                firstOf(parts, TableDiffResult::missingKeys, maxReportedKeys), firstOf(parts, TableDiffResult::extraKeys, maxReportedKeys),
                firstOf(parts, TableDiffResult::changedRows, maxReportedKeys), first.keyColumns(), List.copyOf(notes), recheck.list(),
                parts.stream().mapToInt(TableDiffResult::rechecks).max().orElse(0),
                sum(parts, TableDiffResult::checksumQueries), sum(parts, TableDiffResult::rowsFetched), sum(parts, TableDiffResult::millis));
    }

    private static long sum(List<TableDiffResult> parts, java.util.function.ToLongFunction<TableDiffResult> field) {
        return parts.stream().mapToLong(field).sum();
    }

    private static <T> List<T> firstOf(List<TableDiffResult> parts, Function<TableDiffResult, List<T>> field, int limit) {
        List<T> all = new ArrayList<>();
        for (TableDiffResult part : parts) {
            for (T item : field.apply(part)) {
                if (all.size() < limit) {
                    all.add(item);
                }
            }
        }
        return all;
    }
}
