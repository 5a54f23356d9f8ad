package dmsrunbook.sync;

import dmsrunbook.engine.ReplicationProgress;
import dmsrunbook.engine.StreamPositions;
import dmsrunbook.engine.TableProgress;
import dmsrunbook.error.DatabaseOutageException;
import dmsrunbook.error.DatabaseUnavailableException;
import dmsrunbook.error.ReplicationInterruptedException;
import dmsrunbook.error.DataMismatchException;
import dmsrunbook.error.SyncTimeoutException;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.spec.ReplicationEngineKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Decides, from one progress reading, whether replication is loading, syncing or in sync, and how long the state
 * machine waits before asking again. The wait is stretched so that any wait up to {@code maxWaitSeconds} takes at
 * most {@link #MAX_POLLS} polls: a 48-hour CDC wait stays far under Standard workflows' 25,000 history events.
 * When the DMS task settings turn on DMS's own validation, replication is in sync only once no table has records
 * pending or suspended, and a table with failed records stops the migration (the cutover must not go ahead).
 */
public final class SyncCheck {

    /** At about 10 history events per poll, 1,000 polls use 10,000 of the 25,000 events an execution may have. */
    public static final int MAX_POLLS = 1000;
    /** The final sync runs with the application read-only: it should drain in minutes, an hour at the most. */
    public static final int MAX_FINAL_WAIT_SECONDS = 3600;
    private static final Set<String> LOADED_STATES = Set.of("Table completed", "ready");
    /** Tables named in a detail line at most. */
    private static final int TABLES_NAMED = 5;

    public SyncState evaluate(MigrationSpec spec, SyncWait wait, ReplicationProgress progress, SyncState previous, Instant now) {
        Instant startedAt = previous == null || previous.waitStartedAt() == null ? now : previous.waitStartedAt();
        int polls = previous == null ? 1 : previous.polls() + 1;
        int maxWait = wait == SyncWait.FINAL ? Math.min(MAX_FINAL_WAIT_SECONDS, spec.thresholds().maxWaitSeconds())
                : spec.thresholds().maxWaitSeconds();
        int threshold = wait == SyncWait.FINAL ? spec.cutover().maxFinalLatencySeconds() : spec.thresholds().cdcLatencySeconds();
        int stableFor = wait == SyncWait.FINAL ? 0 : spec.thresholds().stableForSeconds();
        int waitSeconds = waitSeconds(spec.thresholds().pollIntervalSeconds(), maxWait);

        int total = progress.tables().size();
        int loaded = (int) progress.tables().stream().map(TableProgress::state).filter(LOADED_STATES::contains).count();
        Instant below = previous == null ? null : previous.belowThresholdSince();
        // With writes stopped, the first final check fixes the source position everything must be applied up to.
        Optional<StreamPositions> positions = progress.streamPositions();
        Long drainPosition = wait == SyncWait.FINAL && positions.isPresent()
                ? (previous != null && previous.drainPosition() != null ? previous.drainPosition() : positions.get().sourcePosition())
                : null;
        Long applied = positions.map(StreamPositions::appliedPosition).orElse(null);
        SyncStatus status;
        String detail;
        switch (progress.phase()) {
            case STARTING, FULL_LOAD -> {
                status = SyncStatus.LOADING;
                below = null;
                detail = "full load: " + loaded + "/" + total + " tables" + (progress.fullLoadPercent() == null ? "" : ", " + progress.fullLoadPercent() + "%");
            }
            case FULL_LOAD_FINISHED -> {
                status = SyncStatus.IN_SYNC;
                detail = "full load finished: " + total + " tables";
            }
            default -> {
                if (drainPosition != null) {
                    boolean drained = applied != null && applied >= drainPosition;
                    status = drained ? SyncStatus.IN_SYNC : SyncStatus.SYNCING;
                    detail = drained ? "every change up to the cutover point is applied"
                            : (drainPosition - (applied == null ? 0 : applied))
                            + " bytes of changes before the cutover point still to apply";
                    break;
                }
                Double latency = progress.latencySeconds();
                // In the final wait only a reading taken after writes stopped counts.
                boolean fresh = latency != null && (wait != SyncWait.FINAL || !progress.latencyObservedAt().isBefore(startedAt));
                if (fresh && latency <= threshold) {
                    below = below == null ? now : below;
                    boolean stable = !Duration.between(below, now).minusSeconds(stableFor).isNegative();
                    status = stable ? SyncStatus.IN_SYNC : SyncStatus.SYNCING;
                    detail = "latency " + format(latency) + " s <= " + threshold + " s for " + Duration.between(below, now).toSeconds()
                            + " of " + stableFor + " s";
                } else {
                    below = null;
                    status = SyncStatus.SYNCING;
                    detail = latency == null ? "change capture running, no latency reading yet"
                            : fresh ? "latency " + format(latency) + " s > " + threshold + " s" : "waiting for a latency reading taken after writes stopped";
                }
            }
        }
        boolean validationPending = false;
        if (validatesRows(spec)) {
            refuseFailedValidation(progress);
            List<TableProgress> waiting = progress.tables().stream()
                    .filter(t -> t.validation() == null || t.validation().waiting()).toList();
            if (status == SyncStatus.IN_SYNC && !waiting.isEmpty()) {
                status = SyncStatus.SYNCING;
                validationPending = true;
                detail = detail + "; DMS validation not finished: " + named(waiting);
            }
        }
        if (status != SyncStatus.IN_SYNC && Duration.between(startedAt, now).toSeconds() > maxWait) {
            String reached = validationPending ? " did not finish DMS's validation" : " did not reach " + threshold + " s latency";
            throw new SyncTimeoutException((wait == SyncWait.FINAL ? "The final sync" : "Replication") + reached + " within " + maxWait
                    + " s (" + detail + ")", validationPending
                    ? "revalidate those tables (DMS console, the task's table statistics: Revalidate); records stay suspended while "
                    + "they keep changing: the cutover waits until DMS validated them"
                    : wait == SyncWait.FINAL ? "check the task for errors; the application is still read-only: decide to retry or roll back"
                    : "size up the replication instance or the target, or raise thresholds.maxWaitSeconds");
        }
        return new SyncState(status, waitSeconds, startedAt, below, polls, progress.latencySeconds(), progress.fullLoadPercent(),
                loaded, total, detail, drainPosition, null, previous == null ? null : previous.resumedAt());
    }

    /**
     * The replication had stopped itself on an error and this check resumed it: polled again soon, the stable period
     * starting over. Whether it stopped again too soon is {@link #resumedRecently}'s to say.
     */
    public SyncState resumed(MigrationSpec spec, SyncWait wait, ReplicationInterruptedException interruption, SyncState previous, Instant now) {
        Instant startedAt = previous == null || previous.waitStartedAt() == null ? now : previous.waitStartedAt();
        boolean copying = previous == null || previous.status() == SyncStatus.LOADING || previous.tablesLoaded() < previous.tablesTotal();
        return new SyncState(copying ? SyncStatus.LOADING : SyncStatus.SYNCING,
                Math.min(spec.faults().retryIntervalSeconds(), waitSeconds(spec.thresholds().pollIntervalSeconds(), spec.thresholds().maxWaitSeconds())),
                startedAt, null, previous == null ? 1 : previous.polls() + 1, null, previous == null ? null : previous.fullLoadPercent(),
                previous == null ? 0 : previous.tablesLoaded(), previous == null ? 0 : previous.tablesTotal(),
                interruption.detail() + "; resumed at " + now, previous == null ? null : previous.drainPosition(), null, now);
    }

    /**
     * True when the replication stopped again within {@code faults.retryWindowSeconds} of a check resuming it (or the
     * window is 0): no passing fault, an error that needs a person.
     */
    public boolean resumedRecently(MigrationSpec spec, SyncState previous, Instant now) {
        int window = spec.faults().retryWindowSeconds();
        return window == 0 || previous != null && previous.resumedAt() != null
                && Duration.between(previous.resumedAt(), now).toSeconds() < window;
    }

    /**
     * The check could not reach a database: within the spec's {@code faults.retryWindowSeconds} from the first failure,
     * an {@link SyncStatus#UNREACHABLE} state that the poll loop waits on like any other (the latency must then be low for
     * a whole stable period again); past it, a {@link DatabaseOutageException} naming the database and, from
     * {@code walHeld}, what the source's slots keep meanwhile.
     */
    public SyncState unreachable(MigrationSpec spec, SyncWait wait, DatabaseUnavailableException failure, SyncState previous, Instant now,
                                 Supplier<String> walHeld) {
        String database = failure.database() == null ? "a database" : failure.database();
        Instant since = previous != null && previous.outage() != null ? previous.outage().since() : now;
        Instant startedAt = previous == null || previous.waitStartedAt() == null ? now : previous.waitStartedAt();
        int window = spec.faults().retryWindowSeconds();
        long down = Duration.between(since, now).toSeconds();
        if (down >= window) {
            throw new DatabaseOutageException(database + " has been unreachable since " + since + " (" + down + " s, longer than "
                    + "faults.retryWindowSeconds " + window + " s): " + failure.detail() + ". " + walHeld.get(),
                    "bring " + database + " back (its status, a failover, security groups and routes from the functions' VPC), then start "
                            + "the migration again: it resumes from the replication's confirmed position. If it will not come back soon, "
                            + "run `runbook cleanup` so no slot keeps the source's WAL", failure);
        }
        int waitSeconds = Math.min(spec.faults().retryIntervalSeconds(), (int) Math.max(1, window - down));
        String detail = database + " unreachable since " + since + " (" + down + " of " + window + " s): " + failure.detail();
        return new SyncState(SyncStatus.UNREACHABLE, waitSeconds, startedAt, null, previous == null ? 1 : previous.polls() + 1, null,
                previous == null ? null : previous.fullLoadPercent(), previous == null ? 0 : previous.tablesLoaded(),
                previous == null ? 0 : previous.tablesTotal(), detail, previous == null ? null : previous.drainPosition(),
                new DatabaseOutage(database, since, failure.detail()), previous == null ? null : previous.resumedAt());
    }

    private static boolean validatesRows(MigrationSpec spec) {
        return spec.engine() == ReplicationEngineKind.DMS && spec.dms() != null && spec.dms().validationEnabled();
    }

    private static void refuseFailedValidation(ReplicationProgress progress) {
        List<TableProgress> failed = progress.tables().stream().filter(t -> t.validation() != null && t.validation().failed()).toList();
        if (!failed.isEmpty()) {
            throw new DataMismatchException("AWS DMS validation found records that differ between the source and the target in "
                    + failed.size() + (failed.size() == 1 ? " table: " : " tables: ") + named(failed),
                    "do not cut over. The failed records' keys are in the target's awsdms_control.awsdms_validation_failures_v1 "
                            + "table: find why they differ, fix it, reload those tables, and start the migration again");
        }
    }

    /** The first tables, each with its validation state, e.g. "public.orders (Pending records: 12 pending)". */
    private static String named(List<TableProgress> tables) {
        String names = tables.stream().limit(TABLES_NAMED).map(t -> t.table() + " ("
                + (t.validation() == null ? "no validation state reported yet" : t.validation().describe()) + ")")
                .collect(Collectors.joining(", "));
        return tables.size() > TABLES_NAMED ? names + " and " + (tables.size() - TABLES_NAMED) + " more" : names;
    }

    /** The poll interval, stretched so that {@code maxWaitSeconds} takes at most {@link #MAX_POLLS} polls. */
    public static int waitSeconds(int pollIntervalSeconds, int maxWaitSeconds) {
        return Math.max(pollIntervalSeconds, (maxWaitSeconds + MAX_POLLS - 1) / MAX_POLLS);
    }

    private static String format(double seconds) {
        return seconds == Math.rint(seconds) ? String.valueOf((long) seconds) : String.format("%.1f", seconds);
    }
}
