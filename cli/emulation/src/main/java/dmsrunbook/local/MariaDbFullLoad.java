package dmsrunbook.local;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A stand-in for DMS's full load from MySQL or MariaDB into PostgreSQL tables that already exist (TargetTablePrepMode
 * DO_NOTHING, the schema converted beforehand): a table's rows read from MariaDB and written to the PostgreSQL table in
 * batches, every value as text that the target column parses, as DMS's load does, except where the text has no
 * PostgreSQL meaning: a tinyint(1) or bit(1) written to a boolean becomes true/false (0 false, anything else true), a
 * bit(n) an n-digit bit string, a zero or invalid date NULL (pgloader's zero-dates-to-null; DMS writes NULL too), bytes
 * stay bytes. Both sessions run in UTC. It only reads the source. It is a full load only: changes after it are not
 * carried (no binlog reader here).
 */
public final class MariaDbFullLoad {

    private static final int BATCH = 1000;

    private MariaDbFullLoad() {
    }

    /**
     * Copies the rows of {@code sourceSchema.sourceTable} into {@code targetSchema.targetTable}, the source's columns
     * named in {@code columns} (source name to target name; the others left out, as a remove-column rule does);
     * returns the rows copied.
     */
    public static long copy(Connection source, Connection target, String sourceSchema, String sourceTable, String targetSchema,
                            String targetTable, Map<String, String> columns) throws SQLException {
        try (Statement statement = source.createStatement()) {
            statement.execute("SET time_zone = '+00:00'");
        }
        try (Statement statement = target.createStatement()) {
            statement.execute("SET TIME ZONE 'UTC'");
        }
        Map<String, String> targetTypes = targetTypes(target, targetSchema, targetTable);
        Map<String, SourceColumn> sourceColumns = sourceColumns(source, sourceSchema, sourceTable);
        List<String> from = new ArrayList<>();
        List<String> into = new ArrayList<>();
        columns.forEach((sourceColumn, targetColumn) -> {
            if (targetTypes.containsKey(targetColumn) && sourceColumns.containsKey(sourceColumn)) {
                from.add(sourceColumn);
                into.add(targetColumn);
            }
        });
        if (from.isEmpty()) {
            throw new SQLException("no column of " + sourceSchema + "." + sourceTable + " is on the target table " + targetSchema + "." + targetTable);
        }
        String select = "SELECT " + from.stream().map(MariaDbFullLoad::backquoted).collect(Collectors.joining(", "))
                + " FROM " + backquoted(sourceSchema) + "." + backquoted(sourceTable);
        String insert = "INSERT INTO " + quoted(targetSchema) + "." + quoted(targetTable) + " ("
                + into.stream().map(MariaDbFullLoad::quoted).collect(Collectors.joining(", ")) + ") VALUES ("
                + into.stream().map(n -> "?").collect(Collectors.joining(", ")) + ")";
        long rows = 0;
        try (Statement reader = source.createStatement(); ResultSet read = reader.executeQuery(select);
             PreparedStatement write = target.prepareStatement(insert)) {
            while (read.next()) {
                for (int i = 0; i < from.size(); i++) {
                    bind(write, i + 1, read, sourceColumns.get(from.get(i)), targetTypes.get(into.get(i)));
                }
                write.addBatch();
                if (++rows % BATCH == 0) {
                    write.executeBatch();
                }
            }
            write.executeBatch();
        }
        return rows;
    }

    /** A source column's data type and, for bit(n), its width. */
    private record SourceColumn(String dataType, int precision) {
    }

    private static void bind(PreparedStatement into, int index, ResultSet from, SourceColumn column, String targetType) throws SQLException {
        switch (targetType) {
            case "boolean" -> {
                Boolean value;
                if (column.dataType().equals("bit")) {
                    byte[] bytes = from.getBytes(index);
                    value = bytes == null ? null : new BigInteger(1, bytes).signum() != 0;
                } else {
                    String text = from.getString(index);
                    value = text == null ? null : Double.parseDouble(text) != 0;
                }
                into.setObject(index, value, Types.BOOLEAN);
            }
            case "bit varying", "bit" -> {
                byte[] bytes = from.getBytes(index);
                if (bytes == null) {
                    into.setNull(index, Types.OTHER);
                } else {
                    String bits = new BigInteger(1, bytes).toString(2);
                    into.setObject(index, "0".repeat(Math.max(0, column.precision() - bits.length())) + bits, Types.OTHER);
                }
            }
            case "bytea" -> into.setBytes(index, from.getBytes(index));
            case "date", "timestamp without time zone", "timestamp with time zone" -> {
                String text = from.getString(index);
                boolean zero = text != null && (text.startsWith("0000") || text.matches("\\d{4}-00-.*|\\d{4}-\\d{2}-00.*"));
                into.setObject(index, zero ? null : text, Types.OTHER);
            }
            default -> {
                String text = from.getString(index);
                if (text == null) {
                    into.setNull(index, Types.OTHER);
                } else {
                    into.setObject(index, text, Types.OTHER);
                }
            }
        }
    }

    /** The target table's columns and their types as information_schema spells them (e.g. "bit varying"). */
    private static Map<String, String> targetTypes(Connection target, String schema, String table) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (PreparedStatement statement = target.prepareStatement(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    types.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        if (types.isEmpty()) {
            throw new SQLException("the target table " + schema + "." + table + " does not exist: DMS's DO_NOTHING load needs it created first");
        }
        return types;
    }

    private static Map<String, SourceColumn> sourceColumns(Connection source, String schema, String table) throws SQLException {
        Map<String, SourceColumn> columns = new HashMap<>();
        try (PreparedStatement statement = source.prepareStatement("SELECT COLUMN_NAME, DATA_TYPE, COALESCE(NUMERIC_PRECISION, 0) "
                + "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.put(rows.getString(1), new SourceColumn(rows.getString(2).toLowerCase(java.util.Locale.ROOT), rows.getInt(3)));
                }
            }
        }
        return columns;
    }

    private static String backquoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private static String quoted(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
