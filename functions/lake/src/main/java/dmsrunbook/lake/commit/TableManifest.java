package dmsrunbook.lake.commit;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dmsrunbook.lake.layout.ChangeSequence;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A table's committed state in the lake, one JSON object per table: its columns, the compacted changes files by
 * partition, the current-state buckets, the DMS files already taken in, replaced files awaiting deletion, and the
 * table's epochs (loads, reloads, truncates). Replacing it with a conditional PUT (If-Match on the ETag read) is the
 * one commit point of every change.
 *
 * @param version    increases by one with each commit
 * @param schema     source schema name
 * @param table      source table name
 * @param columns    the table's columns (Parquet message type text)
 * @param primaryKey key columns
 * @param buckets    current-state buckets
 * @param changes    partition -> compacted changes files, in change order
 * @param state      bucket -> current-state files (of the current epoch)
 * @param consumed   input id ({@code key#etag}) -> when it was taken in
 * @param garbage    replaced files to delete
 * @param lastSweep  when unreferenced files were last swept and old tombstones pruned (epoch millis)
 * @param epochs     the table's epochs, oldest first; the last is the current one (manifests without it get one)
 * @param witness    the DMS file the lake leaves in the table's folder so that DMS clearing the folder is seen, or
 *                   null (only kept when {@code DMS_WRITER_PRINCIPAL} is set)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TableManifest(long version, String schema, String table, String columns, List<String> primaryKey, int buckets,
                            Map<String, List<DataFile>> changes, Map<Integer, StateBucket> state,
                            Map<String, ConsumedInput> consumed, List<GarbageFile> garbage, long lastSweep,
                            List<TableEpoch> epochs, DmsFileVersion witness) {

    /** The partition name garbage of the current-state table goes under. */
    public static final String CURRENT = "__current__";

    public TableManifest {
        primaryKey = List.copyOf(primaryKey);
        changes = sortedCopy(changes);
        state = state == null ? new TreeMap<>() : new TreeMap<>(state);
        consumed = consumed == null ? new TreeMap<>() : new TreeMap<>(consumed);
        garbage = garbage == null ? List.of() : List.copyOf(garbage);
        if (epochs == null || epochs.isEmpty()) {
            boolean fullLoadRows = changes.values().stream().flatMap(List::stream).anyMatch(f -> ChangeSequence.isFullLoad(f.minSeq()));
            epochs = List.of(version == 0 ? TableEpoch.first() : TableEpoch.bootstrap(consumed, fullLoadRows));
        } else {
            epochs = List.copyOf(epochs);
        }
    }

    public static TableManifest empty(String schema, String table, List<String> primaryKey, int buckets) {
        return new TableManifest(0, schema, table, null, primaryKey, buckets, Map.of(), Map.of(), Map.of(), List.of(), 0, null, null);
    }

    public TableEpoch currentEpoch() {
        return epochs.get(epochs.size() - 1);
    }

    public boolean hasConsumed(String inputId) {
        return consumed.containsKey(inputId);
    }

    /** Whether this very write of a file was taken in (an entry without a write time matches by ETag alone). */
    public boolean hasConsumed(DmsFileVersion file) {
        ConsumedInput input = consumed.get(file.id());
        return input != null && (input.lastModified() == 0 || file.lastModified() == 0 || input.lastModified() == file.lastModified());
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
