package dmsrunbook.lake.commit;

import dmsrunbook.lake.LakeSettings;
import dmsrunbook.lake.compaction.ChangeCompactor;
import dmsrunbook.lake.compaction.ChangeInput;
import dmsrunbook.lake.compaction.CompactedFile;
import dmsrunbook.lake.compaction.DmsChangeInputs;
import dmsrunbook.lake.parquet.ParquetBatchReader.MissingColumn;
import dmsrunbook.lake.schema.TableSchema;
import dmsrunbook.lake.state.ChangedKeys;
import dmsrunbook.lake.state.CurrentStateMerger;
import dmsrunbook.lake.state.MergedBucket;
import dmsrunbook.lake.state.StateBucketFiles;
import dmsrunbook.lake.state.TombstonePruner;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.parquet.schema.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Steps 3 and 4 of the commit protocol as a {@link WritePlan} lays them out: compacts the round's DMS files per
 * partition and epoch (tagging each row with its epoch), merges a partition's small files when the planner says so,
 * merges the current epoch's changes into the touched state buckets and, at the sweep, prunes tombstones. Every file
 * is uploaded under a new unique name and noted in the round's scratch: nothing is referenced until the commit.
 */
final class RoundWriter {

    private static final Logger LOG = LoggerFactory.getLogger(RoundWriter.class);

    private final S3Store store;
    private final LakeSettings settings;
    private final IngestPlanner planner;
    private final CommitFaults faults;

    RoundWriter(S3Store store, LakeSettings settings, IngestPlanner planner, CommitFaults faults) {
        this.store = store;
        this.settings = settings;
        this.planner = planner;
        this.faults = faults;
    }

    /** Writes and uploads what {@code plan} says, reading the round's DMS files from {@code scratch}. */
    RoundOutput write(WritePlan plan, RoundScratch scratch) throws IOException {
        ChangeCompactor compactor = new ChangeCompactor(settings.writer(), settings.targetFileBytes());
        Map<String, RoundOutput.PartitionFiles> changes = new TreeMap<>();
        List<Path> stateChanges = new ArrayList<>();
        long rows = 0;
        for (Map.Entry<String, SortedMap<Integer, List<RoundFile>>> partition : plan.compaction().entrySet()) {
            List<CompactedFile> compacted = new ArrayList<>();
            for (Map.Entry<Integer, List<RoundFile>> epoch : partition.getValue().entrySet()) {
                List<CompactedFile> written = compactor.compact(inputs(plan.schema(), epoch.getKey(), epoch.getValue(), scratch),
                        plan.schema().changes(), scratch.outputs());
                if (epoch.getKey() == plan.currentEpoch()) {
                    // Only the current epoch's changes make the current state; older epochs' are history.
                    written.forEach(c -> stateChanges.add(c.file()));
                }
                compacted.addAll(written);
            }
            rows += compacted.stream().mapToLong(CompactedFile::rows).sum();
            changes.put(partition.getKey(), upload(plan, partition.getKey(), compacted, compactor, scratch));
        }
        faults.at(CommitStep.CHANGES_UPLOADED);

        if (plan.round().beginsEpoch()) {
            TableEpoch epoch = plan.round().epochs().current();
            LOG.info("{}: epoch {} ({}) begins; the current state starts over", plan.round().table().name(), epoch.number(), epoch.cause());
        }
        Map<Integer, StateBucket> state = new TreeMap<>(plan.startState());
        Map<Integer, Path> localTombstones = mergeState(plan, stateChanges, state, scratch);
        if (plan.sweep()) {
            pruneTombstones(plan, state, localTombstones, scratch);
        }
        faults.at(CommitStep.STATE_UPLOADED);
        return new RoundOutput(changes, state, rows);
    }

    /** The files of one epoch of one partition, as compaction inputs whose rows carry {@code epoch}. */
    private static List<ChangeInput> inputs(TableSchema schema, int epoch, List<RoundFile> files, RoundScratch scratch) {
        List<ChangeInput> inputs = new ArrayList<>();
        for (RoundFile file : files) {
            Path local = scratch.downloaded(file.key().key(), file.version());
            inputs.add(inEpoch(DmsChangeInputs.of(file.key(), local, schema.changes()), schema.changes(), epoch));
        }
        return inputs;
    }

    /** Uploads a partition's new files, first merged with its small ones when {@link IngestPlanner#smallFilesToMerge} says so. */
    private RoundOutput.PartitionFiles upload(WritePlan plan, String partition, List<CompactedFile> compacted, ChangeCompactor compactor,
                                              RoundScratch scratch) throws IOException {
        TableConfig table = plan.table();
        IngestPlanner.SmallFiles small = planner.smallFilesToMerge(plan.round().manifest().changes().getOrDefault(partition, List.of()),
                compacted.size());
        if (small.merge()) {
            List<ChangeInput> toWrite = new ArrayList<>();
            for (DataFile part : small.files()) {
                Path local = scratch.newFile();
                if (store.download(part.key(), local).isEmpty()) {
                    // Committed files are deleted only after a later commit replaced them: the manifest moved on.
                    throw new ManifestConflictException(settings.paths().manifest(table.schema(), table.table()));
                }
                toWrite.add(new ChangeInput(part.key(), local, part.minSeq(), MissingColumn.NULLS));
            }
            for (CompactedFile file : compacted) {
                toWrite.add(new ChangeInput(file.file().toString(), file.file(), file.minSeq(), MissingColumn.NULLS));
            }
            compacted = compactor.compact(toWrite, plan.schema().changes(), scratch.outputs());
        }
        List<DataFile> added = new ArrayList<>();
        for (CompactedFile file : compacted) {
            String key = upload(file.file(), settings.paths().newChangesPart(table.schema(), table.table(), partition), scratch);
            added.add(new DataFile(key, file.rows(), file.bytes(), file.minSeq(), file.maxSeq()));
        }
        return new RoundOutput.PartitionFiles(small.files(), added);
    }

