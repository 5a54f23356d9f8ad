package dmsrunbook.validation;

import dmsrunbook.database.DatabaseConnector;
import dmsrunbook.error.RetryableException;
import dmsrunbook.error.RunbookException;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.validation.diff.ComparedDatabase;
import dmsrunbook.validation.diff.ConnectionReuse;
import dmsrunbook.validation.diff.DiffOptions;
import dmsrunbook.validation.diff.DiffTimeoutException;
import dmsrunbook.validation.diff.TableDiffRequest;
import dmsrunbook.validation.diff.TableDiffResult;
import dmsrunbook.validation.diff.TableDiffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Diffs one work item (its tables or key ranges, one after the other, over connections reused from one to the next)
 * within one invocation's time: every diff gets what is left of the item's budget. A table that cannot be diffed
 * (a terminal error: no privilege, out of time) is recorded as failed and the others go on, so one table's failure is
 * reported, not hidden; a passing fault (a database that does not answer) fails the item, for the state machine to
 * retry.
 */
public final class DataItemDiffer {

    /** A Lambda runs 15 minutes at most: the item's diffs share what one diff may take; the rest reads and writes results. */
    public static final Duration ITEM_BUDGET = DiffOptions.DEFAULT_TIME_BUDGET;
    /** Less than this left: the remaining tables are reported as not diffed rather than started and cut off. */
    private static final Duration LEAST_TO_START = Duration.ofSeconds(5);

    private final ComparedDatabase source;
    private final ComparedDatabase target;
    private final Duration budget;

    public DataItemDiffer(ComparedDatabase source, ComparedDatabase target, Duration budget) {
        this.source = source;
        this.target = target;
        this.budget = budget;
    }

    /** The spec's source and target, connected with the credentials of their secrets. */
    public static DataItemDiffer of(DatabaseConnector connector, MigrationSpec spec) {
        return new DataItemDiffer(ComparedDatabase.of(connector, spec.source()), ComparedDatabase.of(connector, spec.target()), ITEM_BUDGET);
    }

    /**
     * The first pass over the item's work. {@code whileWriting}: the application still writes, so each table is
     * compared up to its largest key on the source now (rows inserted later are the final validation's).
     */
    public List<DiffedTable> diff(List<TableDiffRequest> requests, boolean whileWriting) {
        return run(requests.stream().map(request -> new DiffedTable(request, null, null)).toList(), false, whileWriting);
    }

    /** Diffs again what differed in {@code previous}, now that replication had time to catch up; the rest stays as it was. */
    public List<DiffedTable> recheck(List<DiffedTable> previous) {
        return run(previous, true, false);
    }

    private List<DiffedTable> run(List<DiffedTable> work, boolean recheck, boolean whileWriting) {
        long deadline = System.nanoTime() + budget.toNanos();
        List<DiffedTable> done = new ArrayList<>();
        try (ConnectionReuse connections = new ConnectionReuse()) {
            TableDiffer differ = new TableDiffer(connections.lend(source), connections.lend(target));
            for (DiffedTable part : work) {
                if (recheck && part.settled()) {
                    done.add(part);
                    continue;
                }
                TableDiffRequest request = part.request();
                Duration left = Duration.ofNanos(deadline - System.nanoTime());
                if (left.compareTo(LEAST_TO_START) < 0) {
                    done.add(DiffedTable.failed(request, "not diffed: the work item's " + budget.toMinutes() + " minutes ran out before "
                            + request.source() + " " + request.range() + ". Fix: lower validation.maxRowsPerItem, so fewer rows share an item"));
                    continue;
                }
                DiffOptions options = request.options();
                TableDiffRequest timed = request.withOptions(options.withTimeBudget(left.compareTo(options.timeBudget()) < 0 ? left
                        : options.timeBudget()));
                try {
                    if (whileWriting) {
                        // Rows inserted from now on reach the target a moment later: they are the final validation's.
                        timed = differ.closedAtLastKey(timed);
                        request = timed.withOptions(options);
                    }
                    TableDiffResult result = recheck ? differ.recheck(timed, part.result()) : differ.diff(timed);
                    done.add(DiffedTable.diffed(request, result));
                } catch (RetryableException e) {
                    throw e;
                } catch (DiffTimeoutException e) {
                    done.add(DiffedTable.failed(request, e.detail()
                            + ". Fix: lower validation.maxRowsPerItem, so the table is split into smaller key ranges"));
                } catch (RunbookException e) {
                    done.add(DiffedTable.failed(request, e.getMessage()));
                }
            }
        }
        return done;
    }
}
