package dmsrunbook.lake.commit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A table's committed state in the lake, one JSON object per table: its columns, the compacted changes files by
 * partition, the current-state buckets, the DMS files already taken in, and replaced files awaiting deletion.
 * Replacing it with a conditional PUT (If-Match on the ETag read) is the one commit point of every change.
 *
 * @param version    increases by one with each commit
 * @param schema     source schema name
 * @param table      source table name
 * @param columns    the table's columns (Parquet message type text)
 * @param primaryKey key columns
 * @param buckets    current-state buckets
 * @param changes    partition -> compacted changes files, in change order
 * @param state      bucket -> current-state files
 * @param consumed   input id ({@code key#etag}) -> when it was taken in
 * @param garbage    replaced files to delete
 * @param lastSweep  when unreferenced files were last swept (epoch millis)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TableManifest(long version, String schema, String table, String columns, List<String> primaryKey, int buckets,
                            Map<String, List<DataFile>> changes, Map<Integer, StateBucket> state,
                            Map<String, ConsumedInput> consumed, List<GarbageFile> garbage, long lastSweep) {

    /** The partition name garbage of the current-state table goes under. */
    public static final String CURRENT = "__current__";

    public TableManifest {
        primaryKey = List.copyOf(primaryKey);
        changes = sortedCopy(changes);
        state = state == null ? new TreeMap<>() : new TreeMap<>(state);
        consumed = consumed == null ? new TreeMap<>() : new TreeMap<>(consumed);
        garbage = garbage == null ? List.of() : List.copyOf(garbage);
    }

    public static TableManifest empty(String schema, String table, List<String> primaryKey, int buckets) {
        return new TableManifest(0, schema, table, null, primaryKey, buckets, Map.of(), Map.of(), Map.of(), List.of(), 0);
    }

    public boolean hasConsumed(String inputId) {
        return consumed.containsKey(inputId);
    }

    public long rowsInChanges() {
        return changes.values().stream().flatMap(List::stream).mapToLong(DataFile::rows).sum();
    }

    public long liveRows() {
        return state.values().stream().mapToLong(StateBucket::liveRows).sum();
    }

    private static Map<String, List<DataFile>> sortedCopy(Map<String, List<DataFile>> changes) {
        Map<String, List<DataFile>> copy = new TreeMap<>();
        if (changes != null) {
            changes.forEach((partition, files) -> copy.put(partition, List.copyOf(files)));
        }
        return copy;
    }
}
