package dmsrunbook.rehearsal;

import dmsrunbook.local.LocalPostgres;
import dmsrunbook.mapping.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Changes flowing through an operator's own tables while their rehearsal migrates: each write re-writes one existing
 * row with its own values ({@code UPDATE t SET c = c WHERE pk = ?}), so replication carries real change events (and the
 * table's triggers fire as they would for the application) without the rehearsal inventing data the schema may
 * refuse. Only tables with a one-column primary key are touched (the only rows it can name, and what logical
 * replication needs to carry an UPDATE).
 */
public final class RowTouchWorkload implements AutoCloseable {

    private static final int KEYS_PER_TABLE = 1_000;

    /** A table the workload writes to: its statement and some of its keys. */
    private record Touchable(TableName table, String update, List<Object> keys) {
    }

    private final LocalPostgres database;
    private final String databaseName;
    private final List<TableName> tables;
    private final int writesPerSecond;
    private final Random random = new Random(20261207);
    private final AtomicLong updates = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final WriterThread writer = new WriterThread();
    private volatile List<String> touched = List.of();

    public RowTouchWorkload(LocalPostgres database, String databaseName, List<TableName> tables, int writesPerSecond) {
        this.database = database;
        this.databaseName = databaseName;
        this.tables = List.copyOf(tables);
        this.writesPerSecond = writesPerSecond;
    }

    /** Starts writing; with a rate of 0 it does nothing. */
    public RowTouchWorkload start() throws SQLException {
        if (writesPerSecond <= 0) {
            return this;
        }
        List<Touchable> touchables = touchables();
        touched = touchables.stream().map(t -> t.table().toString()).toList();
        if (touchables.isEmpty()) {
            return this;
        }
        writer.start(() -> run(touchables));
        return this;
    }

    /** Stops after the statement in flight: the application is read-only from here on. */
    public void stop() {
        writer.stop();
    }

    /** The tables being written to (empty until started, or when no table has a one-column primary key). */
    public List<String> touchedTables() {
        return touched;
    }

    public String describe() {
        if (writesPerSecond <= 0) {
            return "none (--writes-per-second 0)";
        }
        return updates.get() + " row updates" + (failures.get() > 0 ? ", " + failures.get() + " failed" : "")
                + (touched.isEmpty() ? " (no selected table has a one-column primary key)" : " on " + touched.size() + " table(s)");
    }

    @Override
    public void close() {
        stop();
    }

    private List<Touchable> touchables() throws SQLException {
        List<Touchable> found = new ArrayList<>();
        try (Connection connection = database.connect(databaseName)) {
            for (TableName table : tables) {
                String key = singleKeyColumn(connection, table);
                if (key == null) {
                    continue;
                }
                String column = firstPlainColumn(connection, table, key);
                String quotedTable = table.quoted('"');
                List<Object> keys = new ArrayList<>();
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("SELECT " + quote(key) + " FROM " + quotedTable + " LIMIT " + KEYS_PER_TABLE)) {
                    while (rows.next()) {
                        keys.add(rows.getObject(1));
                    }
                }
                if (!keys.isEmpty()) {
                    found.add(new Touchable(table, "UPDATE " + quotedTable + " SET " + quote(column) + " = " + quote(column)
                            + " WHERE " + quote(key) + " = ?", keys));
                }
            }
        }
        return found;
    }

    private void run(List<Touchable> touchables) {
        long pause = Math.max(1, 1000 / writesPerSecond);
        try (Connection connection = database.connect(databaseName)) {
            while (writer.running()) {
                Touchable target = touchables.get(random.nextInt(touchables.size()));
                try (PreparedStatement update = connection.prepareStatement(target.update())) {
                    update.setObject(1, target.keys().get(random.nextInt(target.keys().size())));
                    updates.addAndGet(update.executeUpdate());
                } catch (SQLException e) {
                    failures.incrementAndGet();
                }
                Thread.sleep(pause);
            }
        } catch (SQLException e) {
            failures.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The primary key's column when the key has exactly one, else null. */
    private static String singleKeyColumn(Connection connection, TableName table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT a.attname FROM pg_index i
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                WHERE i.indisprimary AND i.indrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass""")) {
            statement.setString(1, table.schema());
            statement.setString(2, table.table());
            try (ResultSet rows = statement.executeQuery()) {
                String column = rows.next() ? rows.getString(1) : null;
                return column != null && !rows.next() ? column : null;
            }
        }
    }

    /** A column the update may set to itself: the first ordinary (not generated, not key) one, else the key. */
    private static String firstPlainColumn(Connection connection, TableName table, String key) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT column_name FROM information_schema.columns
                WHERE table_schema = ? AND table_name = ? AND column_name <> ? AND is_generated = 'NEVER'
                  AND is_identity = 'NO' ORDER BY ordinal_position LIMIT 1""")) {
            statement.setString(1, table.schema());
            statement.setString(2, table.table());
            statement.setString(3, key);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : key;
            }
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
