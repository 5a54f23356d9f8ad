package dmsrunbook.validation.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.local.LocalPostgres;
import dmsrunbook.mapping.TableName;
import dmsrunbook.testing.ComparedDatabases;
import dmsrunbook.testing.SharedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A diff taken while the application writes and replication (PostgreSQL logical replication, standing in for CDC)
 * lags: the differences in flight resolve when the differing ranges are re-checked after replication caught up, and
 * only the one difference that persists (a row changed on the target behind replication's back) is reported.
 * The exact policy, for the final validation, counts every difference it sees.
 */
class DiffUnderReplicationIT {

    private static final TableName ITEMS = new TableName("public", "items");
    private static final String TABLE = "CREATE TABLE items (id bigint PRIMARY KEY, qty int, note text);"
            + "INSERT INTO items SELECT g, g % 50, 'item ' || g FROM generate_series(1, 5000) g;";

    private String source;
    private String target;
    private String name;

    @BeforeEach
    void replicateItems() {
        source = SharedPostgres.freshDatabase("cdc_source");
        target = SharedPostgres.freshDatabase("cdc_target");
        name = "diff_" + source;
        LocalPostgres cluster = SharedPostgres.cluster();
        cluster.execute(source, TABLE + "CREATE PUBLICATION " + name + " FOR TABLE items;");
        cluster.execute(source, "SELECT pg_create_logical_replication_slot('" + name + "', 'pgoutput')");
        cluster.execute(target, TABLE + "CREATE SUBSCRIPTION " + name + " CONNECTION 'host=" + cluster.host() + " port=" + cluster.port()
                + " dbname=" + source + " user=" + LocalPostgres.SUPERUSER + " password=" + LocalPostgres.PASSWORD + "' PUBLICATION " + name
                + " WITH (create_slot = false, slot_name = '" + name + "', copy_data = false)");
    }

    @AfterEach
    void dropReplication() {
        LocalPostgres cluster = SharedPostgres.cluster();
        cluster.execute(target, "ALTER SUBSCRIPTION " + name + " DISABLE");
        cluster.execute(target, "ALTER SUBSCRIPTION " + name + " SET (slot_name = NONE)");
        cluster.execute(target, "DROP SUBSCRIPTION " + name);
        cluster.execute(source, "SELECT pg_drop_replication_slot('" + name + "')");
    }

    @Test
    void differencesInFlight_resolveOnReCheck_andOnlyThePersistentOneIsReported() throws Exception {
        // GIVEN replication paused while the application keeps writing, and one row changed on the target directly
        LocalPostgres cluster = SharedPostgres.cluster();
        cluster.execute(target, "ALTER SUBSCRIPTION " + name + " DISABLE");
        cluster.execute(source, "UPDATE items SET qty = qty + 1 WHERE id BETWEEN 100 AND 104; DELETE FROM items WHERE id IN (10, 11);"
                + "INSERT INTO items VALUES (5001, 1, 'new'), (5002, 2, 'new'), (5003, 3, 'new');");
        cluster.execute(target, "UPDATE items SET qty = -1 WHERE id = 777");
        TableDiffer differ = differ();
        AtomicInteger pauses = new AtomicInteger();
        TableDiffResult settled;
        try (Writer writer = new Writer()) {
            // WHEN the diff runs during the writes, and replication resumes during the first pause
            settled = differ.diffSettled(request(), RecheckPolicy.inFlight(3, Duration.ofMillis(100)), (wait, attempt) -> {
                pauses.incrementAndGet();
                writer.close();
                if (attempt == 1) {
                    cluster.execute(target, "ALTER SUBSCRIPTION " + name + " ENABLE");
                }
                awaitCaughtUp();
            });
        }

        // THEN only the row changed behind replication's back differs
        assertThat(settled.changedRows()).containsExactly(new ChangedRow(Key.of("777"), List.of("qty")));
        assertThat(settled.differences()).isEqualTo(1);
        assertThat(settled.rechecks()).isEqualTo(pauses.get()).isBetween(1, 3);
        assertThat(settled.recheckRanges()).hasSize(1);
    }

    @Test
    void oneReCheck_asAWorkflowRunsIt_betweenTwoInvocations() throws Exception {
        LocalPostgres cluster = SharedPostgres.cluster();
        cluster.execute(target, "ALTER SUBSCRIPTION " + name + " DISABLE");
        cluster.execute(source, "UPDATE items SET note = 'edited' WHERE id IN (1, 2500, 5000); DELETE FROM items WHERE id = 4000;");
        TableDiffer differ = differ();

        TableDiffResult first = differ.diff(request());
        cluster.execute(target, "ALTER SUBSCRIPTION " + name + " ENABLE");
        awaitCaughtUp();
        TableDiffResult second = differ.recheck(request(), first);

        assertThat(first.differences()).isEqualTo(4);
        assertThat(first.recheckRanges()).hasSizeBetween(1, 4);
        assertThat(second.equal()).isTrue();
        assertThat(second.rechecks()).isEqualTo(1);
        assertThat(second.sourceRows()).as("rows of the first pass").isEqualTo(first.sourceRows());
    }

    @Test
    void exactPolicy_forTheFinalValidation_countsEveryDifferenceItSees() {
        LocalPostgres cluster = SharedPostgres.cluster();
        cluster.execute(target, "ALTER SUBSCRIPTION " + name + " DISABLE");
        cluster.execute(source, "UPDATE items SET qty = 0 WHERE id IN (3, 4)");

        TableDiffResult result = differ().diffSettled(request(), RecheckPolicy.exact(), (wait, attempt) -> {
            throw new AssertionError("the exact policy never waits");
        });

        assertThat(result.changedRows()).extracting(ChangedRow::key).containsExactly(Key.of("3"), Key.of("4"));
        assertThat(result.rechecks()).isZero();
    }

    private TableDiffer differ() {
        return new TableDiffer(ComparedDatabases.postgres(source), ComparedDatabases.postgres(target));
    }

    private static TableDiffRequest request() {
        return new TableDiffRequest(ITEMS, ITEMS, KeyRange.ALL, DiffOptions.defaults().withSegmentation(8, 4, 16, 16));
    }

    /** Waits until the subscription confirmed everything the source wrote so far. */
    private void awaitCaughtUp() {
        try (Connection connection = SharedPostgres.cluster().connect(source); Statement statement = connection.createStatement()) {
            String lsn;
            try (ResultSet rows = statement.executeQuery("SELECT pg_current_wal_lsn()")) {
                rows.next();
                lsn = rows.getString(1);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                try (ResultSet rows = statement.executeQuery("SELECT confirmed_flush_lsn >= '" + lsn + "'::pg_lsn FROM pg_replication_slots "
                        + "WHERE slot_name = '" + name + "'")) {
                    if (rows.next() && rows.getBoolean(1)) {
                        return;
                    }
                }
                Thread.sleep(100);
            }
            throw new AssertionError("replication did not catch up within 60 s");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The application: updates random rows on the source until closed. */
    private final class Writer implements AutoCloseable {

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Writer() {
            thread = new Thread(() -> {
                try (Connection connection = SharedPostgres.cluster().connect(source); Statement statement = connection.createStatement()) {
                    while (running.get()) {
                        // Never row 777: replicating a write to it would overwrite the change made on the target directly.
                        int id = ThreadLocalRandom.current().nextInt(1, 5000);
                        statement.execute("UPDATE items SET qty = qty + 1 WHERE id = " + (id == 777 ? 778 : id));
                        Thread.sleep(2);
                    }
                } catch (SQLException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, "application-writes");
            thread.start();
        }

        @Override
        public void close() {
            running.set(false);
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
