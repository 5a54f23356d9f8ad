package dmsrunbook.engine.pgnative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.database.postgres.PostgresTargetSchema;
import dmsrunbook.engine.ReplicationHandle;
import dmsrunbook.engine.ReplicationProgress;
import dmsrunbook.error.ReplicationFailedException;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.testing.LocalSecretsManager;
import dmsrunbook.testing.LocalSpecs;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The native engine's copy into tables without their primary keys (the runbook creates the target's schema): the
 * application's UPDATEs and DELETEs made during the copy are applied before anyone built the table's key, fail on
 * it, and PostgreSQL starts the worker again and again; the next check builds the key, the worker resumes where it
 * stopped, and the target ends equal to the source, nothing lost, with errors disabling the subscription again.
 */
class NativeKeysAfterCopyIT {

    private static final int ROWS = 200_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Test
    void updatesAndDeletesDuringTheCopy_meetATableWithoutItsKey_theCheckBuildsIt_andTheTargetEndsEqualToTheSource() throws Exception {
        try (LocalPostgres source = LocalPostgres.startLogicalSource("keys-source");
             LocalPostgres target = LocalPostgres.start("keys-target", Map.of())) {
            // GIVEN a source table with its key and rows, and the target's table made by the runbook's pre-data step: no key yet
            MigrationSpec spec = ordersWithoutTheirKeyOnTheTarget(source, target, ROWS);
            assertThat(count(target, "SELECT count(*) FROM pg_constraint WHERE contype = 'p' AND conrelid = 'public.orders'::regclass")).as("keys before the copy").isZero();

            // AND the application updating, deleting and inserting rows all along
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger writes = new AtomicInteger();
            AtomicReference<Exception> writeFailure = new AtomicReference<>();
            Thread application = new Thread(() -> write(source, writing, writes, writeFailure));
            application.start();
            NativePostgresEngine engine = new NativePostgresEngine(LocalSecretsManager.connector(), Clock.systemUTC());
            try {
                // WHEN the replication starts, and no check comes until the table's copy is done and the changes made meanwhile
                // have failed on the missing key: in the table's catch-up (its sync worker), or, when the sync worker found
                // nothing to catch up (the apply worker was behind it), in the apply worker once the table is ready
                ReplicationHandle handle = engine.startReplication(spec, null);
                String subscription = spec.objectName();
                awaitCount(target, "SELECT count(*) FROM pg_subscription_rel WHERE srsubstate IN ('f', 's', 'r')", 1);
                awaitPositive(target, "SELECT sync_error_count + apply_error_count FROM pg_stat_subscription_stats WHERE subname = '"
                        + subscription + "'");
                assertThat(count(target, "SELECT count(*) FROM pg_subscription WHERE subenabled")).as("still enabled").isEqualTo(1);

                // THEN the next check builds the key, and the table gets ready
                ReplicationProgress progress = engine.check(spec, handle);
                assertThat(progress.detail()).contains("primary keys built after the copy: [public.orders]");
                Instant until = Instant.now().plus(TIMEOUT);
                while (progress.phase() == ReplicationProgress.Phase.FULL_LOAD && Instant.now().isBefore(until)) {
                    Thread.sleep(200);
                    progress = engine.check(spec, handle);
                }
                assertThat(progress.phase()).as(progress.detail()).isEqualTo(ReplicationProgress.Phase.CHANGE_CAPTURE);
                assertThat(count(target, "SELECT count(*) FROM pg_subscription WHERE subdisableonerr")).as("errors disable it again").isEqualTo(1);

                // AND once the application stops, the target holds exactly the source's rows
                writing.set(false);
                application.join();
                assertThat(writeFailure.get()).isNull();
                assertThat(writes.get()).as("writes during the run").isGreaterThan(100);
                String contents = "SELECT md5(string_agg(o::text, ',' ORDER BY id)) FROM orders o";
                awaitEqual(source, target, contents);
                assertThat(count(target, "SELECT count(*) FROM pg_constraint WHERE contype = 'p' AND conrelid = 'public.orders'::regclass AND conname = 'orders_pkey'")).isEqualTo(1);
                assertThat(engine.stop(spec, handle).stopped()).isTrue();
            } finally {
                writing.set(false);
                application.join();
            }
        }
    }

