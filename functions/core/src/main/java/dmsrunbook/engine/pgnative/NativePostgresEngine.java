package dmsrunbook.engine.pgnative;

import dmsrunbook.database.DatabaseConnector;
import dmsrunbook.database.DatabaseFamilies;
import dmsrunbook.database.ReplicationSlots;
import dmsrunbook.database.postgres.PostgresDialect;
import dmsrunbook.database.postgres.PostgresLogicalReplication;
import dmsrunbook.database.postgres.PostgresLogicalReplication.SlotPosition;
import dmsrunbook.database.postgres.PostgresPrimaryKeysAfterCopy;
import dmsrunbook.database.postgres.PostgresReplicationRole;
import dmsrunbook.engine.EndpointTests;
import dmsrunbook.engine.ReplicationEngine;
import dmsrunbook.engine.ReplicationHandle;
import dmsrunbook.engine.ReplicationProgress;
import dmsrunbook.engine.StartKind;
import dmsrunbook.engine.StopResult;
import dmsrunbook.engine.StreamPositions;
import dmsrunbook.engine.TableProgress;
import dmsrunbook.error.DatabaseUnavailableException;
import dmsrunbook.error.EndpointConnectionFailedException;
import dmsrunbook.error.Failures;
import dmsrunbook.error.ReplicationFailedException;
import dmsrunbook.error.ReplicationInterruptedException;
import dmsrunbook.mapping.TableName;
import dmsrunbook.spec.EndpointSpec;
import dmsrunbook.spec.MigrationSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * PostgreSQL's own logical replication, what AWS recommends for homogeneous moves to Aurora PostgreSQL: a
 * publication of the selected tables and a slot on the source, a subscription on the target (initial copy, then
 * streaming). All three are named after the migration ({@code dmsrunbook_<migrationId>}), so every step can tell
 * whether it already happened: retries and re-runs never create a second one. The SQL itself is
 * {@link PostgresLogicalReplication}'s; this class decides which step to take.
 */
public final class NativePostgresEngine implements ReplicationEngine {

    private final DatabaseConnector databases;
    /**
     * How long a subscription's apply worker may take to connect after the start: the launcher starts it within its
     * wal_retrieve_retry_interval (5 s by default), and a busy target takes longer.
     */
    static final Duration APPLY_WORKER_START = Duration.ofSeconds(30);
    /**
     * How long one check waits, in all, for the primary keys it builds after tables' copies (CheckReplication has
     * 120 s); a build still running then goes on on the target, and the next check waits for it.
     */
    static final Duration KEY_BUILD_WAIT = Duration.ofSeconds(60);
    private static final String UNIQUE_VIOLATION = "23505";
    /**
     * How long a check waits before it looks again at a copied table whose sync slot is gone: a sync worker that ends
     * normally drops its slot just before it commits the table's new state, so the two disagree for a moment.
     */
    static final Duration LOST_CATCH_UP_RECHECK = Duration.ofSeconds(3);

    private final Clock clock;
    private final PostgresLogicalReplication replication = new PostgresLogicalReplication();
    private final PostgresReplicationRole replicationRole = new PostgresReplicationRole();
    private final PostgresPrimaryKeysAfterCopy primaryKeys = new PostgresPrimaryKeysAfterCopy();

    public NativePostgresEngine(DatabaseConnector databases, Clock clock) {
        this.databases = databases;
        this.clock = clock;
    }

    @Override
    public boolean exists(MigrationSpec spec) {
        try (Connection target = databases.connect(spec.target())) {
            return replication.subscriptionEnabled(target, spec.objectName()).isPresent();
        } catch (SQLException e) {
            throw Failures.ofSql("Looking for the subscription", spec.target().describe(), e);
        }
    }

    /**
     * Logical replication has no endpoints of its own: the test opens a connection to each database with its secret,
     * and a replication connection to the source, as the subscription will. It finishes at once.
     */
    @Override
    public EndpointTests testEndpoints(MigrationSpec spec) {
        testConnections(spec);
        return new EndpointTests(address(spec.source()), address(spec.target()), EndpointTests.Status.SUCCESSFUL, clock.instant(), 0);
    }

    /** Tests the connections again: {@link #testEndpoints} has already reported them successful or failed. */
    @Override
    public EndpointTests checkEndpoints(MigrationSpec spec, EndpointTests tests) {
        testConnections(spec);
        return tests.withStatus(EndpointTests.Status.SUCCESSFUL);
    }

