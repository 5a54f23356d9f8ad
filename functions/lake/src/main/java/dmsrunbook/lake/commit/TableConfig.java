package dmsrunbook.lake.commit;

import dmsrunbook.lake.layout.TableName;
import java.util.List;

/**
 * What the lake needs to know about a source table beyond its files.
 *
 * @param schema     source schema
 * @param table      source table
 * @param primaryKey key columns (from the migration spec or {@code LAKE_TABLES})
 * @param buckets    current-state buckets
 */
public record TableConfig(String schema, String table, List<String> primaryKey, int buckets) {

    public TableConfig {
        primaryKey = List.copyOf(primaryKey);
    }

    /** The table configured for {@code name}. */
    public TableConfig(TableName name, List<String> primaryKey, int buckets) {
        this(name.schema(), name.table(), primaryKey, buckets);
    }

    /** Schema and table, kept apart. */
    public TableName name() {
        return new TableName(schema, table);
    }
}
