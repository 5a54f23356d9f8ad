package dmsrunbook.lake.commit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What a round wrote before its commit (uploaded, not yet referenced by any manifest).
 *
 * @param changes partition -> what changed in it
 * @param state   the current state after the merge and any tombstone pruning, bucket -> files
 * @param rows    change rows the round compacted
 */
record RoundOutput(Map<String, PartitionFiles> changes, Map<Integer, StateBucket> state, long rows) {

    RoundOutput {
        changes = Map.copyOf(changes);
        state = Map.copyOf(state);
    }

    /**
     * What a round did to one changes partition.
     *
     * @param merged small files of the partition merged into {@code added} (they leave the manifest)
     * @param added  the new compacted files
     */
    record PartitionFiles(List<DataFile> merged, List<DataFile> added) {

        PartitionFiles {
            merged = List.copyOf(merged);
            added = List.copyOf(added);
        }

        /** The partition's files after this, in change order. */
        List<DataFile> applyTo(List<DataFile> existing) {
            List<DataFile> files = new ArrayList<>(existing);
            files.removeAll(merged);
            files.addAll(added);
            files.sort(Comparator.comparingLong(DataFile::minSeq));
            return files;
        }
    }
}
