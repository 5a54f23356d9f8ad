package dmsrunbook.validation;

import dmsrunbook.database.DatabaseConnector;
import dmsrunbook.error.DataMismatchException;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.validation.diff.TableDiffRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The data validation the workflow runs after the sync (in flight) and after the final sync (exact), in three steps
 * with a Map between them: {@link #plan} lists the work items, {@link #diffItem} diffs one (as a Map iteration),
 * {@link #conclude} judges every item's result, runs the business invariants, writes the report, and either says
 * which items to re-check after a wait, or that the data is equal, or refuses the cutover with the tables and their
 * first keys. Per-table results stay in the {@link ValidationStore}; the state carries a {@link DataValidationSummary}.
 */
public final class DataValidation {

    /** How long replication is given to catch up before a re-check, at least and at most. */
    static final int MIN_RECHECK_WAIT_SECONDS = 5;
    static final int MAX_RECHECK_WAIT_SECONDS = 300;
    /** The longest the re-check loop can run: every round waiting its longest and diffing its longest. */
    public static final Duration RECHECK_LIMIT = Duration.ofSeconds(MAX_RECHECK_WAIT_SECONDS).plus(DataItemDiffer.ITEM_BUDGET)
            .multipliedBy(DataValidationJudge.MAX_RECHECKS);
    /** Tables named in the alert at most (the report names them all). */
    private static final int TABLES_IN_ALERT = 10;

    private final DatabaseConnector connector;
    private final ValidationStore store;

    public DataValidation(DatabaseConnector connector, ValidationStore store) {
        this.connector = connector;
        this.store = store;
    }

    /** PlanDataValidation: the work items, written to the store; the summary lists them all for the Map. */
    public DataValidationSummary plan(String executionId, MigrationSpec spec, ValidationRun run) {
        DataValidationPlan plan = DataValidationPlanner.of(connector, spec).plan(spec, Optional.empty());
        for (int item = 0; item < plan.items().size(); item++) {
            store.putItem(executionId, run, item, plan.items().get(item));
        }
        List<Integer> items = IntStream.range(0, plan.items().size()).boxed().toList();
        return new DataValidationSummary(run, DataValidationStatus.PENDING, 0, items, items.size(), 0, plan.tables(), plan.splitTables(),
                0, 0, 0, 0, 0, 0, "", "", plan.tables() + " tables planned in " + items.size() + " work items"
                + (plan.splitTables() > 0 ? ", " + plan.splitTables() + " of them split into key ranges" : ""));
    }

    /**
     * DiffDataItem: the item's first pass, or a re-check of what it found different. A retry of an invocation that
     * already wrote this round's result returns that result instead of diffing again.
     */
    public DataItemOutcome diffItem(DataItemRequest request) {
        Optional<DataItemResult> previous = store.result(request.executionId(), request.validationRun(), request.item());
        DataItemResult result;
        if (previous.isPresent() && previous.get().round() == request.round()) {
            result = previous.get();
        } else {
            DataItemDiffer differ = DataItemDiffer.of(connector, request.spec());
            List<DiffedTable> tables;
            if (request.round() == 0) {
                List<TableDiffRequest> work = store.item(request.executionId(), request.validationRun(), request.item());
                tables = differ.diff(work, request.validationRun() == ValidationRun.IN_FLIGHT);
            } else {
                DataItemResult last = previous.orElseThrow(() -> new IllegalStateException("work item " + request.item()
                        + " has no result to re-check"));
                tables = differ.recheck(last.tables());
            }
            result = new DataItemResult(request.item(), request.round(), tables);
            store.putResult(request.executionId(), request.validationRun(), result);
        }
        return new DataItemOutcome(result.item(), result.round(), result.tables().size(), result.differing());
    }

    /**
     * ConcludeDataValidation: judges the latest result of every item. Re-checks pending: the items to diff again and
     * how long to wait first. Settled: the invariants run, then equal, or {@link DataMismatchException} naming the
     * tables with their first keys (and, at the final validation, the invariants that do not hold).
     */
    public DataValidationSummary conclude(String executionId, MigrationSpec spec, ValidationRun run, DataValidationSummary diffed) {
        List<DataItemResult> results = new ArrayList<>();
        for (int item = 0; item < diffed.itemsPlanned(); item++) {
            int number = item;
            results.add(store.result(executionId, run, item).orElseThrow(() -> new IllegalStateException(
                    "work item " + number + " of the " + run.value() + " validation has no result")));
        }
        DataValidationJudge.Verdicts verdicts = DataValidationJudge.judge(spec, run, diffed.round(), results);
        boolean refused = verdicts.tables().stream().anyMatch(t -> t.verdict().refuses());
        if (!refused && !verdicts.itemsToRecheck().isEmpty()) {
            DataValidationReport interim = new DataValidationReport(run, diffed.round(), verdicts.tables(), null);
            String location = store.putReport(executionId, run, interim);
            return summary(diffed, DataValidationStatus.PENDING, diffed.round() + 1, verdicts.itemsToRecheck(), recheckWait(spec),
                    interim, location, interim.summary() + "; re-checking " + interim.count(TableVerdict.RECHECK) + " tables");
        }
        InvariantReport invariants = InvariantRunner.of(connector, spec).run(spec.validation().queries());
        DataValidationReport report = new DataValidationReport(run, diffed.round(), verdicts.tables(), invariants);
        String location = store.putReport(executionId, run, report);
        if (!report.passed()) {
            throw new DataMismatchException("The data differs at the " + run.value() + " validation: " + report.summary() + ".\n"
                    + report.problems(TABLES_IN_ALERT) + "\nFull report: " + location, fix(run));
        }
        return summary(diffed, DataValidationStatus.EQUAL, diffed.round(), List.of(), 0, report, location, report.summary());
    }

    private static DataValidationSummary summary(DataValidationSummary diffed, DataValidationStatus status, int round, List<Integer> items,
                                                 int waitSeconds, DataValidationReport report, String location, String line) {
        return new DataValidationSummary(diffed.run(), status, round, items, diffed.itemsPlanned(), waitSeconds, report.tables().size(),
                diffed.splitTables(), report.count(TableVerdict.EQUAL), report.count(TableVerdict.IN_FLIGHT), report.resolvedOnRecheck(),
                report.weakerEvidence(), report.sourceRows(), report.targetRows(), report.invariantsLine(), location, line);
    }

    /** Twice the latency replication was in sync at: enough for every change in flight at the first pass to arrive. */
    static int recheckWait(MigrationSpec spec) {
        return Math.max(MIN_RECHECK_WAIT_SECONDS, Math.min(MAX_RECHECK_WAIT_SECONDS, 2 * spec.thresholds().cdcLatencySeconds()));
    }

    private static String fix(ValidationRun run) {
        return run == ValidationRun.FINAL
                ? "do not switch the application to the target. The report lists each differing table's first keys: find why those "
                + "rows differ (a trigger or a job writing to the target, a LOB truncated by limited LOB mode, a type mapping), fix it, "
                + "reload those tables, and validate again"
                : "the differences persisted after " + DataValidationJudge.MAX_RECHECKS + " re-checks while replication was in sync. "
                + "The report lists each table's first keys: find what changes them on the target (a trigger, a job) or why they were "
                + "not replicated (a table without a primary key, limited LOB mode), fix it, reload those tables "
                + "(dms.restartMode reload-target), and start the migration again";
    }
}
