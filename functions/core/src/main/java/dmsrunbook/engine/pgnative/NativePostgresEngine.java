package dmsrunbook.engine.pgnative;

import dmsrunbook.database.DatabaseConnector;
import dmsrunbook.database.DatabaseSecret;
import dmsrunbook.database.ReplicationSlots;
import dmsrunbook.database.SqlDialect;
import dmsrunbook.engine.EndpointTests;
import dmsrunbook.engine.ReplicationEngine;
import dmsrunbook.engine.ReplicationHandle;
import dmsrunbook.engine.ReplicationProgress;
import dmsrunbook.engine.StopResult;
import dmsrunbook.engine.TableProgress;
import dmsrunbook.error.Failures;
import dmsrunbook.error.ReplicationFailedException;
import dmsrunbook.mapping.TableName;
import dmsrunbook.spec.EndpointSpec;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.spec.SslMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * PostgreSQL's own logical replication, what AWS recommends for homogeneous moves to Aurora PostgreSQL: a
 * publication of the selected tables and a slot on the source, a subscription on the target (initial copy, then
 * streaming). All three are named after the migration ({@code dmsrunbook_<migrationId>}), so every step can tell
 * whether it already happened: retries and re-runs never create a second one.
 */
public final class NativePostgresEngine implements ReplicationEngine {

    /** Table sync states of pg_subscription_rel, in the words progress reports use. */
    private static final java.util.Map<String, String> SYNC_STATES = java.util.Map.of(
            "i", "initializing", "d", "copying", "f", "copied", "s", "synchronized", "r", "ready");

    private final DatabaseConnector databases;
    private final Clock clock;

    public NativePostgresEngine(DatabaseConnector databases, Clock clock) {
        this.databases = databases;
        this.clock = clock;
    }

    @Override
    public boolean exists(MigrationSpec spec) {
        try (Connection target = databases.connect(spec.target())) {
            return subscriptionEnabled(target, spec.objectName()).isPresent();
        } catch (SQLException e) {
            throw Failures.ofSql("Looking for the subscription", spec.target().describe(), e);
        }
    }

    /** Logical replication has no separate endpoints: the test is that the runbook can reach both databases. */
    @Override
    public EndpointTests testEndpoints(MigrationSpec spec) {
        for (EndpointSpec side : List.of(spec.source(), spec.target())) {
            try (Connection connection = databases.connect(side)) {
                connection.isValid(5);
            } catch (SQLException e) {
                throw Failures.ofSql("Connecting", side.describe(), e);
            }
        }
        return new EndpointTests(address(spec.source()), address(spec.target()), EndpointTests.Status.SUCCESSFUL, clock.instant(), 0);
    }

    @Override
    public EndpointTests checkEndpoints(MigrationSpec spec, EndpointTests tests) {
        return tests.withStatus(EndpointTests.Status.SUCCESSFUL);
    }

    @Override
    public ReplicationHandle startReplication(MigrationSpec spec, EndpointTests endpoints) {
        String name = spec.objectName();
        try (Connection source = databases.connect(spec.source())) {
            List<TableName> tables = spec.mappings().select(SqlDialect.POSTGRES.listTables(source));
            ensurePublication(source, name, tables);
            if (!ReplicationSlots.names(source).contains(name)) {
                // The slot first, in its own statement: the subscription then starts exactly where it begins.
                try (PreparedStatement statement = source.prepareStatement("SELECT pg_create_logical_replication_slot(?, 'pgoutput')")) {
                    statement.setString(1, name);
                    statement.execute();
                }
            }
        } catch (SQLException e) {
            throw Failures.ofSql("Creating the publication and slot", spec.source().describe(), e);
        }
        try (Connection target = databases.connect(spec.target())) {
            Optional<Boolean> enabled = subscriptionEnabled(target, name);
            if (enabled.isEmpty()) {
                createSubscription(target, spec, name);
                return ReplicationHandle.started(name, "created-subscription", clock.instant());
            }
            if (!enabled.get()) {
                execute(target, "ALTER SUBSCRIPTION " + name + " ENABLE");
                return ReplicationHandle.started(name, "enabled-subscription", clock.instant());
            }
            return ReplicationHandle.started(name, "already-running", clock.instant());
        } catch (SQLException e) {
            throw Failures.ofSql("Creating the subscription", spec.target().describe(), e);
        }
    }

