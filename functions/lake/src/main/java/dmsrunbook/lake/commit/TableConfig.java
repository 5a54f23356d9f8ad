package dmsrunbook.lake.commit;

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
}
