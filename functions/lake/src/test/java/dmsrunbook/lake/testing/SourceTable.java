package dmsrunbook.lake.testing;

import dmsrunbook.lake.testing.SourceColumn.PgType;
import java.util.List;

/**
 * A source table for the generator: its name, columns and primary key (the first {@code keyColumns} columns; the
 * first is an integral id, the others derived from it, so updates never change a key).
 *
 * @param schema     schema name
 * @param table      table name
 * @param columns    columns, key first
 * @param keyColumns how many leading columns form the primary key
 */
public record SourceTable(String schema, String table, List<SourceColumn> columns, int keyColumns) {

    public SourceTable(String schema, String table, List<SourceColumn> columns) {
        this(schema, table, columns, 1);
    }

    public List<String> key() {
        return columns.subList(0, keyColumns).stream().map(SourceColumn::name).toList();
    }

    /** {@code public.orders}: every type DMS maps differently, NOT NULL (REQUIRED) and nullable columns. */
    public static SourceTable orders() {
        return new SourceTable("public", "orders", List.of(
                new SourceColumn("id", PgType.BIGINT, false),
                new SourceColumn("customer", PgType.TEXT, false),
                new SourceColumn("amount", PgType.NUMERIC_12_2, false),
                new SourceColumn("quantity", PgType.INTEGER, false),
                new SourceColumn("price", PgType.DOUBLE, false),
                new SourceColumn("active", PgType.BOOLEAN, false),
                new SourceColumn("created_at", PgType.TIMESTAMP, false),
                new SourceColumn("birthday", PgType.DATE, true),
                new SourceColumn("note", PgType.TEXT, true),
                new SourceColumn("priority", PgType.SMALLINT, false),
                new SourceColumn("tax", PgType.NUMERIC_38_4, true)));
    }

    /** This table's columns under another schema and table name. */
    public SourceTable named(String schemaName, String tableName) {
        return new SourceTable(schemaName, tableName, columns, keyColumns);
    }

    public String qualified() {
        return schema + "." + table;
    }

    public SourceTable withColumn(SourceColumn column) {
        List<SourceColumn> all = new java.util.ArrayList<>(columns);
        all.add(column);
        return new SourceTable(schema, table, all, keyColumns);
    }
}
