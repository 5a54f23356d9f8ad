package dmsrunbook.engine.pgnative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dmsrunbook.engine.ReplicationHandle;
import dmsrunbook.engine.StopResult;
import dmsrunbook.error.DatabaseUnavailableException;
import dmsrunbook.error.ReplicationFailedException;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.testing.LocalSecretsManager;
import dmsrunbook.testing.LocalSpecs;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The native engine when a database goes away under it: a target that is down reads as unreachable (retryable,
 * naming it), the stop still cleans the source so no slot keeps its WAL, and a slot dropped behind the runbook's back
 * is reported during the copy, not only after it.
 */
class NativeEngineFaultsIT {

    @Test
    void targetDownMidCopy_readsAsUnreachable_stopCleansTheSourceAnyway_andTheLostSlotIsReportedWhileCopying() throws Exception {
        try (LocalPostgres source = LocalPostgres.startLogicalSource("faults-source");
             LocalPostgres target = LocalPostgres.start("faults-target", Map.of())) {
            MigrationSpec spec = shopOrders(source, target, "faults", 1000);
            NativePostgresEngine engine = new NativePostgresEngine(LocalSecretsManager.connector(), Clock.systemUTC());

            // GIVEN a copy under way that cannot finish (the target's table is locked against writes), then the target goes down
            try (Connection lock = target.connect("shop"); Statement locking = lock.createStatement()) {
                lock.setAutoCommit(false);
                locking.execute("LOCK TABLE orders IN SHARE MODE");
                ReplicationHandle handle = engine.startReplication(spec, null);
                awaitSlotActive(source, spec.objectName(), true);
                awaitCount(target, "SELECT count(*) FROM pg_subscription_rel WHERE srsubstate = 'd'", 1);
                target.crash();
                awaitSlotActive(source, spec.objectName(), false);

                // THEN reading progress fails as retryable, naming the target
                assertThatThrownBy(() -> engine.progress(spec, handle)).isInstanceOf(DatabaseUnavailableException.class)
                        .satisfies(e -> assertThat(((DatabaseUnavailableException) e).database()).isEqualTo(spec.target().describe()));

                // AND the stop drops the slot and publication on the source, and says the subscription is left
                StopResult whileDown = engine.stop(spec, handle);
                assertThat(whileDown.stopped()).isFalse();
                assertThat(whileDown.detail()).contains("cannot be reached", "subscription " + spec.objectName() + " is still on it");
                assertThat(whileDown.droppedSlots()).containsExactly(spec.objectName());
                assertThat(count(source, "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + spec.objectName() + "'")).isZero();
                assertThat(count(source, "SELECT count(*) FROM pg_publication")).isZero();

                // AND once the target is back with its table still copying, the lost slot is reported at once
                target.startAgain();
                assertThat(count(target, "SELECT count(*) FROM pg_subscription_rel WHERE srsubstate <> 'r'")).isPositive();
                assertThatThrownBy(() -> engine.progress(spec, handle)).isInstanceOf(ReplicationFailedException.class)
                        .hasMessageContaining("Replication slot " + spec.objectName() + " is gone from the source");

                // AND the next stop drops the subscription, and with it the slot of the interrupted copy: nothing is left on the source
                StopResult stopped = engine.stop(spec, handle);
                assertThat(stopped.stopped()).as(stopped.detail()).isTrue();
                assertThat(count(target, "SELECT count(*) FROM pg_subscription")).isZero();
                assertThat(count(source, "SELECT count(*) FROM pg_replication_slots")).as("slots left on the source").isZero();
                assertThat(count(source, "SELECT count(*) FROM pg_roles WHERE rolname LIKE 'dmsrunbook%'")).as("roles left").isZero();
            }
        }
    }

    @Test
    void anApplyWorkerThatCannotLogIn_readsAsTheSourceUnreachable_onceItHadTimeToStart() throws Exception {
        try (LocalPostgres source = LocalPostgres.startLogicalSource("login-source");
             LocalPostgres target = LocalPostgres.start("login-target", Map.of())) {
            MigrationSpec spec = shopOrders(source, target, "login", 100);
            NativePostgresEngine engine = new NativePostgresEngine(LocalSecretsManager.connector(), Clock.systemUTC());
            ReplicationHandle handle = engine.startReplication(spec, null);
            awaitSlotActive(source, spec.objectName(), true);

            // GIVEN the replication role's password changed behind the subscription's back, and its connection cut
            String role = spec.objectName() + "_repl";
            source.execute("shop", "ALTER ROLE " + role + " PASSWORD 'not-the-subscriptions'; "
                    + "SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE slot_name = '" + spec.objectName() + "'");
            awaitSlotActive(source, spec.objectName(), false);
            // (the cut disabled it, disable_on_error: enabled again, its worker now fails to log in at every start and stays enabled)
            awaitCount(target, "SELECT count(*) FROM pg_subscription WHERE NOT subenabled", 1);
            target.execute("shop", "ALTER SUBSCRIPTION " + spec.objectName() + " ENABLE");
            Thread.sleep(2_000);
            assertThat(count(target, "SELECT count(*) FROM pg_subscription WHERE subenabled")).isEqualTo(1);
            assertThat(count(source, "SELECT count(*) FROM pg_replication_slots WHERE active")).isZero();

            // THEN while the worker may still be starting, progress is read as usual
            ReplicationHandle justStarted = new ReplicationHandle(handle.id(), handle.startKind(), true, java.time.Instant.now(),
                    handle.firstAttemptAt(), handle.waitSeconds());
            assertThat(engine.progress(spec, justStarted)).isNotNull();
            // AND past the worker's start-up time, it reads as the source unreachable (retryable, within the retry window), saying why
            ReplicationHandle longAgo = new ReplicationHandle(handle.id(), handle.startKind(), true,
                    java.time.Instant.now().minus(NativePostgresEngine.APPLY_WORKER_START).minusSeconds(1), handle.firstAttemptAt(), handle.waitSeconds());
            assertThatThrownBy(() -> engine.progress(spec, longAgo)).isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessageContaining("holds no connection to", "slot " + spec.objectName() + " is inactive", "cannot reach or log in")
                    .satisfies(e -> assertThat(((DatabaseUnavailableException) e).database()).isEqualTo(spec.source().describe()));
            assertThat(engine.stop(spec, handle).stopped()).isTrue();
        }
    }

    @Test
    void aCopiedTableWhoseSyncSlotIsGone_failsTheCheck_namingTheTableAndHowToCopyItAgain() throws Exception {
        try (LocalPostgres source = LocalPostgres.startLogicalSource("lostsync-source");
             LocalPostgres target = LocalPostgres.start("lostsync-target", Map.of())) {
            MigrationSpec spec = shopOrders(source, target, "lostsync", 100);
            NativePostgresEngine engine = new NativePostgresEngine(LocalSecretsManager.connector(), Clock.systemUTC());
            ReplicationHandle handle = engine.startReplication(spec, null);
            awaitCount(target, "SELECT count(*) FROM pg_subscription_rel WHERE srsubstate = 'r'", 1);
            // As while primary keys are built after the copy: errors do not disable the subscription (else the sync worker's
            // first failure would, and the check would report the disabled subscription instead)
            target.execute("shop", "ALTER SUBSCRIPTION " + spec.objectName() + " SET (disable_on_error = false)");

            // GIVEN what a target crash leaves when it comes just after a table's sync worker dropped its slot, before the
            // table's next state reached the disk: the table copied, its catch-up not recorded, and no sync slot on the source
            target.execute("shop", "UPDATE pg_subscription_rel SET srsubstate = 'f', srsublsn = NULL WHERE srrelid = 'orders'::regclass");
            awaitCount(target, "SELECT count(*) FROM pg_subscription_rel WHERE srsubstate = 'f'", 1);
            assertThat(count(source, "SELECT count(*) FROM pg_replication_slots WHERE slot_name LIKE 'pg_%_sync_%'")).isZero();

            // THEN the check fails for good (the table must be copied again: the operator's call), naming it and the way to do it
            assertThatThrownBy(() -> engine.check(spec, handle)).isInstanceOf(ReplicationFailedException.class)
                    .hasMessageContaining("The copy of public.orders finished but cannot catch up", "its sync slot (pg_", "_sync_",
                            "is gone from " + spec.source().describe())
                    .satisfies(e -> assertThat(((ReplicationFailedException) e).remediation()).contains(
                            "ALTER PUBLICATION " + spec.objectName() + " DROP TABLE \"public\".\"orders\"",
                            "REFRESH PUBLICATION WITH (copy_data = false), then TRUNCATE \"public\".\"orders\"",
                            "ALTER PUBLICATION " + spec.objectName() + " ADD TABLE \"public\".\"orders\"", "start the migration again"));
            // AND the check changed nothing: the table is still on the publication and in the subscription
            assertThat(count(source, "SELECT count(*) FROM pg_publication_tables WHERE tablename = 'orders'")).isEqualTo(1);
            assertThat(count(target, "SELECT count(*) FROM pg_subscription_rel")).isEqualTo(1);

            // AND a copied table whose sync worker still has its slot is a copy under way, not a failure
            target.execute("shop", "UPDATE pg_subscription_rel SET srsubstate = 'r' WHERE srrelid = 'orders'::regclass");
            assertThat(engine.check(spec, handle)).isNotNull();
            assertThat(engine.stop(spec, handle).stopped()).isTrue();
        }
    }

    /** {@code rows} orders on the source, the empty table on the target, and a native spec between them named {@code name}. */
    private static MigrationSpec shopOrders(LocalPostgres source, LocalPostgres target, String name, int rows) {
        source.createDatabase("shop");
        target.createDatabase("shop");
        source.execute("shop", "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric); INSERT INTO orders SELECT g, g FROM generate_series(1, "
                + rows + ") g");
        target.execute("shop", "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric)");
        String sourceSecret = LocalSecretsManager.put("dms-runbook/" + name + "-source", LocalPostgres.SUPERUSER, LocalPostgres.PASSWORD,
                source.host(), source.port());
        String targetSecret = LocalSecretsManager.put("dms-runbook/" + name + "-target", LocalPostgres.SUPERUSER, LocalPostgres.PASSWORD,
                target.host(), target.port());
        return LocalSpecs.read(LocalSpecs.postgresNative(name,
                new LocalSpecs.Side("postgres", source.host(), source.port(), "shop", sourceSecret),
                new LocalSpecs.Side("aurora-postgresql", target.host(), target.port(), "shop", targetSecret)));
    }

    private static void awaitSlotActive(LocalPostgres source, String slot, boolean active) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String sql = "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot + "' AND active = " + active;
        while (System.nanoTime() < deadline) {
            if (count(source, sql) == 1) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("slot " + slot + " did not become " + (active ? "active" : "inactive") + " within 30 s");
    }

    private static void awaitCount(LocalPostgres cluster, String sql, long expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (count(cluster, sql) == expected) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(sql + " did not reach " + expected + " within 30 s");
    }

    private static long count(LocalPostgres cluster, String sql) throws Exception {
        try (Connection connection = cluster.connect("shop"); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
