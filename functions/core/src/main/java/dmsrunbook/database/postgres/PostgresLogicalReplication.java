package dmsrunbook.database.postgres;

import dmsrunbook.database.ReplicationSlots;
import dmsrunbook.mapping.TableName;
import dmsrunbook.spec.EndpointSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The SQL of PostgreSQL's own logical replication, as the native engine runs it: a publication and a slot on the
 * source, a subscription on the target, their states, and the positions (LSNs) of the slot. Every object is named by
 * the caller; each method does one step and says whether it found the object already there.
 */
public final class PostgresLogicalReplication {

    /** Table sync states of pg_subscription_rel, in the words progress reports use. */
    private static final Map<String, String> SYNC_STATES = Map.of(
            "i", "initializing", "d", "copying", "f", "copied", "s", "synchronized", "r", "ready");

    private final PostgresReplicationSlots slots = new PostgresReplicationSlots();

    /** One table of a subscription and its sync state ({@code ready} once copied and streaming). */
    public record SubscribedTable(TableName table, String state) {
    }

    /**
     * Where a slot stands: the source's current WAL position, the position the subscriber confirmed as flushed, the
     * walsender's lag in seconds (0 when caught up and idle), and when the source read them.
     */
    public record SlotPosition(long currentLsn, long confirmedFlushLsn, double lagSeconds, Instant readAt, boolean active) {
    }

    /**
     * The driver properties of a replication connection ({@code replication=database}), the kind of connection a
     * subscription opens to the source: the source must let the user open one.
     */
    public static Properties replicationConnection() {
        Properties properties = new Properties();
        properties.setProperty("replication", "database");
        properties.setProperty("assumeMinServerVersion", "10");
        properties.setProperty("preferQueryMode", "simple");
        return properties;
    }

    // ------------------------------------------------------------------ the source

    /** Creates the publication of {@code tables}, or sets its tables to them when it exists. */
    public void ensurePublication(Connection source, String name, List<TableName> tables) throws SQLException {
        String list = tables.stream().map(t -> t.quoted('"')).collect(Collectors.joining(", "));
        execute(source, (publicationExists(source, name) ? "ALTER PUBLICATION " + name + " SET TABLE " : "CREATE PUBLICATION " + name + " FOR TABLE ") + list);
    }

    /** Creates the logical slot if it does not exist yet. */
    public void ensureSlot(Connection source, String name) throws SQLException {
        if (!slots.names(source).contains(name)) {
            // The slot first, in its own statement: the subscription then starts exactly where it begins.
            try (PreparedStatement statement = source.prepareStatement("SELECT pg_create_logical_replication_slot(?, 'pgoutput')")) {
                statement.setString(1, name);
                statement.execute();
            }
        }
    }

