package dmsrunbook.database.postgres;

import dmsrunbook.database.ReplicationSlots;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The logical replication slots of a PostgreSQL source database. A slot outlives the task that made it and keeps
 * WAL until dropped, so the runbook records the slots present before it starts and drops the ones it added. The
 * record is kept in a resource tag, whose value holds at most {@value #MAX_RECORD_LENGTH} characters: the slot names
 * separated by commas, {@value ReplicationSlots#NO_SLOTS} for none, {@value #UNKNOWN} when they do not fit.
 */
public final class PostgresReplicationSlots implements ReplicationSlots {

    /** The longest value an AWS resource tag holds. */
    public static final int MAX_RECORD_LENGTH = 256;
    private static final String UNKNOWN = "unknown";

    /** The logical slots of the connection's database. */
    @Override
    public List<Slot> list(Connection connection) throws SQLException {
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

    public List<String> names(Connection connection) throws SQLException {
        return list(connection).stream().map(Slot::name).toList();
    }

    /** Drops an inactive slot; a no-op when it is already gone (a retried cleanup). */
    @Override
    public boolean drop(Connection connection, String slot) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = ? AND NOT active")) {
            statement.setString(1, slot);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    @Override
    public String record(Connection connection) throws SQLException {
        List<String> names = names(connection);
        String value = names.isEmpty() ? NO_SLOTS : String.join(",", names);
        return value.length() <= MAX_RECORD_LENGTH ? value : UNKNOWN;
    }

    @Override
    public Optional<List<String>> recorded(String record) {
        return Optional.of(record).filter(v -> !UNKNOWN.equals(v))
                .map(v -> NO_SLOTS.equals(v) ? List.<String>of() : List.of(v.split(",")));
    }
}