    private void testConnections(MigrationSpec spec) {
        String reach = "check the host, port and database in the spec, the secret's credentials, and that the function's VPC "
                + "reaches the database (security groups, routes)";
        testConnection("Could not connect to the source (" + spec.source().describe() + ")", spec.source(), new Properties(), reach);
        testConnection("Could not connect to the target (" + spec.target().describe() + ")", spec.target(), new Properties(), reach);
        String user = databases.username(spec.source());
        testConnection("The source (" + spec.source().describe() + ") refuses the replication connection the subscription opens",
                spec.source(), PostgresLogicalReplication.replicationConnection(),
                "let " + user + " open replication connections: ALTER ROLE " + user + " WITH REPLICATION (RDS/Aurora: GRANT rds_replication TO "
                        + user + "), and allow its connections to the database in pg_hba.conf");
    }

    private void testConnection(String failure, EndpointSpec endpoint, Properties properties, String fix) {
        try (Connection connection = databases.open(endpoint, properties)) {
            if (!connection.isValid(5)) {
                throw new EndpointConnectionFailedException(failure + ": the connection did not answer within 5 s", fix);
            }
        } catch (SQLException e) {
            String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new EndpointConnectionFailedException(failure + ": " + message
                    + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")"), fix);
        }
    }

    /**
     * Creates what is missing, in order: the publication, the slot and the replication role on the source, then the
     * subscription on the target. Each time it creates the subscription or re-enables a stopped one, the role gets a
     * new password, tried from here first (a refused login then fails here, not in a statement the target may log),
     * and handed to the subscription: the password lives nowhere else, and a retry simply renews it.
     */
    @Override
    public ReplicationHandle startReplication(MigrationSpec spec, EndpointTests endpoints) {
        String name = spec.objectName();
        String role = PostgresReplicationRole.nameFor(name);
        try (Connection source = databases.connect(spec.source())) {
            List<TableName> tables = spec.mappings().select(new PostgresDialect().listTables(source));
            if (tables.isEmpty()) {
                throw new ReplicationFailedException("The table mappings select no table on the source", "fix the selection rules");
            }
            replication.ensurePublication(source, name, tables);
            replication.ensureSlot(source, name);
            replicationRole.ensure(source, role, tables);
        } catch (SQLException e) {
            throw Failures.ofSql("Creating the publication, slot and replication role", spec.source().describe(), e);
        }
        try (Connection target = databases.connect(spec.target())) {
            Optional<Boolean> enabled = replication.subscriptionEnabled(target, name);
            if (enabled.isPresent() && enabled.get()) {
                return ReplicationHandle.started(name, StartKind.ALREADY_RUNNING, clock.instant());
            }
            PostgresReplicationRole.Login login = newLogin(spec, role);
            if (enabled.isEmpty()) {
                replication.createSubscription(target, name, spec.source(), login, spec.migrationType().loadsFully(),
                        !PostgresPrimaryKeysAfterCopy.applies(spec));
                return ReplicationHandle.started(name, StartKind.FRESH, clock.instant());
            }
            replication.changeConnection(target, name, spec.source(), login);
            replication.enableSubscription(target, name);
            return ReplicationHandle.started(name, StartKind.RESUMED, clock.instant());
        } catch (SQLException e) {
            throw Failures.ofSql("Creating the subscription", spec.target().describe(), e);
        }
    }

    /** A new password for the replication role, with which the source accepts a replication connection. */
    private PostgresReplicationRole.Login newLogin(MigrationSpec spec, String role) {
        PostgresReplicationRole.Login login;
        try (Connection source = databases.connect(spec.source())) {
            login = replicationRole.renewPassword(source, role);
        } catch (SQLException e) {
            throw Failures.ofSql("Setting the replication role's password", spec.source().describe(), e);
        }
        Properties properties = PostgresLogicalReplication.replicationConnection();
        properties.setProperty("user", login.user());
        properties.setProperty("password", login.password());
        try (Connection ignored = DriverManager.getConnection(DatabaseFamilies.of(spec.source().engine()).jdbcUrl(spec.source(), 10), properties)) {
            return login;
        } catch (SQLException e) {
            String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new ReplicationFailedException("The source (" + spec.source().describe() + ") refuses the replication role " + role
                    + " the subscription logs in as: " + message + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")"),
                    "allow " + role + " to open replication connections to database " + spec.source().database()
                            + " in pg_hba.conf (RDS and Aurora allow them), then start the migration again");
        }
    }

    @Override
    public ReplicationProgress progress(MigrationSpec spec, ReplicationHandle handle) {
        String name = spec.objectName();
        List<TableProgress> tables = new ArrayList<>();
        boolean enabled;
        try (Connection target = databases.connect(spec.target())) {
            Optional<Boolean> subscription = replication.subscriptionEnabled(target, name);
            if (subscription.isEmpty()) {
                throw new ReplicationFailedException("Subscription " + name + " does not exist on the target",
                        "start the migration again: it creates the subscription");
            }
            enabled = subscription.get();
            for (PostgresLogicalReplication.SubscribedTable table : replication.subscribedTables(target, name)) {
                tables.add(new TableProgress(table.table().toString(), table.state(), 0, 0, 0, 0));
            }
        } catch (SQLException e) {
            throw Failures.ofSql("Reading the subscription", spec.target().describe(), e);
        }
        // The slot is read during the copy too: one dropped behind the runbook's back would otherwise only show at its end.
        SlotPosition slot;
        try (Connection source = databases.connect(spec.source())) {
            slot = replication.slotPosition(source, name).orElseThrow(() -> new ReplicationFailedException(
                    "Replication slot " + name + " is gone from the source",
                    "the source lost the slot (dropped, or max_slot_wal_keep_size exceeded): restart the migration from a new initial copy"));
        } catch (SQLException e) {
            throw Failures.ofSql("Reading the replication slot", spec.source().describe(), e);
        }
        // Only with its slot still there (a resume would otherwise make a new one and skip what happened meanwhile).
        if (!enabled) {
            // disable_on_error: a lost connection (a source restart) disables it too, so the check resumes it once.
            throw new ReplicationInterruptedException("Subscription " + name + " was disabled after an error",
                    "read the target's PostgreSQL log for the error (a conflicting row, a missing column), fix it, "
                            + "then start the migration again: it re-enables the subscription and resumes");
        }
        // An enabled subscription whose apply worker holds no connection to the slot cannot reach or log in to the source
        // (the target's log says which): an outage like any other, ridden through within faults.retryWindowSeconds and
        // alerted after it, instead of a copy that waits for ever. A new subscription's worker takes a few seconds to start.
        Instant startedAt = handle == null ? null : handle.startedAt();
        if (!slot.active() && startedAt != null && Duration.between(startedAt, clock.instant()).compareTo(APPLY_WORKER_START) > 0) {
            throw new DatabaseUnavailableException("Subscription " + name + " on " + spec.target().describe() + " holds no connection to "
                    + spec.source().describe() + " (slot " + name + " is inactive): its apply worker cannot reach or log in to the source; "
                    + "the target's PostgreSQL log says why", spec.source().describe(), null);
        }
        boolean loaded = !tables.isEmpty() && tables.stream().allMatch(t -> "ready".equals(t.state()));
        if (!loaded) {
            int ready = (int) tables.stream().filter(t -> "ready".equals(t.state())).count();
            return new ReplicationProgress(ReplicationProgress.Phase.FULL_LOAD, tables.isEmpty() ? 0 : 100 * ready / tables.size(),
                    tables, null, null, "initial copy: " + ready + "/" + tables.size() + " tables ready");
        }
        String detail = "apply lag " + (slot.currentLsn() - slot.confirmedFlushLsn()) + " bytes, " + String.format("%.3f", slot.lagSeconds()) + " s";
        return new ReplicationProgress(spec.migrationType().capturesChanges() ? ReplicationProgress.Phase.CHANGE_CAPTURE
                : ReplicationProgress.Phase.FULL_LOAD_FINISHED, 100, tables, slot.lagSeconds(), slot.readAt(), detail,
                new StreamPositions(slot.currentLsn(), slot.confirmedFlushLsn()));
    }

    /**
     * Progress, after building the primary keys of the tables already copied while the subscription copies into
     * tables without them ({@link PostgresPrimaryKeysAfterCopy}; it does not disable itself on errors then); once every
     * table is ready with its key, errors disable it again. The detail says which keys were built.
     */
    @Override
    public ReplicationProgress check(MigrationSpec spec, ReplicationHandle handle) {
        Instant deadline = Instant.now().plus(KEY_BUILD_WAIT); // the machine's time: it bounds real waits, whatever the clock says
        KeysCheck keys = buildKeysAfterCopy(spec, deadline);
        ReplicationProgress progress = progress(spec, handle);
        if (progress.phase() == ReplicationProgress.Phase.FULL_LOAD) {
            failOnLostCatchUps(spec);
        }
        if (!keys.done() && progress.phase() != ReplicationProgress.Phase.FULL_LOAD) {
            // Every table became ready since the keys were looked at: once more, so that the copy ends with every key.
            KeysCheck more = buildKeysAfterCopy(spec, deadline);
            keys = new KeysCheck(String.join("; ", Stream.of(keys.detail(), more.detail()).filter(d -> !d.isEmpty()).toList()), more.done());
            if (!keys.done()) {
                // The copy is not over while a key is missing: the changes to come need it, and post-data would build it twice.
                return new ReplicationProgress(ReplicationProgress.Phase.FULL_LOAD, progress.fullLoadPercent(), progress.tables(), null, null,
                        "initial copy: every table ready" + (keys.detail().isEmpty() ? "" : "; " + keys.detail()));
            }
        }
        return keys.detail().isEmpty() ? progress : new ReplicationProgress(progress.phase(), progress.fullLoadPercent(), progress.tables(),
                progress.latencySeconds(), progress.latencyObservedAt(), progress.detail() + "; " + keys.detail(), progress.positions());
    }

    /**
     * A table whose copy is finished ({@code copied}) but whose sync slot is gone from the source can never catch up:
     * its sync worker fails at every start ("replication slot ... does not exist") and the copy would wait for ever.
     * The target crashing just after the worker dropped the slot, before the table's next state (committed
     * asynchronously) was on disk, leaves exactly that (the fault rehearsal met it). Such a table must be copied again,
     * which drops and truncates it: the operator's call, so the check stops here and says how.
     */
    private void failOnLostCatchUps(MigrationSpec spec) {
        Map<TableName, String> lost = lostCatchUps(spec);
        if (lost.isEmpty()) {
            return;
        }
        try {
            Thread.sleep(LOST_CATCH_UP_RECHECK.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Map<TableName, String> still = lostCatchUps(spec);
        still.keySet().retainAll(lost.keySet());
        if (still.isEmpty()) {
            return;
        }
        String name = spec.objectName();
        String tables = still.keySet().stream().map(TableName::toString).collect(Collectors.joining(", "));
        String quoted = still.keySet().stream().map(t -> t.quoted('"')).collect(Collectors.joining(", "));
        throw new ReplicationFailedException("The copy of " + tables + " finished but cannot catch up: "
                + (still.size() == 1 ? "its sync slot (" : "their sync slots (") + String.join("*, ", still.values()) + "*) "
                + (still.size() == 1 ? "is" : "are") + " gone from " + spec.source().describe() + ", so subscription " + name
                + "'s sync worker fails at every start. The target most likely restarted just as the catch-up ended, before PostgreSQL had "
                + "the table's new state on disk", "copy " + (still.size() == 1 ? "the table" : "those tables") + " again: on the source, "
                + "ALTER PUBLICATION " + name + " DROP TABLE " + quoted + "; on the target, ALTER SUBSCRIPTION " + name
                + " REFRESH PUBLICATION WITH (copy_data = false), then TRUNCATE " + quoted + "; on the source, ALTER PUBLICATION " + name
                + " ADD TABLE " + quoted + "; on the target, ALTER SUBSCRIPTION " + name + " REFRESH PUBLICATION; then start the migration "
                + "again: it goes on with the copy");
    }

    /** The subscription's copied tables whose sync slot the source no longer has, with the slot's name prefix. */
    private Map<TableName, String> lostCatchUps(MigrationSpec spec) {
        Map<TableName, String> copied;
        try (Connection target = databases.connect(spec.target())) {
            copied = replication.copiedTablesSyncSlots(target, spec.objectName());
        } catch (SQLException e) {
            throw Failures.ofSql("Reading the subscription's copied tables", spec.target().describe(), e);
        }
        if (copied.isEmpty()) {
            return copied;
        }
        try (Connection source = databases.connect(spec.source())) {
            List<String> slots = replication.slotNames(source);
            Map<TableName, String> lost = new LinkedHashMap<>();
            copied.forEach((table, prefix) -> {
                if (slots.stream().noneMatch(slot -> slot.startsWith(prefix))) {
                    lost.put(table, prefix);
                }
            });
            return lost;
        } catch (SQLException e) {
            throw Failures.ofSql("Reading the copied tables' sync slots", spec.source().describe(), e);
        }
    }

    /** What a check did about the keys after the copy; {@code done} when there is nothing left to do (or nothing to do at all). */
    private record KeysCheck(String detail, boolean done) {
    }

    private KeysCheck buildKeysAfterCopy(MigrationSpec spec, Instant deadline) {
        if (!PostgresPrimaryKeysAfterCopy.applies(spec)) {
            return new KeysCheck("", true);
        }
        String name = spec.objectName();
        try (Connection target = databases.connect(spec.target())) {
            // No subscription (progress says so), or one that disables itself on errors again: the keys are all there.
            if (replication.disablesOnError(target, name).orElse(true)) {
                return new KeysCheck("", true);
            }
            List<PostgresLogicalReplication.SubscribedTable> subscribed = replication.subscribedTables(target, name);
            PostgresPrimaryKeysAfterCopy.Keys keys;
            try (Connection source = databases.connect(spec.source())) {
                keys = primaryKeys.buildCopied(source, target, properties -> databases.open(spec.target(), properties), subscribed, deadline);
            }
            boolean ready = !subscribed.isEmpty() && subscribed.stream().allMatch(table -> "ready".equals(table.state()));
            boolean done = ready && keys.complete();
            if (done) {
                replication.disableOnError(target, name);
            }
            return new KeysCheck(String.join("; ", Stream.of(
                    keys.built().isEmpty() ? "" : "primary keys built after the copy: " + keys.built(),
                    keys.building().isEmpty() ? "" : "primary keys still building: " + keys.building(),
                    keys.missing().isEmpty() ? "" : "primary keys to build at the next check: " + keys.missing()).filter(part -> !part.isEmpty()).toList()),
                    done);
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                // Replication writes each row once: equal keys on the target are rows written there besides it.
                throw new ReplicationFailedException("The primary key could not be built after the copy on " + spec.target().describe()
                        + ", because the table holds rows with equal keys: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""),
                        "rows were written to the target's table besides the subscription: stop whatever writes there, then start the "
                                + "migration over on an empty target (runbook cleanup, then a new execution)", e);
            }
            throw Failures.ofSql("Building the primary keys of the copied tables", spec.target().describe(), e);
        }
    }

    /**
     * Drops the subscription (detached from its slot first, so the target need not reach the source), then the slot,
     * the publication and the replication role on the source: nothing is left to retain WAL or to log in with. A target
     * that cannot be reached does not keep the source's slot: slot and publication are dropped all the same, and the stop
     * reports "stopping" until the subscription is dropped too. The role stays until then: dropping the subscription
     * logs in with it to drop the slots of tables whose copy was under way.
     */
    @Override
    public StopResult stop(MigrationSpec spec, ReplicationHandle handle) {
        String name = spec.objectName();
        DatabaseUnavailableException targetDown = null;
        try (Connection target = databases.connect(spec.target())) {
            replication.dropSubscription(target, name);
        } catch (DatabaseUnavailableException e) {
            targetDown = e;
        } catch (SQLException e) {
            RuntimeException failure = Failures.ofSql("Dropping the subscription", spec.target().describe(), e);
            if (!(failure instanceof DatabaseUnavailableException unavailable)) {
                throw failure;
            }
            targetDown = unavailable;
        }
        List<String> slots = new ArrayList<>();
        List<String> publications = new ArrayList<>();
        boolean roleDropped = false;
        try (Connection source = databases.connect(spec.source())) {
            Optional<ReplicationSlots.Slot> slot = replication.slot(source, name);
            if (slot.isPresent() && slot.get().active()) {
                return StopResult.stopping("the source's walsender still holds slot " + name);
            }
            if (slot.isPresent() && replication.dropSlot(source, name)) {
                slots.add(name);
            }
            if (replication.dropPublication(source, name)) {
                publications.add(name);
            }
            if (targetDown == null) {
                roleDropped = replicationRole.drop(source, PostgresReplicationRole.nameFor(name));
            }
        } catch (SQLException e) {
            throw Failures.ofSql("Dropping the slot, publication and replication role", spec.source().describe(), e);
        }
        if (targetDown != null) {
            return new StopResult(false, "the target (" + spec.target().describe() + ") cannot be reached, so subscription " + name
                    + " is still on it; on the source, its slot and publication are dropped (nothing retains WAL for it), its role "
                    + "stays until the subscription is dropped: "
                    + targetDown.detail(), slots, publications);
        }
        return new StopResult(true, "subscription dropped" + (roleDropped ? ", replication role " + PostgresReplicationRole.nameFor(name)
                + " dropped" : ""), slots, publications);
    }

    private static String address(EndpointSpec endpoint) {
        return "postgresql://" + endpoint.host() + ":" + endpoint.port() + "/" + endpoint.database();
    }
}
