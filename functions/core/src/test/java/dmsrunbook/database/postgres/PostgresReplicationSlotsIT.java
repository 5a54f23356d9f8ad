package dmsrunbook.database.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.database.ReplicationSlots;
import dmsrunbook.testing.SharedPostgres;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The record of the slots present before a migration, as the DMS engine keeps it in a task tag: it must read back
 * as the same slots, and say "unknown" rather than hold a partial list when the names do not fit a tag value.
 */
class PostgresReplicationSlotsIT {

    private final PostgresReplicationSlots slots = new PostgresReplicationSlots();

    @Test
    void noSlots_andSomeSlots_areRecorded_andReadBack() throws Exception {
        String database = SharedPostgres.freshDatabase("slots_record");
        try (Connection connection = SharedPostgres.cluster().connect(database)) {
            assertThat(slots.record(connection)).isEqualTo(ReplicationSlots.NO_SLOTS);
            assertThat(slots.recorded(slots.record(connection))).contains(List.of());

            try {
                create(database, "app_slot_a", "app_slot_b");
                assertThat(slots.record(connection)).isEqualTo("app_slot_a,app_slot_b");
                assertThat(slots.recorded(slots.record(connection))).contains(List.of("app_slot_a", "app_slot_b"));
            } finally {
                dropAll(database);
            }
        }
    }

    @Test
    void slotNamesLongerThanATagValue_areRecordedAsUnknown_notCut() throws Exception {
        String database = SharedPostgres.freshDatabase("slots_too_many");
        String prefix = "a_slot_with_a_name_long_enough_to_fill_a_tag_quickly_";
        try (Connection connection = SharedPostgres.cluster().connect(database)) {
            create(database, prefix + "1", prefix + "2", prefix + "3", prefix + "4", prefix + "5");

            String record = slots.record(connection);

            assertThat(record.length()).isLessThanOrEqualTo(PostgresReplicationSlots.MAX_RECORD_LENGTH);
            assertThat(slots.recorded(record)).isEqualTo(Optional.empty());
        } finally {
            dropAll(database);
        }
    }

    private static void create(String database, String... names) {
        for (String name : names) {
            SharedPostgres.cluster().execute(database, "SELECT pg_create_logical_replication_slot('" + name + "', 'test_decoding')");
        }
    }

    private static void dropAll(String database) {
        SharedPostgres.cluster().execute(database,
                "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = current_database()");
    }
}
