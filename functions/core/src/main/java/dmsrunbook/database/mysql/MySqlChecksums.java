package dmsrunbook.database.mysql;

import dmsrunbook.mapping.TableName;
import dmsrunbook.validation.diff.ColumnType;
import dmsrunbook.validation.diff.DeclaredColumn;
import dmsrunbook.validation.diff.SideColumn;
import dmsrunbook.validation.diff.SqlChecksums;
import dmsrunbook.validation.diff.TableDescription;
import dmsrunbook.validation.diff.TableSide;
import dmsrunbook.validation.diff.TypeFamily;
import dmsrunbook.validation.diff.ValueKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The diff's SQL for MySQL, MariaDB and Aurora MySQL. MySQL has no native row hash another engine shares, so every
 * value is rendered in the canonical text form (the same as PostgreSQL's side renders for an equal value), converted
 * to UTF-8, and the row's MD5 is summed as a 60-bit number. MD5 is the one digest both engines have; it is also most
 * of the cost (MariaDB 10.11 here: about 3 s per million calls, against 0.5 s for {@code count(*)}), so each row
 * takes one call.
 * Text keys order as binary UTF-8 ({@code CAST(CONVERT(k USING utf8mb4) AS BINARY)}: code point order, no space
 * padding), never by the column's collation, which may ignore case, accents or trailing spaces. JSON is stored as
 * text in MariaDB and has no canonical key order in SQL, so it is compared in Java.
 */
public final class MySqlChecksums extends SqlChecksums {

    private static final String EPOCH = "TIMESTAMP'1970-01-01 00:00:00'";

    @Override
    public void prepareSession(Connection connection, Duration statementTimeout) throws SQLException {
        boolean mariaDb = connection.getMetaData().getDatabaseProductVersion().toLowerCase(Locale.ROOT).contains("mariadb");
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION TRANSACTION READ ONLY");
            // TIMESTAMP columns read in UTC; DATETIME columns are read as UTC wall-clock times.
            statement.execute("SET time_zone = '+00:00'");
            statement.execute("SET NAMES utf8mb4");
            statement.execute(mariaDb ? "SET SESSION max_statement_time = " + Math.max(1, statementTimeout.toSeconds())
                    : "SET SESSION max_execution_time = " + Math.max(1, statementTimeout.toMillis()));
        }
    }

    /** InnoDB's {@code table_rows} estimate, or the data size at 100 bytes a row when it has none. */
    @Override
    public Map<TableName, Long> estimatedRows(Connection connection, List<TableName> tables) throws SQLException {
        Map<TableName, Long> estimates = new LinkedHashMap<>();
        List<String> schemas = tables.stream().map(TableName::schema).distinct().toList();
        if (schemas.isEmpty()) {
            return estimates;
        }
        String placeholders = schemas.stream().map(s -> "?").collect(Collectors.joining(", "));
        try (PreparedStatement statement = connection.prepareStatement("SELECT table_schema, table_name, "
                + "COALESCE(table_rows, data_length DIV 100, 0) FROM information_schema.tables "
                + "WHERE table_type = 'BASE TABLE' AND table_schema IN (" + placeholders + ")")) {
            for (int i = 0; i < schemas.size(); i++) {
                statement.setString(i + 1, schemas.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    estimates.put(new TableName(rows.getString(1), rows.getString(2)), rows.getLong(3));
                }
            }
        }
        estimates.keySet().retainAll(java.util.Set.copyOf(tables));
        return estimates;
    }

    @Override
    public Optional<TableDescription> describe(Connection connection, TableName table) throws SQLException {
        List<DeclaredColumn> columns = new ArrayList<>();
        Map<String, Boolean> nullable = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT column_name, data_type, column_type, numeric_scale, is_nullable
                FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position""")) {
            statement.setString(1, table.schema());
            statement.setString(2, table.table());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String dataType = rows.getString(2).toLowerCase(Locale.ROOT);
                    String columnType = rows.getString(3).toLowerCase(Locale.ROOT);
                    Integer scale = rows.getObject(4) == null ? null : rows.getInt(4);
                    TypeFamily family = family(dataType, columnType);
                    columns.add(new DeclaredColumn(rows.getString(1), new ColumnType(columnType, family,
                            family == TypeFamily.DECIMAL ? scale : null, false)));
                    nullable.put(rows.getString(1), "YES".equals(rows.getString(5)));
                }
            }
        }
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<String>> uniqueIndexes = new LinkedHashMap<>();
        Map<String, Boolean> usable = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT index_name, column_name, sub_part FROM information_schema.statistics
                WHERE table_schema = ? AND table_name = ? AND non_unique = 0 ORDER BY index_name, seq_in_index""")) {
            statement.setString(1, table.schema());
            statement.setString(2, table.table());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String index = rows.getString(1);
                    uniqueIndexes.computeIfAbsent(index, i -> new ArrayList<>()).add(rows.getString(2));
                    // A prefix index is unique on the prefix only; a nullable column admits several NULLs.
                    boolean whole = rows.getObject(3) == null && !nullable.getOrDefault(rows.getString(2), true);
                    usable.merge(index, whole, Boolean::logicalAnd);
                }
            }
        }
        Optional<String> keyIndex = uniqueIndexes.keySet().stream().filter(usable::get)
                .min((a, b) -> a.equals("PRIMARY") ? -1 : b.equals("PRIMARY") ? 1
                        : uniqueIndexes.get(a).size() != uniqueIndexes.get(b).size()
                        ? Integer.compare(uniqueIndexes.get(a).size(), uniqueIndexes.get(b).size()) : a.compareTo(b));
        List<String> key = keyIndex.map(uniqueIndexes::get).orElse(List.of());
        String keySource = keyIndex.map(i -> i.equals("PRIMARY") ? "primary key" : "unique index " + i).orElse(null);
        return Optional.of(new TableDescription(table, columns, key, keySource, false, true));
    }

    private static TypeFamily family(String dataType, String columnType) {
        return switch (dataType) {
            case "tinyint" -> columnType.startsWith("tinyint(1)") ? TypeFamily.TINYINT_ONE : TypeFamily.INTEGER;
            case "smallint", "mediumint", "int", "integer", "bigint", "year" -> TypeFamily.INTEGER;
            case "decimal", "numeric" -> TypeFamily.DECIMAL;
            case "float" -> TypeFamily.FLOAT4;
            case "double", "real", "double precision" -> TypeFamily.FLOAT8;
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set" -> TypeFamily.TEXT;
            case "json" -> TypeFamily.JSON;
            case "uuid" -> TypeFamily.UUID;
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> TypeFamily.BINARY;
            case "date" -> TypeFamily.DATE;
            case "time" -> TypeFamily.TIME;
            case "datetime", "timestamp" -> TypeFamily.TIMESTAMP;
            default -> TypeFamily.OTHER;
        };
    }

    @Override
    public boolean ordersKeysByIndex(TableSide side) {
        return side.key().stream().noneMatch(k -> k.kind() == ValueKind.TEXT || k.kind() == ValueKind.UUID);
    }

    @Override
    protected String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    @Override
    protected String keyOrder(SideColumn key) {
        String c = quote(key.name());
        return switch (key.kind()) {
            case TEXT -> "CAST(CONVERT(" + c + " USING utf8mb4) AS BINARY)";
            case UUID -> "CAST(LOWER(CONVERT(" + c + " USING utf8mb4)) AS BINARY)";
            default -> c;
        };
    }

    @Override
    protected String keyParameter(SideColumn key) {
        return switch (key.kind()) {
            case INTEGER -> "CAST(? AS DECIMAL(65,0))";
            case DECIMAL -> "CAST(? AS DECIMAL(65,30))";
            case BINARY -> "UNHEX(?)";
            case DATE -> "DATE_ADD(DATE'1970-01-01', INTERVAL CAST(? AS SIGNED) DAY)";
            case TIMESTAMP -> "TIMESTAMPADD(MICROSECOND, CAST(? AS SIGNED), " + EPOCH + ")";
            default -> "CAST(CONVERT(? USING utf8mb4) AS BINARY)";
        };
    }

    @Override
    protected String keyText(SideColumn key) {
        String c = quote(key.name());
        return switch (key.kind()) {
            case TEXT -> "CONVERT(" + c + " USING utf8mb4)";
            case UUID -> "LOWER(CONVERT(" + c + " USING utf8mb4))";
            case BINARY -> "LOWER(HEX(" + c + "))";
            case DATE -> "CAST(DATEDIFF(" + c + ", DATE'1970-01-01') AS CHAR)";
            case TIMESTAMP -> "CAST(TIMESTAMPDIFF(MICROSECOND, " + EPOCH + ", " + c + ") AS CHAR)";
            default -> "CAST(" + c + " AS CHAR)";
        };
    }

    @Override
    protected String rowHash(TableSide side) {
        List<SideColumn> hashed = side.hashed();
        if (hashed.isEmpty()) {
            return "0";
        }
        String pieces = hashed.stream().map(c -> {
            String v = canonical(c, side);
            return prefixedWithLength(c) ? "COALESCE(CONCAT(CHAR_LENGTH(" + v + "), ':', " + v + "), 'N')" : "COALESCE(" + v + ", 'N')";
        }).collect(Collectors.joining(", ':', "));
        return "CAST(CONV(SUBSTRING(MD5(CONCAT(" + pieces + ")), 1, 15), 16, 10) AS UNSIGNED)";
    }

    @Override
    protected String cell(SideColumn column, TableSide side) {
        String c = quote(column.name());
        return switch (column.kind()) {
            case FLOAT -> floatValue(column);
            case JSON -> "CONVERT(" + c + " USING utf8mb4)";
            case TEXT, OTHER -> "MD5(" + canonical(column, side) + ")";
            default -> canonical(column, side);
        };
    }

    /** The canonical text of a value: what PostgreSQL's side renders for an equal value. */
    private String canonical(SideColumn column, TableSide side) {
        String c = quote(column.name());
        return switch (column.kind()) {
            case INTEGER -> "CAST(" + c + " AS CHAR)";
            case DECIMAL -> decimal(column);
            case FLOAT -> side.floatTolerance() > 0
                    ? "CAST(CAST(FLOOR(" + floatValue(column) + " / " + side.floatTolerance() + " + 0.5) AS DECIMAL(65,0)) AS CHAR)"
                    : "CAST(" + floatValue(column) + " AS CHAR)";
            case BOOLEAN -> "CAST((" + c + " <> 0) AS CHAR)";
            case TEXT, JSON -> "CONVERT(" + c + " USING utf8mb4)";
            case UUID -> "LOWER(CONVERT(" + c + " USING utf8mb4))";
            case BINARY -> "MD5(" + c + ")";
            case DATE -> "CAST(DATEDIFF(" + c + ", DATE'1970-01-01') AS CHAR)";
            case TIME -> "CAST(CAST(TIME_TO_SEC(" + c + ") * 1000000 AS DECIMAL(65,0)) AS CHAR)";
            case TIMESTAMP -> "CAST(TIMESTAMPDIFF(MICROSECOND, " + EPOCH + ", " + c + ") AS CHAR)";
            case OTHER -> "CONVERT(CAST(" + c + " AS CHAR) USING utf8mb4)";
        };
    }

    private String decimal(SideColumn column) {
        String c = quote(column.name());
        if (column.scale() == null) {
            String text = "CAST(" + c + " AS CHAR)";
            return "CASE WHEN LOCATE('.', " + text + ") > 0 THEN TRIM(TRAILING '.' FROM TRIM(TRAILING '0' FROM " + text + ")) ELSE " + text + " END";
        }
        boolean declaredAtScale = column.type().family() == TypeFamily.DECIMAL && Objects.equals(column.type().scale(), column.scale());
        return declaredAtScale ? "CAST(" + c + " AS CHAR)" : "CAST(CAST(" + c + " AS DECIMAL(65," + column.scale() + ")) AS CHAR)";
    }

    private String floatValue(SideColumn column) {
        String c = quote(column.name());
        return column.single() ? "CAST(CAST(" + c + " AS FLOAT) AS DOUBLE)" : "CAST(" + c + " AS DOUBLE)";
    }
}
