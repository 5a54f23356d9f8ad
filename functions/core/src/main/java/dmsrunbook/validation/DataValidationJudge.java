package dmsrunbook.validation;

import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.validation.diff.DiffOptions;
import dmsrunbook.validation.diff.Evidence;
import dmsrunbook.validation.diff.TableDiffResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Decides, from every work item's latest result, what a validation concluded about each table: its key ranges'
 * results are combined into one; then, at the final validation, any difference is a difference. Before the cutover
 * (the application still writes) a difference is re-checked, up to {@link #MAX_RECHECKS} times, after replication had
 * time to catch up, and only one that persists counts; a table compared by counts (or without a key) cannot locate its
 * difference, so within {@code thresholds.maxInFlightRowDifferencePercent} it passes as in flight, and the final
 * validation decides. A missing table, or a table that could not be diffed, is never re-checked.
 */
public final class DataValidationJudge {

    /** Re-checks before the cutover; with the wait between them, replication has caught up several times over. */
    public static final int MAX_RECHECKS = 3;

    private DataValidationJudge() {
    }

    /** The verdicts, in plan order, and the items whose tables are to be re-checked. */
    public record Verdicts(List<JudgedTable> tables, List<Integer> itemsToRecheck) {

        public Verdicts {
            tables = List.copyOf(tables);
            itemsToRecheck = List.copyOf(itemsToRecheck);
        }
    }

    /** {@code round}: the round the results are of (0: the first pass). */
    public static Verdicts judge(MigrationSpec spec, ValidationRun run, int round, List<DataItemResult> results) {
        Map<String, List<Part>> byTable = new LinkedHashMap<>();
        results.stream().sorted(Comparator.comparingInt(DataItemResult::item)).forEach(item -> {
            for (DiffedTable table : item.tables()) {
                byTable.computeIfAbsent(table.request().source().toString(), t -> new ArrayList<>()).add(new Part(item.item(), table));
            }
        });
        List<JudgedTable> tables = new ArrayList<>();
        TreeSet<Integer> recheck = new TreeSet<>();
        byTable.forEach((name, parts) -> {
            JudgedTable judged = judgeTable(spec, run, round, parts);
            tables.add(judged);
            if (judged.verdict() == TableVerdict.RECHECK) {
                parts.stream().filter(p -> !p.table().settled()).forEach(p -> recheck.add(p.item()));
            }
        });
        return new Verdicts(tables, List.copyOf(recheck));
    }

    /** One table (or key range) of one item. */
    private record Part(int item, DiffedTable table) {
    }

    private static JudgedTable judgeTable(MigrationSpec spec, ValidationRun run, int round, List<Part> parts) {
        DiffedTable first = parts.get(0).table();
        String source = first.request().source().toString();
        String target = first.request().target().toString();
        List<String> failures = parts.stream().map(p -> p.table().failure()).filter(f -> f != null).toList();
        if (!failures.isEmpty()) {
            return new JudgedTable(source, target, TableVerdict.FAILED, null, failures);
        }
        DiffOptions options = first.request().options();
        TableDiffResult result = parts.size() == 1 ? first.result()
                : TableDiffResult.combine(parts.stream().map(p -> p.table().result()).toList(), options.maxReportedKeys(),
                        options.maxRecheckRanges());
        return new JudgedTable(source, target, verdict(spec, run, round, result), result, List.of());
    }

    private static TableVerdict verdict(MigrationSpec spec, ValidationRun run, int round, TableDiffResult result) {
        if (result.equal()) {
            return TableVerdict.EQUAL;
        }
        if (run == ValidationRun.FINAL || result.evidence() == Evidence.MISSING_TABLE) {
            return TableVerdict.DIFFERENT;
        }
        if (round < MAX_RECHECKS) {
            return TableVerdict.RECHECK;
        }
        boolean located = result.evidence() == Evidence.CHECKSUMS || result.evidence() == Evidence.ROWS;
        double allowed = result.sourceRows() * spec.thresholds().maxInFlightRowDifferencePercent() / 100.0;
        return !located && Math.abs(result.targetRows() - result.sourceRows()) <= allowed ? TableVerdict.IN_FLIGHT : TableVerdict.DIFFERENT;
    }
}
