package dmsrunbook.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The logical replication slots of a PostgreSQL source database. A slot outlives the task that made it and keeps
 * WAL until dropped, so the runbook records the slots present before it starts and drops the ones it added.
 */
public final class ReplicationSlots {

    private ReplicationSlots() {
    }

    /** One slot: its name, whether a consumer is connected, and how much WAL it keeps. */
    public record Slot(String name, boolean active, long retainedBytes) {
    }

    /** The logical slots of the connection's database. */
    public static List<Slot> list(Connection connection) throws SQLException {
        List<Slot> slots = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT slot_name, active, COALESCE(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn), 0)::bigint
                FROM pg_replication_slots WHERE slot_type = 'logical' AND database = current_database() ORDER BY slot_name""");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                slots.add(new Slot(rows.getString(1), rows.getBoolean(2), rows.getLong(3)));
            }
        }
        return slots;
    }

    public static List<String> names(Connection connection) throws SQLException {
        return list(connection).stream().map(Slot::name).toList();
    }

    /** Drops an inactive slot; a no-op when it is already gone (a retried cleanup). */
    public static boolean drop(Connection connection, String slot) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ? AND NOT active")) {
            statement.setString(1, slot);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }
}