    /** Merges {@code stateChanges} into the touched buckets of {@code state}; returns the new tombstone files by bucket. */
    private Map<Integer, Path> mergeState(WritePlan plan, List<Path> stateChanges, Map<Integer, StateBucket> state, RoundScratch scratch)
            throws IOException {
        Map<Integer, Path> localTombstones = new HashMap<>();
        if (stateChanges.isEmpty()) {
            return localTombstones;
        }
        TableConfig table = plan.table();
        CurrentStateMerger merger = new CurrentStateMerger(plan.schema(), table.primaryKey(), plan.round().manifest().buckets(),
                settings.writer());
        ChangedKeys keys = merger.scan(stateChanges);
        Map<Integer, StateBucketFiles> previous = new TreeMap<>();
        for (int bucket : keys.touchedBuckets()) {
            StateBucket old = state.get(bucket);
            if (old != null) {
                previous.put(bucket, new StateBucketFiles(fetch(old.live(), scratch), fetch(old.tombstones(), scratch)));
            }
        }
        for (MergedBucket bucket : merger.merge(keys, previous, scratch.outputs())) {
            String live = upload(bucket.live(), settings.paths().newStateFile(table.schema(), table.table(), bucket.bucket()), scratch);
            String dead = upload(bucket.tombstones(), settings.paths().newTombstoneFile(table.schema(), table.table(), bucket.bucket()),
                    scratch);
            state.put(bucket.bucket(), new StateBucket(live, bucket.liveRows(), dead, bucket.tombstoneRows()));
            localTombstones.put(bucket.bucket(), bucket.tombstones());
        }
        return localTombstones;
    }

    private void pruneTombstones(WritePlan plan, Map<Integer, StateBucket> state, Map<Integer, Path> localTombstones, RoundScratch scratch)
            throws IOException {
        TableConfig table = plan.table();
        List<String> quarantined = store.list(planner.quarantinePrefix(table)).stream().map(S3Store.Listed::key).toList();
        long cutoff = planner.tombstoneCutoff(plan, quarantined);
        for (Map.Entry<Integer, StateBucket> entry : new ArrayList<>(state.entrySet())) {
            StateBucket bucket = entry.getValue();
            if (bucket.tombstones() == null) {
                continue;
            }
            Path local = localTombstones.containsKey(entry.getKey()) ? localTombstones.get(entry.getKey()) : fetch(bucket.tombstones(), scratch);
            TombstonePruner.Pruned pruned = TombstonePruner.prune(local, cutoff, settings.writer(), scratch.outputs());
            if (!pruned.changed()) {
                continue;
            }
            String key = upload(pruned.file(), settings.paths().newTombstoneFile(table.schema(), table.table(), entry.getKey()), scratch);
            state.put(entry.getKey(), new StateBucket(bucket.live(), bucket.liveRows(), key, pruned.kept()));
            if (scratch.wasUploaded(bucket.tombstones())) {
                // Written by this very round and replaced before anyone saw it.
                scratch.forget(bucket.tombstones());
                store.delete(bucket.tombstones());
            }
            LOG.info("{}: bucket {} dropped {} tombstone(s) no late change can need", plan.round().table().name(), entry.getKey(),
                    pruned.dropped());
        }
    }

    /** {@code input} with every row tagged {@code dms_epoch} = {@code epoch}. */
    private static ChangeInput inEpoch(ChangeInput input, MessageType changes, int epoch) {
        int epochColumn = changes.getFieldIndex(TableSchema.EPOCH);
        MissingColumn dms = input.missing();
        MissingColumn tagged = (column, values, firstRow, count) -> {
            if (column == epochColumn) {
                for (int i = 0; i < count; i++) {
                    values.addInt(epoch);
                }
            } else {
                dms.fill(column, values, firstRow, count);
            }
        };
        return new ChangeInput(input.name(), input.file(), input.firstSeq(), tagged);
    }

    /** Downloads a committed lake file, or null for none. */
    private Path fetch(String key, RoundScratch scratch) {
        if (key == null) {
            return null;
        }
        Path local = scratch.newFile();
        if (store.download(key, local).isEmpty()) {
            // Committed files are deleted only after a later commit replaced them: the manifest moved on.
            throw new ManifestConflictException(key);
        }
        return local;
    }

    private String upload(Path file, String key, RoundScratch scratch) {
        if (file == null) {
            return null;
        }
        store.upload(file, key);
        scratch.uploaded(key);
        return key;
    }
}
