package dmsrunbook.database.postgres;

import dmsrunbook.database.Sequences;
import dmsrunbook.mapping.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** PostgreSQL's sequences: their last values, the serial and identity columns they feed, and setval. */
public final class PostgresSequences implements Sequences {

    @Override
    public Map<String, Long> lastValues(Connection connection) throws SQLException {
        Map<String, Long> sequences = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT schemaname || '.' || sequencename, COALESCE(last_value, 0) FROM pg_sequences");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                sequences.put(rows.getString(1), rows.getLong(2));
            }
        }
        return sequences;
    }

    /** Sequences feeding a column of the table (serial and identity columns), as schema.name. */
    @Override
    public List<Owned> ownedBy(Connection connection, TableName table) throws SQLException {
        List<Owned> owned = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT a.attname, s.nspname || '.' || sq.relname
                FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace
                JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
                JOIN pg_depend d ON d.refobjid = t.oid AND d.refobjsubid = a.attnum AND d.classid = 'pg_class'::regclass
                                 AND d.deptype IN ('a', 'i')
                JOIN pg_class sq ON sq.oid = d.objid AND sq.relkind = 'S'
                JOIN pg_namespace s ON s.oid = sq.relnamespace
                WHERE n.nspname = ? AND t.relname = ?""")) {
            statement.setString(1, table.schema());
            statement.setString(2, table.table());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    owned.add(new Owned(rows.getString(2), rows.getString(1)));
                }
            }
        }
        return owned;
    }

    @Override
    public long largestValue(Connection connection, TableName table, String column) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT COALESCE(max(\"" + column.replace("\"", "\"\"")
                + "\")::bigint, 0) FROM " + table.quoted('"')); ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** The last value the sequence handed out, or would have: one below its next value when it was never called. */
    @Override
    public long current(Connection connection, String sequence) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM " + quote(sequence)); ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    @Override
    public void moveTo(Connection connection, String sequence, long value) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT setval(?::regclass, ?, true)")) {
            statement.setString(1, quote(sequence));
            statement.setLong(2, value);
            statement.executeQuery().close();
        }
    }

    private static String quote(String qualified) {
        int dot = qualified.indexOf('.');
        return new TableName(qualified.substring(0, dot), qualified.substring(dot + 1)).quoted('"');
    }
}