    @Override
    public ReplicationProgress progress(MigrationSpec spec, ReplicationHandle handle) {
        String name = spec.objectName();
        List<TableProgress> tables = new ArrayList<>();
        try (Connection target = databases.connect(spec.target())) {
            Optional<Boolean> enabled = subscriptionEnabled(target, name);
            if (enabled.isEmpty()) {
                throw new ReplicationFailedException("Subscription " + name + " does not exist on the target",
                        "start the migration again: it creates the subscription");
            }
            if (!enabled.get()) {
                throw new ReplicationFailedException("Subscription " + name + " was disabled after an apply error",
                        "read the target's PostgreSQL log for the error (a conflicting row, a missing column), fix it, "
                                + "then start the migration again: it re-enables the subscription and resumes");
            }
            try (PreparedStatement statement = target.prepareStatement("""
                    SELECT n.nspname || '.' || c.relname, r.srsubstate
                    FROM pg_subscription s JOIN pg_subscription_rel r ON r.srsubid = s.oid
                    JOIN pg_class c ON c.oid = r.srrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE s.subname = ? ORDER BY 1""")) {
                statement.setString(1, name);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        tables.add(new TableProgress(rows.getString(1), SYNC_STATES.getOrDefault(rows.getString(2), rows.getString(2)), 0, 0, 0, 0));
                    }
                }
            }
        } catch (SQLException e) {
            throw Failures.ofSql("Reading the subscription", spec.target().describe(), e);
        }
        boolean loaded = !tables.isEmpty() && tables.stream().allMatch(t -> "ready".equals(t.state()));
        if (!loaded) {
            int ready = (int) tables.stream().filter(t -> "ready".equals(t.state())).count();
            return new ReplicationProgress(ReplicationProgress.Phase.FULL_LOAD, tables.isEmpty() ? 0 : 100 * ready / tables.size(),
                    tables, null, null, "initial copy: " + ready + "/" + tables.size() + " tables ready", null, null);
        }
        try (Connection source = databases.connect(spec.source());
             PreparedStatement statement = source.prepareStatement("""
                     SELECT pg_current_wal_lsn() - '0/0'::pg_lsn, s.confirmed_flush_lsn - '0/0'::pg_lsn,
                            EXTRACT(EPOCH FROM GREATEST(r.write_lag, r.flush_lag, r.replay_lag)), now()
                     FROM pg_replication_slots s LEFT JOIN pg_stat_replication r ON r.pid = s.active_pid
                     WHERE s.slot_name = ?""")) {
            statement.setString(1, name);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    throw new ReplicationFailedException("Replication slot " + name + " is gone from the source",
                            "the source lost the slot (dropped, or max_slot_wal_keep_size exceeded): restart the migration from a new initial copy");
                }
                long current = row.getLong(1);
                long applied = row.getLong(2);
                // The walsender's lag times (the slowest: usually flush) are NULL once caught up and idle.
                double lag = row.getObject(3) == null ? 0 : row.getDouble(3);
                String detail = "apply lag " + (current - applied) + " bytes, " + String.format("%.3f", lag) + " s";
                return new ReplicationProgress(spec.migrationType().capturesChanges() ? ReplicationProgress.Phase.CHANGE_CAPTURE
                        : ReplicationProgress.Phase.FULL_LOAD_FINISHED, 100, tables, lag, row.getTimestamp(4).toInstant(), detail,
                        current, applied);
            }
        } catch (SQLException e) {
            throw Failures.ofSql("Reading the replication slot", spec.source().describe(), e);
        }
    }

    /**
     * Drops the subscription (detached from its slot first, so the target need not reach the source), then the slot
     * and the publication on the source: nothing is left to retain WAL.
     */
    @Override
    public StopResult stop(MigrationSpec spec, ReplicationHandle handle) {
        String name = spec.objectName();
        try (Connection target = databases.connect(spec.target())) {
            if (subscriptionEnabled(target, name).isPresent()) {
                execute(target, "ALTER SUBSCRIPTION " + name + " DISABLE");
                execute(target, "ALTER SUBSCRIPTION " + name + " SET (slot_name = NONE)");
                execute(target, "DROP SUBSCRIPTION " + name);
            }
        } catch (SQLException e) {
            throw Failures.ofSql("Dropping the subscription", spec.target().describe(), e);
        }
        List<String> slots = new ArrayList<>();
        List<String> publications = new ArrayList<>();
        try (Connection source = databases.connect(spec.source())) {
            Optional<ReplicationSlots.Slot> slot = ReplicationSlots.list(source).stream().filter(s -> s.name().equals(name)).findFirst();
            if (slot.isPresent() && slot.get().active()) {
                return StopResult.stopping("the source's walsender still holds slot " + name);
            }
            if (slot.isPresent() && ReplicationSlots.drop(source, name)) {
                slots.add(name);
            }
            if (publicationExists(source, name)) {
                execute(source, "DROP PUBLICATION " + name);
                publications.add(name);
            }
        } catch (SQLException e) {
            throw Failures.ofSql("Dropping the slot and publication", spec.source().describe(), e);
        }
        return new StopResult(true, "subscription dropped", slots, publications);
    }

    private static void ensurePublication(Connection source, String name, List<TableName> tables) throws SQLException {
        if (tables.isEmpty()) {
            throw new ReplicationFailedException("The table mappings select no table on the source", "fix the selection rules");
        }
        String list = tables.stream().map(t -> t.quoted('"')).collect(Collectors.joining(", "));
        execute(source, (publicationExists(source, name) ? "ALTER PUBLICATION " + name + " SET TABLE " : "CREATE PUBLICATION " + name + " FOR TABLE ") + list);
    }

    private void createSubscription(Connection target, MigrationSpec spec, String name) throws SQLException {
        EndpointSpec source = spec.source();
        // The target's server connects to the source with these credentials; PostgreSQL keeps them in
        // pg_subscription, readable by superusers only. They are never logged here.
        DatabaseSecret secret = databases.secret(source);
        String conninfo = "host=" + quoteConninfo(source.host()) + " port=" + source.port() + " dbname=" + quoteConninfo(source.database())
                + " user=" + quoteConninfo(secret.username()) + " password=" + quoteConninfo(secret.password())
                + " sslmode=" + libpqSslMode(source.sslMode()) + " application_name=" + name;
        boolean copy = spec.migrationType().loadsFully();
        try (Statement statement = target.createStatement()) {
            // disable_on_error: an apply error stops the subscription (and the check reports it) instead of a retry storm.
            statement.execute("CREATE SUBSCRIPTION " + name + " CONNECTION '" + conninfo.replace("'", "''") + "' PUBLICATION " + name
                    + " WITH (create_slot = false, slot_name = '" + name + "', copy_data = " + copy + ", disable_on_error = true)");
        }
    }

    /** libpq conninfo values: single-quoted, with quotes and backslashes escaped. */
    private static String quoteConninfo(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String libpqSslMode(SslMode mode) {
        return switch (mode) {
            case NONE -> "disable";
            case REQUIRE -> "require";
            case VERIFY_CA -> "verify-ca";
            case VERIFY_FULL -> "verify-full";
        };
    }

    private static Optional<Boolean> subscriptionEnabled(Connection target, String name) throws SQLException {
        try (PreparedStatement statement = target.prepareStatement("SELECT subenabled FROM pg_subscription WHERE subname = ?")) {
            statement.setString(1, name);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(row.getBoolean(1)) : Optional.empty();
            }
        }
    }

    private static boolean publicationExists(Connection source, String name) throws SQLException {
        try (PreparedStatement statement = source.prepareStatement("SELECT 1 FROM pg_publication WHERE pubname = ?")) {
            statement.setString(1, name);
            try (ResultSet row = statement.executeQuery()) {
                return row.next();
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String address(EndpointSpec endpoint) {
        return "postgresql://" + endpoint.host() + ":" + endpoint.port() + "/" + endpoint.database();
    }
}
