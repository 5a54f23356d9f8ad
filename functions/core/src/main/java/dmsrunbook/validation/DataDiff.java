package dmsrunbook.validation;

import dmsrunbook.database.DatabaseConnector;
import dmsrunbook.mapping.TableName;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.validation.diff.ComparedDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The workflow's data validation run from one machine (the {@code runbook diff} verb): the same plan, diffs, re-checks,
 * judge and invariants, one work item after the other, with no state machine and no bucket; {@link Progress} hears of
 * each table as it is diffed. Read-only on both sides, like the workflow's.
 */
public final class DataDiff {

    /** An operator's machine has no 15-minute limit: each table still has the diff's own time budget. */
    private static final Duration NO_ITEM_LIMIT = Duration.ofDays(1);

    /** What a caller hears while the diff runs. */
    public interface Progress {

        /** The plan: how many tables, split or not, in how many items. */
        void planned(DataValidationPlan plan);

        /** One table (or key range of a split table) was diffed, first or in a re-check. */
        void diffed(DiffedTable table);

        /** Some tables differ while changes may be in flight: they are diffed again after {@code wait}. */
        void rechecking(int tables, Duration wait);
    }

    private final ComparedDatabase source;
    private final ComparedDatabase target;

    public DataDiff(ComparedDatabase source, ComparedDatabase target) {
        this.source = source;
        this.target = target;
    }

    /** The spec's source and target, connected with the credentials of their secrets. */
    public static DataDiff of(DatabaseConnector connector, MigrationSpec spec) {
        return new DataDiff(ComparedDatabase.of(connector, spec.source()), ComparedDatabase.of(connector, spec.target()));
    }

    /**
     * Diffs every selected table (or only {@code only}) as the {@code run} validation would: exact after the writes
     * stopped, or re-checking what differs while they go on. The report has no table when {@code only} is not one of
     * the selected tables.
     */
    public DataValidationReport run(MigrationSpec spec, Optional<TableName> only, ValidationRun run, Progress progress)
            throws InterruptedException {
        DataValidationPlan plan = new DataValidationPlanner(source, target).plan(spec, only);
        progress.planned(plan);
        if (plan.tables() == 0) {
            return new DataValidationReport(run, 0, List.of(), null);
        }
        DataItemDiffer differ = new DataItemDiffer(source, target, NO_ITEM_LIMIT);
        List<DataItemResult> results = new ArrayList<>();
        for (int item = 0; item < plan.items().size(); item++) {
            List<DiffedTable> tables = differ.diff(plan.items().get(item), run == ValidationRun.IN_FLIGHT);
            tables.forEach(progress::diffed);
            results.add(new DataItemResult(item, 0, tables));
        }
        int round = 0;
        DataValidationJudge.Verdicts verdicts = DataValidationJudge.judge(spec, run, round, results);
        while (verdicts.tables().stream().noneMatch(t -> t.verdict().refuses()) && !verdicts.itemsToRecheck().isEmpty()) {
            Duration wait = Duration.ofSeconds(DataValidation.recheckWait(spec));
            progress.rechecking((int) verdicts.tables().stream().filter(t -> t.verdict() == TableVerdict.RECHECK).count(), wait);
            Thread.sleep(wait.toMillis());
            round++;
            for (int item : verdicts.itemsToRecheck()) {
                List<DiffedTable> tables = differ.recheck(results.get(item).tables());
                tables.stream().filter(t -> !results.get(item).tables().contains(t)).forEach(progress::diffed);
                results.set(item, new DataItemResult(item, round, tables));
            }
            verdicts = DataValidationJudge.judge(spec, run, round, results);
        }
        InvariantReport invariants = new InvariantRunner(source, target).run(spec.validation().queries());
        return new DataValidationReport(run, round, verdicts.tables(), invariants);
    }
}