    /** The slot's positions, or empty when the source no longer has it. */
    public Optional<SlotPosition> slotPosition(Connection source, String name) throws SQLException {
        try (PreparedStatement statement = source.prepareStatement("""
                SELECT pg_current_wal_lsn() - '0/0'::pg_lsn, s.confirmed_flush_lsn - '0/0'::pg_lsn,
                       EXTRACT(EPOCH FROM GREATEST(r.write_lag, r.flush_lag, r.replay_lag)), now(), s.active
                FROM pg_replication_slots s LEFT JOIN pg_stat_replication r ON r.pid = s.active_pid
                WHERE s.slot_name = ?""")) {
            statement.setString(1, name);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                // The walsender's lag times (the slowest: usually flush) are NULL once caught up and idle.
                double lag = row.getObject(3) == null ? 0 : row.getDouble(3);
                return Optional.of(new SlotPosition(row.getLong(1), row.getLong(2), lag, row.getTimestamp(4).toInstant(), row.getBoolean(5)));
            }
        }
    }

    /** The names of the source's replication slots (a table's sync slot among them, named by its subscriber). */
    public List<String> slotNames(Connection source) throws SQLException {
        return slots.names(source);
    }

    /** The slot, if the source has it. */
    public Optional<ReplicationSlots.Slot> slot(Connection source, String name) throws SQLException {
        return slots.list(source).stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Drops the slot unless something still reads it; false when it was not dropped. */
    public boolean dropSlot(Connection source, String name) throws SQLException {
        return slots.drop(source, name);
    }

    /** Drops the publication; false when there was none. */
    public boolean dropPublication(Connection source, String name) throws SQLException {
        if (!publicationExists(source, name)) {
            return false;
        }
        execute(source, "DROP PUBLICATION " + name);
        return true;
    }

    // ------------------------------------------------------------------ the target

    /** Whether the subscription is enabled; empty when it does not exist. */
    public Optional<Boolean> subscriptionEnabled(Connection target, String name) throws SQLException {
        try (PreparedStatement statement = target.prepareStatement("SELECT subenabled FROM pg_subscription WHERE subname = ?")) {
            statement.setString(1, name);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(row.getBoolean(1)) : Optional.empty();
            }
        }
    }

    /**
     * Creates the subscription to the source's publication and slot of the same name, logging in to the source as
     * {@code login} (the migration's replication role), copying the existing rows first when {@code copyData}.
     * {@code disableOnError}: an apply error stops the subscription (and the check reports it) instead of a retry storm;
     * off while tables are copied without their keys (see {@link PostgresPrimaryKeysAfterCopy}).
     */
    public void createSubscription(Connection target, String name, EndpointSpec source, PostgresReplicationRole.Login login,
                                   boolean copyData, boolean disableOnError) throws SQLException {
        String conninfo = PostgresConninfo.of(source, login.user(), login.password(), name);
        withoutStatementLogging(target, "CREATE SUBSCRIPTION " + name + " CONNECTION " + PostgresConninfo.constant(conninfo)
                + " PUBLICATION " + name + " WITH (create_slot = false, slot_name = '" + name + "', copy_data = " + copyData
                + ", disable_on_error = " + disableOnError + ")");
    }

    /** Whether the subscription disables itself on an error; empty when it does not exist. */
    public Optional<Boolean> disablesOnError(Connection target, String name) throws SQLException {
        try (PreparedStatement statement = target.prepareStatement("SELECT subdisableonerr FROM pg_subscription WHERE subname = ?")) {
            statement.setString(1, name);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(row.getBoolean(1)) : Optional.empty();
            }
        }
    }

    /** From now on an apply error disables the subscription. */
    public void disableOnError(Connection target, String name) throws SQLException {
        execute(target, "ALTER SUBSCRIPTION " + name + " SET (disable_on_error = true)");
    }

    /** Gives a (disabled) subscription the replication role's new login. */
    public void changeConnection(Connection target, String name, EndpointSpec source, PostgresReplicationRole.Login login)
            throws SQLException {
        withoutStatementLogging(target, "ALTER SUBSCRIPTION " + name + " CONNECTION "
                + PostgresConninfo.constant(PostgresConninfo.of(source, login.user(), login.password(), name)));
    }

    /**
     * Runs a statement that holds a password without letting the target's server log it: log_statement (ddl or all
     * would log it) and log_min_error_statement (an error would log it) are turned off for this session where the user
     * may set them (superusers, or a GRANT SET ON PARAMETER). RDS and Aurora let no one: there the statement is logged
     * when log_statement is ddl, mod or all, or when it fails, with the replication role's password only.
     */
    private static void withoutStatementLogging(Connection target, String sql) throws SQLException {
        List<String> quietened = new ArrayList<>();
        for (String setting : List.of("log_statement = 'none'", "log_min_error_statement = 'panic'")) {
            try (Statement statement = target.createStatement()) {
                statement.execute("SET " + setting);
                quietened.add(setting.substring(0, setting.indexOf(' ')));
            } catch (SQLException e) {
                if (!"42501".equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
        try {
            execute(target, sql);
        } finally {
            for (String setting : quietened) {
                try (Statement statement = target.createStatement()) {
                    statement.execute("RESET " + setting);
                } catch (SQLException e) {
                    // The session ends with this call; a failed reset matters less than the statement's own outcome.
                }
            }
        }
    }

    public void enableSubscription(Connection target, String name) throws SQLException {
        execute(target, "ALTER SUBSCRIPTION " + name + " ENABLE");
    }

    /** The subscription's tables with their sync states, by name. */
    public List<SubscribedTable> subscribedTables(Connection target, String name) throws SQLException {
        List<SubscribedTable> tables = new ArrayList<>();
        try (PreparedStatement statement = target.prepareStatement("""
                SELECT n.nspname, c.relname, r.srsubstate
                FROM pg_subscription s JOIN pg_subscription_rel r ON r.srsubid = s.oid
                JOIN pg_class c ON c.oid = r.srrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE s.subname = ? ORDER BY 1, 2""")) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    // Schema and name apart: either may hold a dot.
                    tables.add(new SubscribedTable(new TableName(rows.getString(1), rows.getString(2)),
                            SYNC_STATES.getOrDefault(rows.getString(3), rows.getString(3))));
                }
            }
        }
        return tables;
    }

    /**
     * The subscription's tables whose copy is finished but not yet caught up (pg_subscription_rel state {@code f}), each
     * with the prefix of the slot its sync worker catches up from on the source ({@code pg_<subscription oid>_sync_<table
     * oid>_}, then the target's system identifier): PostgreSQL's own name for it.
     */
    public Map<TableName, String> copiedTablesSyncSlots(Connection target, String name) throws SQLException {
        Map<TableName, String> copied = new LinkedHashMap<>();
        try (PreparedStatement statement = target.prepareStatement("""
                SELECT n.nspname, c.relname, 'pg_' || s.oid || '_sync_' || r.srrelid || '_'
                FROM pg_subscription s JOIN pg_subscription_rel r ON r.srsubid = s.oid
                JOIN pg_class c ON c.oid = r.srrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE s.subname = ? AND r.srsubstate = 'f' ORDER BY 1, 2""")) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    copied.put(new TableName(rows.getString(1), rows.getString(2)), rows.getString(3));
                }
            }
        }
        return copied;
    }

    /**
     * Drops the subscription, detached from its slot first so the target need not reach the source; false when there
     * was none.
     */
    public boolean dropSubscription(Connection target, String name) throws SQLException {
        if (subscriptionEnabled(target, name).isEmpty()) {
            return false;
        }
        execute(target, "ALTER SUBSCRIPTION " + name + " DISABLE");
        execute(target, "ALTER SUBSCRIPTION " + name + " SET (slot_name = NONE)");
        execute(target, "DROP SUBSCRIPTION " + name);
        return true;
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
}
