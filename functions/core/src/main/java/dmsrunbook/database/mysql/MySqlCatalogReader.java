package dmsrunbook.database.mysql;

import dmsrunbook.database.mysql.MySqlCatalog.Check;
import dmsrunbook.database.mysql.MySqlCatalog.Column;
import dmsrunbook.database.mysql.MySqlCatalog.Event;
import dmsrunbook.database.mysql.MySqlCatalog.ForeignKey;
import dmsrunbook.database.mysql.MySqlCatalog.Index;
import dmsrunbook.database.mysql.MySqlCatalog.IndexPart;
import dmsrunbook.database.mysql.MySqlCatalog.Routine;
import dmsrunbook.database.mysql.MySqlCatalog.Schema;
import dmsrunbook.database.mysql.MySqlCatalog.Table;
import dmsrunbook.database.mysql.MySqlCatalog.Trigger;
import dmsrunbook.database.mysql.MySqlCatalog.View;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the {@link MySqlCatalog} of some schemas (MySQL's databases) from information_schema, and the full source text
 * of views, routines, triggers and events from SHOW CREATE (information_schema cuts some of them short). Read only,
 * and works for MySQL 5.7/8 and MariaDB 10.2+: the columns that differ between them (MariaDB's
 * CHECK_CONSTRAINTS.TABLE_NAME, MySQL 8's functional index parts) are looked up before they are used. A text the user
 * may not see (SHOW CREATE of another definer's routine without the privilege) is read as empty, and the report says
 * so instead of failing.
 */
public final class MySqlCatalogReader {

    private MySqlCatalogReader() {
    }

    public static MySqlCatalog read(Connection source, Collection<String> schemas) throws SQLException {
        List<String> names = List.copyOf(schemas);
        String version;
        boolean mariaDb;
        int lowerCase;
        try (Statement statement = source.createStatement();
             ResultSet row = statement.executeQuery("SELECT @@version, @@version_comment, @@lower_case_table_names")) {
            row.next();
            version = row.getString(1);
            mariaDb = (version + " " + row.getString(2)).toLowerCase(Locale.ROOT).contains("mariadb");
            lowerCase = row.getInt(3);
        }
        if (names.isEmpty()) {
            return new MySqlCatalog(version, mariaDb, lowerCase, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        }
        List<Schema> schemaList = new ArrayList<>();
        query(source, "SELECT SCHEMA_NAME, DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN "
                + in(names) + " ORDER BY SCHEMA_NAME", names, row -> schemaList.add(new Schema(row.getString(1), row.getString(2), row.getString(3))));

        Map<String, TableBuilder> tables = new LinkedHashMap<>();
        List<View> views = new ArrayList<>();
        List<String[]> viewNames = new ArrayList<>();
        query(source, "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_COLLATION, AUTO_INCREMENT, TABLE_COMMENT, CREATE_OPTIONS "
                + "FROM information_schema.TABLES WHERE TABLE_SCHEMA IN " + in(names) + " ORDER BY TABLE_SCHEMA, TABLE_NAME", names, row -> {
            String type = row.getString(3);
            if (type.equalsIgnoreCase("VIEW")) {
                viewNames.add(new String[] {row.getString(1), row.getString(2)});
            } else {
                long autoIncrement = row.getLong(6);
                tables.put(key(row.getString(1), row.getString(2)), new TableBuilder(row.getString(1), row.getString(2),
                        type.equalsIgnoreCase("BASE TABLE") ? "TABLE" : type.toUpperCase(Locale.ROOT), row.getString(4), row.getString(5),
                        row.wasNull() ? null : autoIncrement, emptyToNull(row.getString(7)), row.getString(8)));
            }
        });
        query(source, """
                SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, COLUMN_DEFAULT, IS_NULLABLE, DATA_TYPE, COLUMN_TYPE,
                       CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION, CHARACTER_SET_NAME,
                       COLLATION_NAME, EXTRA, GENERATION_EXPRESSION, COLUMN_COMMENT
                FROM information_schema.COLUMNS WHERE TABLE_SCHEMA IN\s""" + in(names) + " ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION",
                names, row -> {
                    TableBuilder table = tables.get(key(row.getString(1), row.getString(2)));
                    if (table != null) {
                        table.columns.add(new Column(row.getString(3), row.getString(6).toLowerCase(Locale.ROOT), row.getString(7),
                                "YES".equals(row.getString(5)), row.getString(4), emptyToNull(row.getString(14)), longOrNull(row, 8),
                                intOrNull(row, 9), intOrNull(row, 10), intOrNull(row, 11), row.getString(12), row.getString(13),
                                emptyToNull(row.getString(15)), emptyToNull(row.getString(16))));
                    }
                });
        boolean expressions = hasColumn(source, "STATISTICS", "EXPRESSION");
        Map<String, IndexBuilder> indexes = new LinkedHashMap<>();
        query(source, "SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, INDEX_TYPE, COLLATION, INDEX_COMMENT, "
                + (expressions ? "EXPRESSION" : "NULL") + " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA IN " + in(names)
                + " ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX", names, row -> {
            TableBuilder table = tables.get(key(row.getString(1), row.getString(2)));
            if (table == null) {
                return;
            }
            String indexKey = key(row.getString(1), row.getString(2), row.getString(3));
            IndexBuilder index = indexes.get(indexKey);
            if (index == null) {
                index = new IndexBuilder(row.getString(3), row.getInt(4) == 0, row.getString(7), emptyToNull(row.getString(9)));
                indexes.put(indexKey, index);
                table.indexes.add(index);
            }
            index.parts.add(new IndexPart(row.getString(5), intOrNull(row, 6), emptyToNull(row.getString(10)), "D".equals(row.getString(8))));
        });
        // Two queries joined here: MariaDB 10.11 can crash (a segfault seen in these tests) joining KEY_COLUMN_USAGE with
        // REFERENTIAL_CONSTRAINTS in one statement.
        Map<String, String[]> rules = new LinkedHashMap<>();
        query(source, "SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS "
                + "WHERE CONSTRAINT_SCHEMA IN " + in(names), names,
                row -> rules.put(key(row.getString(1), row.getString(2), row.getString(3)), new String[] {row.getString(4), row.getString(5)}));
        Map<String, ForeignKeyBuilder> foreignKeys = new LinkedHashMap<>();
        query(source, """
                SELECT TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME
                FROM information_schema.KEY_COLUMN_USAGE WHERE REFERENCED_TABLE_NAME IS NOT NULL AND TABLE_SCHEMA IN\s""" + in(names)
                + " ORDER BY TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION", names, row -> {
            TableBuilder table = tables.get(key(row.getString(1), row.getString(2)));
            String foreignKey = key(row.getString(1), row.getString(2), row.getString(3));
            String[] rule = rules.get(foreignKey);
            if (table == null || rule == null) {
                return;
            }
            ForeignKeyBuilder key = foreignKeys.get(foreignKey);
            if (key == null) {
                key = new ForeignKeyBuilder(row.getString(3), row.getString(5), row.getString(6), rule[0], rule[1]);
                foreignKeys.put(foreignKey, key);
                table.foreignKeys.add(key);
            }
            key.columns.add(row.getString(4));
            key.referencedColumns.add(row.getString(7));
        });
        readChecks(source, names, tables);

        for (String[] view : viewNames) {
            views.add(new View(view[0], view[1], showCreate(source, "VIEW", view[0], view[1], "Create View")));
        }
        List<Routine> routines = new ArrayList<>();
        List<String[]> routineNames = new ArrayList<>();
        query(source, "SELECT ROUTINE_SCHEMA, ROUTINE_NAME, ROUTINE_TYPE, ROUTINE_DEFINITION FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA IN "
                + in(names) + " ORDER BY ROUTINE_SCHEMA, ROUTINE_NAME, ROUTINE_TYPE", names,
                row -> routineNames.add(new String[] {row.getString(1), row.getString(2), row.getString(3), row.getString(4)}));
        for (String[] routine : routineNames) {
            String type = routine[2].toUpperCase(Locale.ROOT);
            String text = type.equals("PROCEDURE") || type.equals("FUNCTION")
                    ? showCreate(source, type, routine[0], routine[1], "Create " + type.charAt(0) + type.substring(1).toLowerCase(Locale.ROOT)) : "";
            routines.add(new Routine(routine[0], routine[1], type, text.isEmpty() && routine[3] != null ? routine[3] : text));
        }
        List<Trigger> triggers = new ArrayList<>();
        List<String[]> triggerRows = new ArrayList<>();
        query(source, "SELECT TRIGGER_SCHEMA, TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_STATEMENT "
                + "FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA IN " + in(names) + " ORDER BY TRIGGER_SCHEMA, EVENT_OBJECT_TABLE, TRIGGER_NAME",
                names, row -> triggerRows.add(new String[] {row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                        row.getString(6)}));
        for (String[] trigger : triggerRows) {
            String text = showCreate(source, "TRIGGER", trigger[0], trigger[1], "SQL Original Statement");
            if (text.isEmpty()) {
                text = "CREATE TRIGGER " + quote(trigger[1]) + " " + trigger[3] + " " + trigger[4] + " ON " + quote(trigger[2])
                        + " FOR EACH ROW " + trigger[5];
            }
            triggers.add(new Trigger(trigger[0], trigger[1], trigger[2], trigger[3], trigger[4], text));
        }
        List<Event> events = new ArrayList<>();
        List<String[]> eventRows = new ArrayList<>();
        query(source, "SELECT EVENT_SCHEMA, EVENT_NAME, EVENT_DEFINITION FROM information_schema.EVENTS WHERE EVENT_SCHEMA IN " + in(names)
                + " ORDER BY EVENT_SCHEMA, EVENT_NAME", names, row -> eventRows.add(new String[] {row.getString(1), row.getString(2), row.getString(3)}));
        for (String[] event : eventRows) {
            String text = showCreate(source, "EVENT", event[0], event[1], "Create Event");
            events.add(new Event(event[0], event[1], text.isEmpty() && event[2] != null ? event[2] : text));
        }
        return new MySqlCatalog(version, mariaDb, lowerCase, schemaList, tables.values().stream().map(TableBuilder::build).toList(), views,
                routines, triggers, events);
    }

    /**
     * MariaDB 10.2+ lists each check with its table; MySQL 8.0.16+ names the table only in TABLE_CONSTRAINTS; older
     * servers have no checks to list.
     */
    private static void readChecks(Connection source, List<String> names, Map<String, TableBuilder> tables) throws SQLException {
        if (!hasColumn(source, "CHECK_CONSTRAINTS", "CHECK_CLAUSE")) {
            return;
        }
        String sql = hasColumn(source, "CHECK_CONSTRAINTS", "TABLE_NAME")
                ? "SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS "
                + "WHERE CONSTRAINT_SCHEMA IN " + in(names) + " ORDER BY CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME"
                : "SELECT t.TABLE_SCHEMA, t.TABLE_NAME, c.CONSTRAINT_NAME, c.CHECK_CLAUSE FROM information_schema.TABLE_CONSTRAINTS t "
                + "JOIN information_schema.CHECK_CONSTRAINTS c ON c.CONSTRAINT_SCHEMA = t.CONSTRAINT_SCHEMA AND c.CONSTRAINT_NAME = t.CONSTRAINT_NAME "
                + "WHERE t.CONSTRAINT_TYPE = 'CHECK' AND t.TABLE_SCHEMA IN " + in(names) + " ORDER BY t.TABLE_SCHEMA, t.TABLE_NAME, c.CONSTRAINT_NAME";
        query(source, sql, names, row -> {
            TableBuilder table = tables.get(key(row.getString(1), row.getString(2)));
            if (table != null) {
                table.checks.add(new Check(row.getString(3), row.getString(4)));
            }
        });
    }

    /** The full text SHOW CREATE gives, or empty when the user may not see it (or the server hides it). */
    private static String showCreate(Connection source, String kind, String schema, String name, String column) {
        try (Statement statement = source.createStatement();
             ResultSet row = statement.executeQuery("SHOW CREATE " + kind + " " + quote(schema) + "." + quote(name))) {
            if (row.next()) {
                String text = row.getString(column);
                return text == null ? "" : text;
            }
        } catch (SQLException e) {
            // No privilege to see another definer's text: the caller falls back to information_schema's.
        }
        return "";
    }

    private static boolean hasColumn(Connection source, String table, String column) throws SQLException {
        try (PreparedStatement statement = source.prepareStatement("SELECT COUNT(*) FROM information_schema.COLUMNS "
                + "WHERE TABLE_SCHEMA = 'information_schema' AND TABLE_NAME = ? AND COLUMN_NAME = ?")) {
            statement.setString(1, table);
            statement.setString(2, column);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() && row.getInt(1) > 0;
            }
        }
    }

    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    private static void query(Connection source, String sql, List<String> names, RowReader reader) throws SQLException {
        try (PreparedStatement statement = source.prepareStatement(sql)) {
            for (int i = 0; i < names.size(); i++) {
                statement.setString(i + 1, names.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    reader.read(rows);
                }
            }
        }
    }

    private static String in(List<String> names) {
        return names.stream().map(n -> "?").collect(Collectors.joining(", ", "(", ")"));
    }

    private static String key(String... parts) {
        return String.join("\u0000", parts);
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private static Long longOrNull(ResultSet row, int column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    private static Integer intOrNull(ResultSet row, int column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }

    private static final class TableBuilder {
        final String schema;
        final String name;
        final String kind;
        final String engine;
        final String collation;
        final Long autoIncrement;
        final String comment;
        final String createOptions;
        final List<Column> columns = new ArrayList<>();
        final List<IndexBuilder> indexes = new ArrayList<>();
        final List<ForeignKeyBuilder> foreignKeys = new ArrayList<>();
        final List<Check> checks = new ArrayList<>();

        TableBuilder(String schema, String name, String kind, String engine, String collation, Long autoIncrement, String comment, String createOptions) {
            this.schema = schema;
            this.name = name;
            this.kind = kind;
            this.engine = engine;
            this.collation = collation;
            this.autoIncrement = autoIncrement;
            this.comment = comment;
            this.createOptions = createOptions;
        }

        Table build() {
            // PRIMARY first, then by name: the order MySQL's SHOW CREATE TABLE uses.
            List<Index> built = indexes.stream().map(IndexBuilder::build)
                    .sorted((a, b) -> a.primary() != b.primary() ? (a.primary() ? -1 : 1) : a.name().compareTo(b.name())).toList();
            return new Table(schema, name, kind, engine, collation, autoIncrement, comment, createOptions, columns, built,
                    foreignKeys.stream().map(ForeignKeyBuilder::build).toList(), checks);
        }
    }

    private static final class IndexBuilder {
        final String name;
        final boolean unique;
        final String type;
        final String comment;
        final List<IndexPart> parts = new ArrayList<>();

        IndexBuilder(String name, boolean unique, String type, String comment) {
            this.name = name;
            this.unique = unique;
            this.type = type;
            this.comment = comment;
        }

        Index build() {
            return new Index(name, unique, type, parts, comment);
        }
    }

    private static final class ForeignKeyBuilder {
        final String name;
        final String referencedSchema;
        final String referencedTable;
        final String updateRule;
        final String deleteRule;
        final List<String> columns = new ArrayList<>();
        final List<String> referencedColumns = new ArrayList<>();

        ForeignKeyBuilder(String name, String referencedSchema, String referencedTable, String updateRule, String deleteRule) {
            this.name = name;
            this.referencedSchema = referencedSchema;
            this.referencedTable = referencedTable;
            this.updateRule = updateRule;
            this.deleteRule = deleteRule;
        }

        ForeignKey build() {
            return new ForeignKey(name, columns, referencedSchema, referencedTable, referencedColumns, updateRule, deleteRule);
        }
    }
}
