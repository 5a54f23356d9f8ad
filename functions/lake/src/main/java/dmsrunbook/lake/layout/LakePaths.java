package dmsrunbook.lake.layout;

import java.util.UUID;

/**
 * Where the lake keeps its own objects, all under one prefix (default {@code lake/}), outside the DMS folder so
 * they never trigger the lake again:
 * <pre>
 * lake/manifests/&lt;schema&gt;/&lt;table&gt;.json                       the table's committed state (the commit point)
 * lake/data/&lt;schema&gt;/&lt;table&gt;/changes/&lt;partition&gt;/part-*.parquet compacted changes
 * lake/data/&lt;schema&gt;/&lt;table&gt;/current/b&lt;n&gt;-*.parquet            current state, by key bucket
 * lake/data/&lt;schema&gt;/&lt;table&gt;/tombstones/b&lt;n&gt;-*.parquet         deleted keys (internal, for late changes)
 * lake/tables/&lt;schema&gt;/&lt;table&gt;_changes/dms_partition=&lt;p&gt;/manifest  what Athena reads (symlink manifests)
 * lake/tables/&lt;schema&gt;/&lt;table&gt;_current/manifest
 * </pre>
 * Data file names are unique per write, so a retried or concurrent write never overwrites a committed file.
 */
public record LakePaths(String prefix, String quarantinePrefix) {

    public LakePaths {
        prefix = normalise(prefix, "lake/");
        quarantinePrefix = normalise(quarantinePrefix, "quarantine/");
    }

    private static String normalise(String value, String fallback) {
        String v = value == null || value.isBlank() ? fallback : value.replaceAll("^/+", "");
        return v.endsWith("/") ? v : v + "/";
    }

    public String manifest(String schema, String table) {
        return prefix + "manifests/" + schema + "/" + table + ".json";
    }

    public String newChangesPart(String schema, String table, String partition) {
        return prefix + "data/" + schema + "/" + table + "/changes/" + partition + "/part-" + UUID.randomUUID() + ".parquet";
    }

    public String newStateFile(String schema, String table, int bucket) {
        return prefix + "data/" + schema + "/" + table + "/current/b" + bucket + "-" + UUID.randomUUID() + ".parquet";
    }

    public String newTombstoneFile(String schema, String table, int bucket) {
        return prefix + "data/" + schema + "/" + table + "/tombstones/b" + bucket + "-" + UUID.randomUUID() + ".parquet";
    }

    public String dataPrefix(String schema, String table) {
        return prefix + "data/" + schema + "/" + table + "/";
    }

    public String changesTableLocation(String schema, String table) {
        return prefix + "tables/" + schema + "/" + table + "_changes/";
    }

    public String changesPartitionLocation(String schema, String table, String partition) {
        return changesTableLocation(schema, table) + "dms_partition=" + partition + "/";
    }

    public String currentTableLocation(String schema, String table) {
        return prefix + "tables/" + schema + "/" + table + "_current/";
    }

    public String quarantined(String key) {
        return quarantinePrefix + key;
    }

    public String quarantineReason(String key) {
        return quarantinePrefix + key + ".reason.txt";
    }
}
