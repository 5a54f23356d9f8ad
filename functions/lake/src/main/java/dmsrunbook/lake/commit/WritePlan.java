package dmsrunbook.lake.commit;

import dmsrunbook.lake.schema.TableSchema;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What a round writes before its commit, decided by {@link IngestPlanner#writes} once its files are checked.
 *
 * @param round      the round's plan
 * @param accepted   its files that passed the checks, in the order taken
 * @param schema     the table's columns after them (null while the table has none)
 * @param now        the time the commit is stamped with (epoch millis)
 * @param compaction partition -> epoch -> files compacted together, partitions and epochs in order
 * @param startState the current state the merge starts from: none when the round begins an epoch
 * @param sweep      whether this commit prunes tombstones and sweeps unreferenced files
 */
record WritePlan(RoundPlan round, List<RoundFile> accepted, TableSchema schema, long now,
                 SortedMap<String, SortedMap<Integer, List<RoundFile>>> compaction, Map<Integer, StateBucket> startState,
                 boolean sweep) {

    WritePlan {
        accepted = List.copyOf(accepted);
        startState = Map.copyOf(startState);
    }

    TableConfig table() {
        return round.table().table();
    }

    /** The epoch whose changes make the current state (older epochs' changes are history only). */
    int currentEpoch() {
        return round.epochs().current().number();
    }
}
