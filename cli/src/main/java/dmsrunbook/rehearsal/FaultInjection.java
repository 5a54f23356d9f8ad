package dmsrunbook.rehearsal;

import dmsrunbook.local.LocalPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Injects one {@link Fault} into a native-engine rehearsal at a chosen {@link FaultMoment}, from a thread of its own
 * that watches the subscription closely (a table's copy can last only seconds), then measures the recovery: for a
 * transient fault, how long until the subscription streams again with every table copied and every change made
 * before the fault's end applied on the target.
 */
public final class FaultInjection implements AutoCloseable {

    /** What the summary shows: the fault, when it hit, what was seen, and how long recovery took. */
    public record Report(Fault fault, FaultMoment moment, Instant injectedAt, List<String> events, Duration recovery) {
        public boolean injected() {
            return injectedAt != null;
        }

        public Optional<Duration> recoveryTime() {
            return Optional.ofNullable(recovery);
        }
    }

    private static final long WATCH_MILLIS = 100;
    /** Ids far above what the rehearsal's categories use: the apply-error fault's conflicting row. */
    private static final int CONFLICTING_CATEGORY_ID = 900_001;

    private final Fault fault;
    private final FaultMoment moment;
    private final LocalPostgres source;
    private final LocalPostgres target;
    private final String database;
    private final String subscription;
    private final Duration downtime;
    private final Consumer<String> say;
    private final List<String> events = new ArrayList<>();
    private final List<String> copiesRestarted = new ArrayList<>();
    private volatile boolean cutoverApproved;
    private volatile boolean closed;
    private volatile Instant injectedAt;
    private volatile Duration recovery;
    private Thread thread;

    /**
     * @param subscription the subscription's (and slot's) name on the target
     * @param downtime     how long a restarted database stays down
     * @param say          prints a line of the rehearsal's log
     */
    public FaultInjection(Fault fault, FaultMoment moment, LocalPostgres source, LocalPostgres target, String database,
                          String subscription, Duration downtime, Consumer<String> say) {
        this.fault = fault;
        this.moment = moment;
        this.source = source;
        this.target = target;
        this.database = database;
        this.subscription = subscription;
        this.downtime = downtime;
        this.say = say;
    }

    public FaultInjection start() {
        thread = new Thread(this::run, "fault-injection");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** The cutover was approved: the final sync begins (the {@link FaultMoment#FINAL_SYNC} moment). */
    public void cutoverApproved() {
        cutoverApproved = true;
    }

    /** Starts a database the fault left down (after the migration failed and was cleaned up); false if none was. */
    public boolean bringBack() {
        if (fault != Fault.TARGET_DOWN || injectedAt == null || target.running()) {
            return false;
        }
        target.startAgain();
        note("target started again after the execution ended, " + Duration.between(injectedAt, Instant.now()).toSeconds() + " s after it stopped");
        return true;
    }

    public synchronized Report report() {
        return new Report(fault, moment, injectedAt, List.copyOf(events), recovery);
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        try {
            while (!closed && !momentReached()) {
                Thread.sleep(WATCH_MILLIS);
            }
            if (closed) {
                return;
            }
            inject();
            if (fault.isTransient()) {
                Instant faultEnded = Instant.now();
                long sourcePosition = currentWalPosition();
                while (!closed && sourcePosition < 0) {
                    Thread.sleep(WATCH_MILLIS);
                    sourcePosition = currentWalPosition();
                }
                while (!closed && !recovered(sourcePosition)) {
                    Thread.sleep(WATCH_MILLIS);
                }
                if (!closed) {
                    recovery = Duration.between(faultEnded, Instant.now());
                    note("recovered " + recovery.toMillis() / 1000.0 + " s after the fault: the subscription streams again, every table copied, "
                            + "every change made before the fault applied");
                    if (moment == FaultMoment.COPY) {
                        copiesRestarted.forEach(table -> note("the target's log: the copy of " + table + " started "
                                + copyStarts(table) + " times (the interrupted copy rolled back and began again)"));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            note("fault injection stopped: " + e.getMessage());
        }
    }

    private boolean momentReached() {
        return switch (moment) {
            case COPY -> count(target, "SELECT count(*) FROM pg_subscription_rel WHERE srsubstate = 'd'") > 0;
            // One query: two would race the subscription's creation (none not ready before it, its tables after).
            // Every table ready, and the check done with the copy (the keys built after it: errors disable the subscription again).
            case CDC -> count(target, "SELECT 1 FROM pg_subscription_rel HAVING count(*) > 0 "
                    + "AND count(*) FILTER (WHERE srsubstate <> 'r') = 0 AND (SELECT bool_and(subdisableonerr) FROM pg_subscription)") == 1;
            case FINAL_SYNC -> cutoverApproved;
        };
    }

    private void inject() throws InterruptedException {
        injectedAt = Instant.now();
        if (moment == FaultMoment.COPY) {
            copiesRestarted.addAll(list(target, "SELECT c.relname FROM pg_subscription_rel r JOIN pg_class c "
                    + "ON c.oid = r.srrelid WHERE r.srsubstate = 'd' ORDER BY 1"));
        }
        String copying = moment == FaultMoment.COPY ? " (copying: " + copiesRestarted + ")" : "";
        switch (fault) {
            case TARGET_RESTART, SOURCE_RESTART -> {
                LocalPostgres cluster = fault == Fault.TARGET_RESTART ? target : source;
                String role = fault == Fault.TARGET_RESTART ? "target" : "source";
                note("FAULT " + fault.value() + " at " + moment.value() + copying + ": " + role + " stopped (pg_ctl -m immediate stop)");
                cluster.crash();
                Thread.sleep(downtime.toMillis());
                cluster.startAgain();
                note(role + " started again after " + Duration.between(injectedAt, Instant.now()).toSeconds() + " s down");
            }
            case TARGET_DOWN -> {
                note("FAULT target-down at " + moment.value() + copying + ": target stopped (pg_ctl -m immediate stop), and it stays down");
                target.crash();
            }
            case REPLICATION_KILL -> {
                List<String> walsenders = list(source, "SELECT pg_terminate_backend(pid)::text || ' walsender ' || pid FROM pg_stat_replication "
                        + "WHERE application_name LIKE '" + subscription + "%' OR application_name LIKE 'pg_%_sync_%'");
                List<String> workers = list(target, "SELECT pg_terminate_backend(pid)::text || ' worker ' || pid FROM pg_stat_subscription "
                        + "WHERE subname = '" + subscription + "' AND pid IS NOT NULL");
                note("FAULT replication-kill at " + moment.value() + copying + ": terminated " + walsenders.size() + " walsender(s) on the source, "
                        + workers.size() + " apply/copy worker(s) on the target");
            }
            case APPLY_ERROR -> {
                // The same key on both sides: the target's row first, then the source's, which replication cannot apply.
                target.execute(database, "INSERT INTO categorias (id, nome, tipo) VALUES (" + CONFLICTING_CATEGORY_ID
                        + ", 'Conflito no destino', 'despesa') ON CONFLICT DO NOTHING");
                source.execute(database, "INSERT INTO categorias (id, nome, tipo) VALUES (" + CONFLICTING_CATEGORY_ID
                        + ", 'Conflito na origem', 'despesa')");
                note("FAULT apply-error at " + moment.value() + copying + ": categorias id " + CONFLICTING_CATEGORY_ID
                        + " put on the target, then on the source: the subscription cannot apply it (disable_on_error)");
            }
        }
    }

    /** Every table ready, the apply worker running, and the slot confirmed at least up to {@code sourcePosition}. */
    private boolean recovered(long sourcePosition) {
        boolean copied = count(target, "SELECT count(*) FROM pg_subscription_rel WHERE srsubstate <> 'r'") == 0;
        boolean streaming = count(target, "SELECT count(*) FROM pg_stat_subscription WHERE subname = '" + subscription
                + "' AND relid IS NULL AND pid IS NOT NULL") > 0;
        long confirmed = count(source, "SELECT COALESCE(pg_wal_lsn_diff(confirmed_flush_lsn, '0/0'), -1)::bigint FROM pg_replication_slots "
                + "WHERE slot_name = '" + subscription + "'");
        return copied && streaming && confirmed >= sourcePosition;
    }

    private long currentWalPosition() {
        return count(source, "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint");
    }

    /** How often the target's log says a table synchronization worker started on {@code table}. */
    private long copyStarts(String table) {
        String started = "table synchronization worker for subscription \"" + subscription + "\", table \"" + table + "\" has started";
        try (java.util.stream.Stream<String> lines = java.nio.file.Files.lines(target.serverLog())) {
            return lines.filter(line -> line.contains(started)).count();
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }

    /** A single number, or -1 while the database cannot answer (it may be the one restarting). */
    private long count(LocalPostgres cluster, String sql) {
        try (Connection connection = cluster.connect(database); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            return row.next() ? row.getLong(1) : -1;
        } catch (SQLException e) {
            return -1;
        }
    }

    private List<String> list(LocalPostgres cluster, String sql) {
        List<String> values = new ArrayList<>();
        try (Connection connection = cluster.connect(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        } catch (SQLException e) {
            values.add("(unreadable: " + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        return values;
    }

    private synchronized void note(String line) {
        events.add(line);
        say.accept(line);
    }
}
