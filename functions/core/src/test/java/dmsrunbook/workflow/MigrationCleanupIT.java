package dmsrunbook.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.engine.StopResult;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.testing.LocalSecretsManager;
import dmsrunbook.testing.LocalSpecs;
import dmsrunbook.testing.SharedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * After a failed native migration, the cleanup (what {@code runbook cleanup} and the rehearsal run) stops its
 * replication and drops the slot and publication it left on the source, waiting while something still reads the
 * slot rather than leaving it behind.
 */
class MigrationCleanupIT {

    private static String secret;

    @BeforeAll
    static void storeTheSecret() {
        LocalPostgres cluster = SharedPostgres.cluster();
        secret = LocalSecretsManager.put("dms-runbook/cleanup", LocalPostgres.SUPERUSER, LocalPostgres.PASSWORD,
                cluster.host(), cluster.port());
    }

    @Test
    void failedMigrationsSlotAndPublication_areDroppedFromTheSource() throws Exception {
        // GIVEN a failed native migration: its publication and slot still on the source, retaining WAL
        MigrationSpec spec = failedMigration("cleanup-dropped");
        String source = spec.source().database();

        // WHEN it is cleaned up
        List<StopResult> waits = new ArrayList<>();
        Optional<StopResult> stopped = cleanup().stop(spec, Duration.ofSeconds(30), Duration.ofMillis(100), waits::add);

        // THEN both are gone from the source, and the result says so
        assertThat(stopped).hasValueSatisfying(result -> {
            assertThat(result.droppedSlots()).containsExactly(spec.objectName());
            assertThat(result.droppedPublications()).containsExactly(spec.objectName());
        });
        assertThat(waits).isEmpty();
        assertThat(names(source, "SELECT slot_name FROM pg_replication_slots WHERE database = current_database()")).isEmpty();
        assertThat(names(source, "SELECT pubname FROM pg_publication")).isEmpty();
    }

    @Test
    void slotSomethingStillReads_isWaitedFor_notDropped_untilTheReaderLetsGo() throws Exception {
        // GIVEN a failed migration whose slot a walsender still reads
        MigrationSpec spec = failedMigration("cleanup-held");
        String source = spec.source().database();
        List<StopResult> waits = new ArrayList<>();
        try (Connection reader = SharedPostgres.cluster().readSlot(source, spec.objectName())) {
            // WHEN the cleanup runs out of time while the slot is read
            Optional<StopResult> stopped = cleanup().stop(spec, Duration.ofSeconds(1), Duration.ofMillis(200), waits::add);

            // THEN it reports each wait with the reason, gives up empty-handed, and leaves the slot in place
            assertThat(stopped).isEmpty();
            assertThat(waits).hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(wait -> assertThat(wait.detail()).contains("still holds slot " + spec.objectName()));
            assertThat(names(source, "SELECT slot_name FROM pg_replication_slots WHERE database = current_database()"))
                    .containsExactly(spec.objectName());
        }

        // AND once the reader has gone, the next cleanup drops it
        Optional<StopResult> stopped = cleanup().stop(spec, Duration.ofSeconds(30), Duration.ofMillis(100), wait -> { });
        assertThat(stopped).hasValueSatisfying(result -> assertThat(result.droppedSlots()).containsExactly(spec.objectName()));
    }

    private static MigrationCleanup cleanup() {
        return new MigrationCleanup(new RunbookServices(LocalSecretsManager.aws(), RunbookSettings.from(Map.of()), Clock.systemUTC()));
    }

    /** A native migration that failed after its publication and slot were made on the source. */
    private static MigrationSpec failedMigration(String migrationId) {
        String source = SharedPostgres.freshDatabase("cleanup_source");
        String target = SharedPostgres.freshDatabase("cleanup_target");
        LocalPostgres cluster = SharedPostgres.cluster();
        MigrationSpec spec = LocalSpecs.read(LocalSpecs.postgresNative(migrationId,
                new LocalSpecs.Side("postgres", cluster.host(), cluster.port(), source, secret),
                new LocalSpecs.Side("aurora-postgresql", cluster.host(), cluster.port(), target, secret)));
        cluster.execute(source, "CREATE TABLE accounts (id int PRIMARY KEY, balance numeric); "
                + "CREATE PUBLICATION " + spec.objectName() + " FOR TABLE accounts");
        cluster.execute(source, "SELECT pg_create_logical_replication_slot('" + spec.objectName() + "', 'test_decoding')");
        return spec;
    }

    private static List<String> names(String database, String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = SharedPostgres.cluster().connect(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
