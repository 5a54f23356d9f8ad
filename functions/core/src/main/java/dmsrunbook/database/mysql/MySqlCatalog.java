package dmsrunbook.database.mysql;

import dmsrunbook.mapping.TableName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What information_schema (and SHOW CREATE) says about the selected schemas of a MySQL or MariaDB server, as read by
 * {@link MySqlCatalogReader}: enough to convert the tables for PostgreSQL and to list, with their source text, what
 * no conversion carries. Texts are kept as the server shows them (MariaDB quotes literal defaults, MySQL does not).
 *
 * @param lowerCaseTableNames the server's {@code lower_case_table_names}: 0 names are stored and compared as written,
 *                            1 stored in lower case, 2 stored as written but compared in lower case
 */
public record MySqlCatalog(String version, boolean mariaDb, int lowerCaseTableNames, List<Schema> schemas, List<Table> tables,
                           List<View> views, List<Routine> routines, List<Trigger> triggers, List<Event> events) {

    public MySqlCatalog {
        schemas = List.copyOf(schemas);
        tables = List.copyOf(tables);
        views = List.copyOf(views);
        routines = List.copyOf(routines);
        triggers = List.copyOf(triggers);
        events = List.copyOf(events);
    }

    /** A database (MySQL's schema) with its default character set and collation. */
    public record Schema(String name, String charset, String collation) {
    }

    /**
     * A base table (or a MariaDB sequence, {@code kind} SEQUENCE; or a system-versioned table, SYSTEM VERSIONED).
     *
     * @param autoIncrement the next AUTO_INCREMENT value (null without an AUTO_INCREMENT column)
     * @param createOptions e.g. {@code partitioned}, {@code row_format=DYNAMIC}
     */
    public record Table(String schema, String name, String kind, String engine, String collation, Long autoIncrement, String comment,
                        String createOptions, List<Column> columns, List<Index> indexes, List<ForeignKey> foreignKeys, List<Check> checks) {

        public Table {
            columns = List.copyOf(columns);
            indexes = List.copyOf(indexes);
            foreignKeys = List.copyOf(foreignKeys);
            checks = List.copyOf(checks);
        }

        public TableName sourceName() {
            return new TableName(schema, name);
        }

        /** Column names in MySQL compare without case. */
        public Optional<Column> column(String columnName) {
            return columns.stream().filter(c -> c.name().equalsIgnoreCase(columnName)).findFirst();
        }

        public Optional<Index> primaryKey() {
            return indexes.stream().filter(Index::primary).findFirst();
        }

        public boolean partitioned() {
            return createOptions != null && createOptions.toLowerCase(Locale.ROOT).contains("partitioned");
        }
    }

    /**
     * A column as information_schema.COLUMNS shows it.
     *
     * @param defaultValue {@code COLUMN_DEFAULT} as the server spells it (null: no default)
     * @param extra        e.g. {@code auto_increment}, {@code on update current_timestamp()}, {@code VIRTUAL GENERATED}
     */
    public record Column(String name, String dataType, String columnType, boolean nullable, String defaultValue, String extra,
                         Long charLength, Integer precision, Integer scale, Integer datetimePrecision, String charset,
                         String collation, String generationExpression, String comment) {

        public boolean unsigned() {
            return columnType.toLowerCase(Locale.ROOT).contains("unsigned");
        }

        public boolean autoIncrement() {
            return extra(e -> e.contains("auto_increment"));
        }

        public boolean onUpdateCurrentTimestamp() {
            return extra(e -> e.contains("on update current_timestamp"));
        }

        public boolean generated() {
            // Not MySQL 8's DEFAULT_GENERATED, which marks an expression default.
            return generationExpression != null && !generationExpression.isEmpty()
                    || extra(e -> e.contains("virtual generated") || e.contains("stored generated") || e.contains("persistent"));
        }

        /** MySQL 8 marks expression defaults (and CURRENT_TIMESTAMP) so; a default without it is a literal. */
        public boolean defaultIsExpression() {
            return extra(e -> e.contains("default_generated"));
        }

        /** The labels of an {@code enum(...)} or {@code set(...)} column, unquoted, in declaration order. */
        public List<String> labels() {
            int open = columnType.indexOf('(');
            int close = columnType.lastIndexOf(')');
            List<String> labels = new ArrayList<>();
            if (open < 0 || close < open) {
                return labels;
            }
            String list = columnType.substring(open + 1, close);
            StringBuilder label = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < list.length(); i++) {
                char c = list.charAt(i);
                if (!quoted) {
                    if (c == '\'') {
                        quoted = true;
                        label.setLength(0);
                    }
                } else if (c == '\\' && i + 1 < list.length()) {
                    label.append(list.charAt(++i));
                } else if (c == '\'' && i + 1 < list.length() && list.charAt(i + 1) == '\'') {
                    label.append('\'');
                    i++;
                } else if (c == '\'') {
                    quoted = false;
                    labels.add(label.toString());
                } else {
                    label.append(c);
                }
            }
            return labels;
        }

        private boolean extra(java.util.function.Predicate<String> test) {
            return extra != null && test.test(extra.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * An index (PRIMARY is the primary key), its kind ({@code BTREE}, {@code HASH}, {@code FULLTEXT}, {@code SPATIAL})
     * and its parts in order.
     */
    public record Index(String name, boolean unique, String type, List<IndexPart> parts, String comment) {

        public Index {
            parts = List.copyOf(parts);
        }

        public boolean primary() {
            return name.equals("PRIMARY");
        }

        public boolean fulltext() {
            return type.equalsIgnoreCase("FULLTEXT");
        }

        public boolean spatial() {
            return type.equalsIgnoreCase("SPATIAL");
        }

        public boolean prefixed() {
            return parts.stream().anyMatch(p -> p.subPart() != null);
        }
    }

    /**
     * One part of an index: a column (with {@code subPart} characters or bytes of it for a prefix index), or an
     * expression (MySQL 8's functional key parts).
     */
    public record IndexPart(String column, Integer subPart, String expression, boolean descending) {
    }

    public record ForeignKey(String name, List<String> columns, String referencedSchema, String referencedTable,
                             List<String> referencedColumns, String updateRule, String deleteRule) {

        public ForeignKey {
            columns = List.copyOf(columns);
            referencedColumns = List.copyOf(referencedColumns);
        }

        public TableName referencedName() {
            return new TableName(referencedSchema, referencedTable);
        }
    }

    /** A check constraint and its clause as the server shows it (e.g. {@code `qty` > 0}). */
    public record Check(String name, String clause) {
    }

    /** A view and its full {@code SHOW CREATE VIEW} text. */
    public record View(String schema, String name, String definition) {
    }

    /** A stored procedure or function ({@code type}: PROCEDURE, FUNCTION) and its full source text. */
    public record Routine(String schema, String name, String type, String definition) {
    }

    /** A trigger on {@code table}, its timing and event (BEFORE INSERT ...) and its full source text. */
    public record Trigger(String schema, String name, String table, String timing, String event, String definition) {
    }

    /** A scheduled event and its full source text. */
    public record Event(String schema, String name, String definition) {
    }
}