    @Test
    void aRowWrittenToTheTargetBesidesTheSubscription_failsTheKeysBuild_namingTheTableAndWhatToDo() throws Exception {
        try (LocalPostgres source = LocalPostgres.startLogicalSource("dup-source");
             LocalPostgres target = LocalPostgres.start("dup-target", Map.of())) {
            // GIVEN the target's keyless table already holding a row the source also has (someone wrote there)
            MigrationSpec spec = ordersWithoutTheirKeyOnTheTarget(source, target, 1000);
            target.execute("shop", "INSERT INTO orders VALUES (7, 7, 'written on the target')");
            NativePostgresEngine engine = new NativePostgresEngine(LocalSecretsManager.connector(), Clock.systemUTC());

            // WHEN the copy has finished and the check builds the key
            ReplicationHandle handle = engine.startReplication(spec, null);
            awaitCount(target, "SELECT count(*) FROM pg_subscription_rel WHERE srsubstate IN ('f', 's', 'r')", 1);

            // THEN it fails for good, saying why and what to do
            assertThatThrownBy(() -> engine.check(spec, handle)).isInstanceOf(ReplicationFailedException.class)
                    .hasMessageContaining("The primary key could not be built after the copy on postgres shop@")
                    .hasMessageContaining("holds rows with equal keys", "orders_pkey")
                    .hasMessageContaining("rows were written to the target's table besides the subscription");
            assertThat(engine.stop(spec, handle).stopped()).isTrue();
        }
    }

    /** The shop's orders on the source, and the target's table as the runbook's pre-data step makes it for the native engine. */
    private static MigrationSpec ordersWithoutTheirKeyOnTheTarget(LocalPostgres source, LocalPostgres target, int rows) {
        source.createDatabase("shop");
        target.createDatabase("shop");
        source.execute("shop", "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(12,2) NOT NULL, note text); "
                + "INSERT INTO orders SELECT g, g / 100.0, 'order ' || g FROM generate_series(1, " + rows + ") g");
        MigrationSpec spec = spec(source, target);
        new PostgresTargetSchema(LocalSecretsManager.connector()).applyPreData(spec);
        return spec;
    }

    private static MigrationSpec spec(LocalPostgres source, LocalPostgres target) {
        String sourceSecret = LocalSecretsManager.put("dms-runbook/keys-source", LocalPostgres.SUPERUSER, LocalPostgres.PASSWORD,
                source.host(), source.port());
        String targetSecret = LocalSecretsManager.put("dms-runbook/keys-target", LocalPostgres.SUPERUSER, LocalPostgres.PASSWORD,
                target.host(), target.port());
        ObjectNode spec = LocalSpecs.postgresNative("keys", new LocalSpecs.Side("postgres", source.host(), source.port(), "shop", sourceSecret),
                new LocalSpecs.Side("postgres", target.host(), target.port(), "shop", targetSecret));
        spec.putObject("schema").put("mode", "apply");
        return LocalSpecs.read(spec);
    }

    /** Updates, deletes and inserts, one per transaction, until told to stop. */
    private static void write(LocalPostgres source, AtomicBoolean writing, AtomicInteger writes, AtomicReference<Exception> failure) {
        try (Connection connection = source.connect("shop");
             PreparedStatement update = connection.prepareStatement("UPDATE orders SET total = total + 1, note = note || '+' WHERE id = ?");
             PreparedStatement delete = connection.prepareStatement("DELETE FROM orders WHERE id = ?");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO orders VALUES (?, 1, 'new') ON CONFLICT DO NOTHING")) {
            long next = ROWS + 1;
            while (writing.get()) {
                long id = ThreadLocalRandom.current().nextLong(1, ROWS + 1);
                PreparedStatement statement = switch (writes.get() % 3) {
                    case 0 -> update;
                    case 1 -> delete;
                    default -> insert;
                };
                statement.setLong(1, statement == insert ? next++ : id);
                statement.executeUpdate();
                writes.incrementAndGet();
                Thread.sleep(2);
            }
        } catch (Exception e) {
            failure.set(e);
        }
    }

    private static void awaitEqual(LocalPostgres source, LocalPostgres target, String query) throws Exception {
        Instant until = Instant.now().plus(TIMEOUT);
        String expected = text(source, query);
        while (!expected.equals(text(target, query)) && Instant.now().isBefore(until)) {
            Thread.sleep(200);
        }
        assertThat(text(target, query)).isEqualTo(expected);
    }

    private static void awaitCount(LocalPostgres database, String query, long expected) throws Exception {
        Instant until = Instant.now().plus(TIMEOUT);
        while (count(database, query) != expected && Instant.now().isBefore(until)) {
            Thread.sleep(50);
        }
        assertThat(count(database, query)).as(query).isEqualTo(expected);
    }

    private static void awaitPositive(LocalPostgres database, String query) throws Exception {
        Instant until = Instant.now().plus(TIMEOUT);
        while (count(database, query) <= 0 && Instant.now().isBefore(until)) {
            Thread.sleep(100);
        }
        assertThat(count(database, query)).as(query).isPositive();
    }

    private static long count(LocalPostgres database, String query) throws Exception {
        String value = text(database, query);
        return value == null ? 0 : Long.parseLong(value);
    }

    private static String text(LocalPostgres database, String query) throws Exception {
        try (Connection connection = database.connect("shop"); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(query)) {
            return row.next() ? row.getString(1) : null;
        }
    }
}
