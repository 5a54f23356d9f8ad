package dmsrunbook.lake.testing;

import dmsrunbook.lake.testing.SourceColumn.PgType;
import java.util.List;

/**
 * A source table for the generator: its name, columns and single integral primary key (the first column).
 *
 * @param schema  schema name
 * @param table   table name
 * @param columns columns, key first
 */
public record SourceTable(String schema, String table, List<SourceColumn> columns) {

    /** {@code public.orders}: every type DMS maps differently, nullable columns included. */
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
                new SourceColumn("note", PgType.TEXT, true)));
    }

    public String key() {
        return columns.get(0).name();
    }

    public String qualified() {
        return schema + "." + table;
    }

    public SourceTable withColumn(SourceColumn column) {
        List<SourceColumn> all = new java.util.ArrayList<>(columns);
        all.add(column);
        return new SourceTable(schema, table, all);
    }
}
