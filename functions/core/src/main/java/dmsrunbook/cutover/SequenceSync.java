package dmsrunbook.cutover;

import dmsrunbook.database.DatabaseConnector;
import dmsrunbook.database.SqlDialect;
import dmsrunbook.error.Failures;
import dmsrunbook.mapping.TableMappings;
import dmsrunbook.mapping.TableName;
import dmsrunbook.spec.DatabaseEngine;
import dmsrunbook.spec.MigrationSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves the target's sequences past every migrated value before the application writes to it. Neither DMS nor
 * logical replication carries sequence values, so without this the first INSERT after cutover collides with a
 * migrated key. Each sequence is set to the larger of the source sequence's value (PostgreSQL sources, same name)
 * and the largest value in the column it feeds on the target.
 */
public final class SequenceSync {

    private final DatabaseConnector connector;

    public SequenceSync(DatabaseConnector connector) {
        this.connector = connector;
    }

    /** Runs only for PostgreSQL targets; returns what it set. Safe to run again: it only ever moves forward. */
    public List<SequenceValue> sync(MigrationSpec spec) {
        if (spec.target().engine().family() != DatabaseEngine.Family.POSTGRES) {
            return List.of();
        }
        TableMappings mappings = spec.mappings();
        List<TableName> sourceTables;
        Map<String, Long> sourceSequences = new HashMap<>();
        try (Connection source = connector.connect(spec.source())) {
            sourceTables = mappings.select(SqlDialect.of(spec.source().engine()).listTables(source));
            if (spec.source().engine().family() == DatabaseEngine.Family.POSTGRES) {
                sourceSequences.putAll(postgresSequences(source));
            }
        } catch (SQLException e) {
            throw Failures.ofSql("Reading sequences", spec.source().describe(), e);
        }
        List<SequenceValue> values = new ArrayList<>();
        try (Connection target = connector.connect(spec.target())) {
            for (TableName sourceTable : sourceTables) {
                TableName table = mappings.targetName(sourceTable);
                for (OwnedSequence owned : ownedSequences(target, table)) {
                    long columnMax = max(target, table, owned.column());
                    String sourceName = sourceTable.schema() + "." + owned.sequence().substring(owned.sequence().indexOf('.') + 1);
                    long fromSource = sourceSequences.getOrDefault(sourceName, 0L);
                    long value = Math.max(columnMax, fromSource);
                    if (value > 0 && value > current(target, owned.sequence())) {
                        setValue(target, owned.sequence(), value);
                        values.add(new SequenceValue(owned.sequence(), value, fromSource >= columnMax ? "source sequence" : "max(" + owned.column() + ")"));
                    }
                }
            }
        } catch (SQLException e) {
            throw Failures.ofSql("Setting sequences", spec.target().describe(), e);
        }
        return values;
    }

    private record OwnedSequence(String sequence, String column) {
    }

    /** Sequences feeding a column of the table (serial and identity columns), as schema.name. */
    private static List<OwnedSequence> ownedSequences(Connection target, TableName table) throws SQLException {
        List<OwnedSequence> owned = new ArrayList<>();
        try (PreparedStatement statement = target.prepareStatement("""
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
                    owned.add(new OwnedSequence(rows.getString(2), rows.getString(1)));
                }
            }
        }
        return owned;
    }

    private static Map<String, Long> postgresSequences(Connection source) throws SQLException {
        Map<String, Long> sequences = new HashMap<>();
        try (PreparedStatement statement = source.prepareStatement(
                "SELECT schemaname || '.' || sequencename, COALESCE(last_value, 0) FROM pg_sequences");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                sequences.put(rows.getString(1), rows.getLong(2));
            }
        }
        return sequences;
    }

    private static long max(Connection target, TableName table, String column) throws SQLException {
        try (PreparedStatement statement = target.prepareStatement("SELECT COALESCE(max(\"" + column.replace("\"", "\"\"")
                + "\")::bigint, 0) FROM " + table.quoted('"')); ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** The last value the sequence handed out, or would have: one below its next value when it was never called. */
    private static long current(Connection target, String sequence) throws SQLException {
        try (PreparedStatement statement = target.prepareStatement(
                "SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM " + quote(sequence)); ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static void setValue(Connection target, String sequence, long value) throws SQLException {
        try (PreparedStatement statement = target.prepareStatement("SELECT setval(?::regclass, ?, true)")) {
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
