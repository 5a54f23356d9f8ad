package dmsrunbook.rehearsal;

import dmsrunbook.local.LocalPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What a rehearsal shows of a native migration while it runs: each table's copy state on the target's subscription
 * and the apply lag of the slot on the source (null when there is no slot yet).
 */
record ReplicationView(List<String> tableStates, int tablesReady, String lag) {

    static ReplicationView of(LocalPostgres source, LocalPostgres target, String database, String slotName) throws SQLException {
        List<String> states = new ArrayList<>();
        int ready = 0;
        try (Connection connection = target.connect(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT r.srrelid::regclass::text, r.srsubstate FROM pg_subscription_rel r ORDER BY 1")) {
            while (rows.next()) {
                String state = switch (rows.getString(2)) {
                    case "r" -> "ready";
                    case "d" -> "copying";
                    case "i" -> "queued";
                    default -> "syncing";
                };
                ready += state.equals("ready") ? 1 : 0;
                states.add(rows.getString(1) + " " + state);
            }
        }
        String lag = null;
        try (Connection connection = source.connect(database); PreparedStatement statement = connection.prepareStatement(
                "SELECT pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)) FROM pg_replication_slots WHERE slot_name = ?")) {
            statement.setString(1, slotName);
            try (ResultSet row = statement.executeQuery()) {
                if (row.next()) {
                    lag = row.getString(1);
                }
            }
        }
        return new ReplicationView(states, ready, lag);
    }

    /** One line: the tables' states (all of them while few, else counts) and the lag. */
    String describe() {
        if (tableStates.isEmpty()) {
            return lag == null ? "" : "apply lag " + lag;
        }
        String tables = tableStates.size() <= 8 ? "tables: " + String.join(", ", tableStates)
                : "tables: " + tablesReady + " of " + tableStates.size() + " ready";
        return tables + (lag == null ? "" : " - apply lag " + lag);
    }

    /** The first column of every row of {@code sql}. */
    static List<String> list(LocalPostgres cluster, String database, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = cluster.connect(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
