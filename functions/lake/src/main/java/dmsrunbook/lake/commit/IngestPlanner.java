package dmsrunbook.lake.commit;

import dmsrunbook.lake.LakeSettings;
import dmsrunbook.lake.commit.EpochPlanner.Candidate;
import dmsrunbook.lake.layout.DmsFileKind;
import dmsrunbook.lake.schema.TableSchema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every decision of a round of the commit protocol ({@code COMMIT-PROTOCOL.md}), taken without I/O, clock or
 * randomness: from the manifest as read, the listing of the table's DMS folder and the round's notices, which
 * announced files are duplicates, gone, deferred or taken in now and in which epoch, or that the round waits for a
 * removal notice ({@link #planRound}); what the round writes ({@link #writes}, {@link #smallFilesToMerge},
 * {@link #tombstoneCutoff}); and from what it wrote, the next manifest and what to publish and delete once it is
 * committed ({@link #commit}, {@link #withoutCommit}, {@link #unreferenced}). {@link TableIngestor} does the I/O.
 */
final class IngestPlanner {

    private final LakeSettings settings;
    private final TombstoneRetention tombstones;

    IngestPlanner(LakeSettings settings) {
        this.settings = settings;
        this.tombstones = new TombstoneRetention(settings);
    }

    /**
     * Steps 1 and 2 before any download: sorts the announced files into duplicates (their write is consumed), missing
     * (no longer in the folder) and fresh ones; places every file still in the folder in its epoch; takes the fresh
     * files, oldest first, within the round's input budget and defers the rest. When the witness left the folder with
     * no removal notice, nothing is placed: the round waits and defers every announced file.
     */
    RoundPlan planRound(TableSnapshot snapshot, RoundInputs inputs) {
        TableManifest manifest = snapshot.manifest();
        TableFolder folder = snapshot.folder();
        List<IncomingObject> duplicates = new ArrayList<>();
        List<Candidate> fresh = new ArrayList<>();
        Map<String, IncomingObject> freshObjects = new HashMap<>();
        Set<String> seen = new HashSet<>();
        int missing = 0;
        for (IncomingObject object : inputs.created()) {
            String key = object.key().key();
            if (inputs.setAside().contains(key) || !seen.add(key)) {
                continue;
            }
            S3Store.Listed listed = folder.get(key);
            if (listed == null) {
                // Taken in and deleted by an earlier delivery, or removed by DMS before it could be read.
                missing++;
                continue;
            }
            DmsFileVersion version = DmsFileVersion.of(listed);
            if (manifest.hasConsumed(version)) {
                duplicates.add(object);
                continue;
            }
            fresh.add(new Candidate(object.key(), version));
            freshObjects.put(key, object);
        }

        TableFolder.Witness witness = folder.witness(manifest, inputs.removed(), settings.dmsWriterPrincipal().isPresent());
        if (witness.unexplainedLoss() && !fresh.isEmpty()) {
            // DMS may have cleared the folder and its removal notice is still on its way: placing files now could put
            // changes made after a TRUNCATE on top of the rows it removed.
            return new RoundPlan(snapshot, List.of(), missing, List.of(), inputs.created(), true,
                    new EpochPlan(manifest.epochs(), Map.of()), manifest.witness());
        }
        List<Long> clears = inputs.removed().stream().filter(RemovalNotice::byDms).map(RemovalNotice::at).toList();
        List<Candidate> known = new ArrayList<>(fresh);
        known.addAll(folder.pending(freshObjects.keySet()));
        EpochPlan epochs = EpochPlanner.plan(snapshot.name(), manifest.epochs(), known, clears, manifest.version() + 1);

        fresh.sort(Comparator.comparingLong((Candidate c) -> c.version().lastModified()).thenComparing(c -> c.key().key()));
        RoundBudget.Split<Candidate> split = RoundBudget.split(fresh, c -> folder.get(c.key().key()).size(), settings.roundInputBytes());
        List<RoundFile> taken = new ArrayList<>();
        for (Candidate candidate : split.taken()) {
            int epoch = epochs.epochOf(candidate.key().key());
            taken.add(new RoundFile(candidate.key().inEpoch(epoch), candidate.version(), epoch, folder.get(candidate.key().key()).size()));
        }
        List<IncomingObject> deferred = split.postponed().stream().map(c -> freshObjects.get(c.key().key())).toList();
        return new RoundPlan(snapshot, duplicates, missing, taken, deferred, false, epochs, witness.next());
    }

    /**
     * Whether the round needs a new manifest once its files are checked: it does when it takes a file in, begins an
     * epoch or moves the witness; otherwise it only finishes what earlier commits left ({@link #withoutCommit}).
     */
    boolean needsCommit(RoundPlan round, List<RoundFile> accepted) {
        return !accepted.isEmpty() || round.beginsEpoch() || !Objects.equals(round.witness(), round.manifest().witness());
    }

    /** The tail of a round that commits nothing: publish the duplicates' partitions and delete what was taken in before. */
    CommitPlan withoutCommit(RoundPlan round) {
        TableManifest manifest = round.manifest();
        return new CommitPlan(manifest, false, partitionsOf(manifest, round.duplicates()),
                deletions(manifest, round.table().folder(), round.duplicates(), List.of()), List.of(), false);
    }

    /**
     * Steps 3 and 4: the round's {@code accepted} files compacted per partition and epoch; the current state merged
     * from the current epoch's changes, starting over when the round begins an epoch; at the sweep (every
     * {@code sweepEvery}, judged at {@code now}) tombstones pruned.
     */
    WritePlan writes(RoundPlan round, List<RoundFile> accepted, TableSchema schema, long now) {
        SortedMap<String, SortedMap<Integer, List<RoundFile>>> compaction = new TreeMap<>();
        for (RoundFile file : accepted) {
            compaction.computeIfAbsent(file.key().partition(), p -> new TreeMap<>()).computeIfAbsent(file.epoch(), e -> new ArrayList<>())
                    .add(file);
        }
        // A reload or a cleared folder: the rows of older epochs are not the table any more.
        Map<Integer, StateBucket> startState = round.beginsEpoch() ? Map.of() : round.manifest().state();
        boolean sweep = now - round.manifest().lastSweep() >= settings.sweepEvery().toMillis();
        return new WritePlan(round, accepted, schema, now, compaction, startState, sweep);
    }

    /**
     * Which of a partition's {@code existing} files to merge with the round's {@code newFiles} compacted ones: all its
     * small ones (under half the target size) once they and the new ones reach {@code LAKE_MERGE_FAN_IN}; empty
     * when the new files are written as they are.
     */
    SmallFiles smallFilesToMerge(List<DataFile> existing, int newFiles) {
        List<DataFile> small = existing.stream().filter(f -> f.bytes() < settings.targetFileBytes() / 2).toList();
        return small.size() + newFiles >= settings.mergeFanIn() ? new SmallFiles(true, small) : new SmallFiles(false, List.of());
    }

    /**
     * A partition's small files to merge.
     *
     * @param merge whether to merge at all (the new files are merged among themselves even when no old one is small)
     * @param files the partition's existing small files merged with them
     */
    record SmallFiles(boolean merge, List<DataFile> files) {
    }

    /**
     * Below which change number the sweep drops tombstones, given {@code quarantined}, the keys listed under
     * {@link TombstoneRetention#quarantinePrefix}: no file of the current epoch still in the folder, nor in
     * quarantine, may start before it.
     */
    long tombstoneCutoff(WritePlan write, List<String> quarantined) {
        Set<String> taken = new HashSet<>();
        write.accepted().forEach(file -> taken.add(file.key().key()));
        EpochPlan epochs = write.round().epochs();
        List<Candidate> waiting = write.round().table().folder().pending(taken).stream()
                .filter(file -> epochs.epochOf(file.key().key()) == write.currentEpoch()).toList();
        return tombstones.cutoff(write.currentEpoch(), waiting, quarantined, write.now());
    }

    /** Where {@link #tombstoneCutoff} needs the quarantine listed. */
    String quarantinePrefix(TableConfig table) {
        return tombstones.quarantinePrefix(table);
    }

    /**
     * Step 5: the next manifest from what the round wrote: the changes and state written, the accepted files consumed
     * (older entries kept for the retention and while still in the folder), the epochs and witness moved on, and
     * every file the previous manifest referenced and this one does not as garbage; then what the tail publishes and
     * deletes.
     */
    CommitPlan commit(WritePlan write, RoundOutput output) {
        RoundPlan round = write.round();
        TableManifest manifest = round.manifest();
        TableConfig table = write.table();
        long version = round.nextVersion();
        long now = write.now();

        Map<String, List<DataFile>> changes = new TreeMap<>(manifest.changes());
        output.changes().forEach((partition, files) -> changes.put(partition, files.applyTo(changes.getOrDefault(partition, List.of()))));

        List<GarbageFile> garbage = new ArrayList<>(manifest.garbage());
        garbage.addAll(replaced(manifest, changes, output.state(), version, now));
        long graceMillis = settings.garbageGrace().toMillis();
        List<GarbageFile> keep = new ArrayList<>();
        List<GarbageFile> due = new ArrayList<>();
        for (GarbageFile file : garbage) {
            (file.since() + graceMillis <= now ? due : keep).add(file);
        }

        TableSchema schema = write.schema();
        TableManifest next = new TableManifest(version, table.schema(), table.table(), schema == null ? null : schema.text(),
                manifest.primaryKey(), manifest.buckets(), changes, output.state(), consumed(round, write.accepted(), now), keep,
                write.sweep() ? now : manifest.lastSweep(), epochs(round.epochs(), write.accepted()), witness(round, write.accepted()));

        SortedSet<String> partitions = new TreeSet<>(write.compaction().keySet());
        partitions.addAll(partitionsOf(next, round.duplicates()));
        return new CommitPlan(next, true, partitions, deletions(next, round.table().folder(), round.duplicates(), write.accepted()), due,
                write.sweep());
    }

    /** The lake's data files of {@code manifest}'s table in {@code listed} that no manifest references and are old enough to be no one's. */
    List<String> unreferenced(TableManifest manifest, List<S3Store.Listed> listed, long now) {
        Set<String> referenced = new HashSet<>();
        manifest.changes().values().forEach(files -> files.forEach(f -> referenced.add(f.key())));
        manifest.state().values().forEach(b -> {
            referenced.add(b.live());
            referenced.add(b.tombstones());
        });
        manifest.garbage().forEach(g -> referenced.add(g.key()));
        long cutoff = now - settings.sweepMinAge().toMillis();
        return listed.stream().filter(object -> !referenced.contains(object.key()) && object.lastModified().toEpochMilli() < cutoff)
                .map(S3Store.Listed::key).toList();
    }

    /** Files {@code before} referenced that {@code changes} and {@code state} no longer do: replaced in this version. */
    private static List<GarbageFile> replaced(TableManifest before, Map<String, List<DataFile>> changes, Map<Integer, StateBucket> state,
                                              long version, long now) {
        List<GarbageFile> replaced = new ArrayList<>();
        before.changes().forEach((partition, files) -> {
            List<DataFile> after = changes.getOrDefault(partition, List.of());
            files.stream().filter(file -> !after.contains(file)).forEach(file -> replaced.add(new GarbageFile(file.key(), partition, version, now)));
        });
        Set<String> current = new HashSet<>();
        state.values().forEach(bucket -> {
            current.add(bucket.live());
            current.add(bucket.tombstones());
        });
        before.state().values().forEach(bucket -> {
            for (String key : new String[] {bucket.live(), bucket.tombstones()}) {
                if (key != null && !current.contains(key)) {
                    replaced.add(new GarbageFile(key, TableManifest.CURRENT, version, now));
                }
            }
        });
        return replaced;
    }

    /** The epochs after the round: the current one notes the accepted files' write times and LOAD counters. */
    private static List<TableEpoch> epochs(EpochPlan plan, List<RoundFile> accepted) {
        List<TableEpoch> epochs = new ArrayList<>(plan.epochs());
        TableEpoch current = epochs.get(epochs.size() - 1);
        for (RoundFile file : accepted) {
            if (file.epoch() == current.number()) {
                current = current.withFileAt(file.version().lastModified());
                if (file.key().kind() == DmsFileKind.FULL_LOAD) {
                    current = current.withLoad(file.key().loadCounter(), file.version());
                }
            }
        }
        epochs.set(epochs.size() - 1, current);
        return epochs;
    }

    /** The consumed list after the round: entries within the retention or still in the folder, and the accepted files. */
    private Map<String, ConsumedInput> consumed(RoundPlan round, List<RoundFile> accepted, long now) {
        Map<String, ConsumedInput> consumed = new TreeMap<>();
        long retention = settings.consumedRetention().toMillis();
        round.manifest().consumed().forEach((id, input) -> {
            // A file still in the folder can still be announced again, however old its entry.
            if (input.committedAt() >= now - retention || round.table().folder().holds(id)) {
                consumed.put(id, input);
            }
        });
        for (RoundFile file : accepted) {
            consumed.put(file.version().id(), new ConsumedInput(file.key().partition(), now, file.version().lastModified()));
        }
        return consumed;
    }

    /** The witness after the round: the newest DMS file taken in, when DMS removals are watched. */
    private DmsFileVersion witness(RoundPlan round, List<RoundFile> accepted) {
        DmsFileVersion witness = round.witness();
        if (settings.dmsWriterPrincipal().isPresent()) {
            for (RoundFile file : accepted) {
                DmsFileVersion version = file.version();
                if (witness == null || version.lastModified() > witness.lastModified()
                        || version.lastModified() == witness.lastModified() && file.key().key().compareTo(witness.key()) > 0) {
                    witness = version;
                }
            }
        }
        return witness;
    }

    /**
     * The DMS files to delete once {@code manifest} is committed: the round's, the duplicates, and any file the
     * manifest has consumed that a crash left behind, but never the witness.
     */
    private static List<String> deletions(TableManifest manifest, TableFolder folder, List<IncomingObject> duplicates, List<RoundFile> accepted) {
        Set<String> keys = new LinkedHashSet<>();
        accepted.forEach(file -> keys.add(file.key().key()));
        duplicates.forEach(duplicate -> keys.add(duplicate.key().key()));
        keys.addAll(folder.takenIn(manifest));
        if (manifest.witness() != null) {
            keys.remove(manifest.witness().key());
        }
        return new ArrayList<>(keys);
    }

    private static SortedSet<String> partitionsOf(TableManifest manifest, List<IncomingObject> duplicates) {
        SortedSet<String> partitions = new TreeSet<>();
        for (IncomingObject duplicate : duplicates) {
            partitions.add(duplicate.key().partition());
        }
        partitions.retainAll(manifest.changes().keySet());
        return partitions;
    }
}
