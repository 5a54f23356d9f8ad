package dmsrunbook.database.mysql;

import static dmsrunbook.database.postgres.PostgresQuoting.identifier;

import dmsrunbook.database.mysql.MySqlCatalog.Column;
import dmsrunbook.database.mysql.MySqlCatalog.Table;
import dmsrunbook.mapping.TableMappings;
import dmsrunbook.mapping.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The data movement of these tests, standing in for DMS's full load into tables that already exist: each selected
 * table's rows read from MariaDB and written to the converted PostgreSQL table in batches, every value as text that
 * the target column parses (as DMS's load does), except where the text has no PostgreSQL meaning: a tinyint(1) or
 * bit(1) becomes true/false (0 false, anything else true), a bit(n) an n-digit bit string, a zero or invalid date NULL
 * (pgloader's zero-dates-to-null), bytes stay bytes. Both sessions run in UTC.
 */
final class MySqlRowCopy {

    private MySqlRowCopy() {
    }

    /** Copies every table {@code mappings} selects; returns the rows copied per source table. */
    static Map<TableName, Long> copy(Connection source, Connection target, MySqlCatalog catalog, TableMappings mappings) throws SQLException {
        try (Statement statement = source.createStatement()) {
            statement.execute("SET time_zone = '+00:00'");
        }
        try (Statement statement = target.createStatement()) {
            statement.execute("SET TIME ZONE 'UTC'");
        }
        Map<TableName, Long> copied = new LinkedHashMap<>();
        for (Table table : catalog.tables()) {
            if (!mappings.selects(table.sourceName()) || !table.kind().equals("TABLE")) {
                continue;
            }
            TableName targetTable = mappings.targetName(table.sourceName());
            Map<String, String> targetTypes = targetTypes(target, targetTable);
            List<Column> columns = new ArrayList<>();
            List<String> targetColumns = new ArrayList<>();
            for (Column column : table.columns()) {
                mappings.targetColumn(table.sourceName(), column.name()).filter(targetTypes::containsKey).ifPresent(name -> {
                    columns.add(column);
                    targetColumns.add(name);
                });
            }
            String select = "SELECT " + columns.stream().map(c -> MySqlCatalogReader.quote(c.name())).collect(Collectors.joining(", "))
                    + " FROM " + MySqlCatalogReader.quote(table.schema()) + "." + MySqlCatalogReader.quote(table.name());
            String insert = "INSERT INTO " + identifier(targetTable.schema()) + "." + identifier(targetTable.table()) + " ("
                    + targetColumns.stream().map(n -> identifier(n)).collect(Collectors.joining(", ")) + ") VALUES ("
                    + targetColumns.stream().map(n -> "?").collect(Collectors.joining(", ")) + ")";
            long rows = 0;
            try (Statement reader = source.createStatement(); ResultSet from = reader.executeQuery(select);
                 PreparedStatement into = target.prepareStatement(insert)) {
                while (from.next()) {
                    for (int i = 0; i < columns.size(); i++) {
                        bind(into, i + 1, from, columns.get(i), targetTypes.get(targetColumns.get(i)));
                    }
                    into.addBatch();
                    rows++;
                }
                into.executeBatch();
            }
            copied.put(table.sourceName(), rows);
        }
        return copied;
    }

    private static void bind(PreparedStatement into, int index, ResultSet from, Column column, String targetType) throws SQLException {
        String sourceType = column.dataType();
        switch (targetType) {
            case "boolean" -> {
                Boolean value;
                if (sourceType.equals("bit")) {
                    byte[] bytes = from.getBytes(index);
                    value = bytes == null ? null : new java.math.BigInteger(1, bytes).signum() != 0;
                } else {
                    String text = from.getString(index);
                    value = text == null ? null : Double.parseDouble(text) != 0;
                }
                into.setObject(index, value, Types.BOOLEAN);
            }
            case "bit varying" -> {
                byte[] bytes = from.getBytes(index);
                if (bytes == null) {
                    into.setNull(index, Types.OTHER);
                } else {
                    String bits = new java.math.BigInteger(1, bytes).toString(2);
                    int width = column.precision();
                    into.setObject(index, "0".repeat(Math.max(0, width - bits.length())) + bits, Types.OTHER);
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
    private static Map<String, String> targetTypes(Connection target, TableName table) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (PreparedStatement statement = target.prepareStatement(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
            statement.setString(1, table.schema());
            statement.setString(2, table.table());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    types.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return types;
    }
}
