package dmsrunbook.lake.commit;

import dmsrunbook.lake.LakeSettings;
import dmsrunbook.lake.catalog.GlueCatalog;
import dmsrunbook.lake.commit.EpochPlanner.Candidate;
import dmsrunbook.lake.compaction.ChangeCompactor;
import dmsrunbook.lake.compaction.ChangeInput;
import dmsrunbook.lake.compaction.CompactedFile;
import dmsrunbook.lake.compaction.DmsChangeInputs;
import dmsrunbook.lake.compaction.InputUnreadableException;
import dmsrunbook.lake.layout.ChangeSequence;
import dmsrunbook.lake.layout.DmsFileKind;
import dmsrunbook.lake.layout.DmsObjectKey;
import dmsrunbook.lake.parquet.ParquetBatchReader;
import dmsrunbook.lake.parquet.ParquetBatchReader.MissingColumn;
import dmsrunbook.lake.quarantine.Quarantine;
import dmsrunbook.lake.schema.SchemaComparison;
import dmsrunbook.lake.schema.TableSchema;
import dmsrunbook.lake.state.ChangedKeys;
import dmsrunbook.lake.state.CurrentStateMerger;
import dmsrunbook.lake.state.MergedBucket;
import dmsrunbook.lake.state.StateBucketFiles;
import dmsrunbook.lake.state.TombstonePruner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.parquet.schema.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a table's new DMS files into the lake with a commit protocol that survives a crash at any step and
 * duplicate, reordered or concurrent deliveries (see {@code COMMIT-PROTOCOL.md}), in rounds of at most
 * {@code LAKE_ROUND_INPUT_MB} of input each:
 * <ol>
 * <li>read the manifest and its ETag, list the table's DMS folder; drop files already consumed (duplicates);</li>
 * <li>place every file in its table epoch (a reload or a cleared folder begins a new one), pick the round's files,
 *     download and check them; quarantine the unreadable and incompatible;</li>
 * <li>write the compacted changes and the current state of the current epoch as new, uniquely named objects;</li>
 * <li>commit: replace the manifest if its ETag is unchanged (else another call won: discard and redo from 1);</li>
 * <li>publish the committed version (symlink manifests, Glue), delete the DMS inputs, then replaced files.</li>
 * </ol>
 * Everything before step 4 is invisible, everything after it is repeatable, so any crash is finished by the
 * redelivery of the same messages.
 */
public final class TableIngestor {

    private static final Logger LOG = LoggerFactory.getLogger(TableIngestor.class);
    private static final int MAX_ATTEMPTS = 8;

    private final S3Store store;
    private final ManifestStore manifests;
    private final TablePublisher publisher;
    private final GlueCatalog catalog;
    private final Quarantine quarantine;
    private final LakeSettings settings;
    private final CommitFaults faults;
    private final Clock clock;
    private final TombstoneRetention tombstones;

    public TableIngestor(S3Store store, ManifestStore manifests, TablePublisher publisher, GlueCatalog catalog, Quarantine quarantine,
                         LakeSettings settings, CommitFaults faults, Clock clock) {
        this.store = store;
        this.manifests = manifests;
        this.publisher = publisher;
        this.catalog = catalog;
        this.quarantine = quarantine;
        this.settings = settings;
        this.faults = faults;
        this.clock = clock;
        this.tombstones = new TombstoneRetention(store, settings);
    }

    /** Takes {@code objects} (all of one table) in, however long it takes; returns once they are committed and deleted. */
    public IngestResult ingest(TableConfig table, List<IncomingObject> objects) {
        return ingest(table, objects, List.of(), Long.MAX_VALUE);
    }

    /**
     * Takes {@code objects} and {@code removals} (all of one table) in, round after round while another round fits
     * before {@code deadlineMillis}; what is left is in {@link IngestResult#deferred()}, for a later delivery.
     */
    public IngestResult ingest(TableConfig table, List<IncomingObject> objects, List<RemovalNotice> removals, long deadlineMillis) {
        Tally tally = new Tally();
        List<IncomingObject> remaining = objects;
        List<RemovalNotice> notices = removals;
        long longestRound = 0;
        while (true) {
            long started = clock.millis();
            Round round = round(table, remaining, notices);
            tally.add(round);
            notices = List.of();
            remaining = round.postponed;
            longestRound = Math.max(longestRound, clock.millis() - started);
            if (remaining.isEmpty() || round.waiting || clock.millis() + longestRound * 3 / 2 > deadlineMillis) {
                return tally.result(remaining);
            }
        }
    }

    private Round round(TableConfig table, List<IncomingObject> objects, List<RemovalNotice> notices) {
        Path work = createWorkDir();
        try {
            Map<String, Downloaded> downloads = new HashMap<>();
            Set<String> quarantined = new HashSet<>();
            for (int attempt = 1; ; attempt++) {
                try {
                    Round round = attempt(table, objects, notices, work, downloads, quarantined);
                    round.attempts = attempt;
                    return round;
                } catch (ManifestConflictException conflict) {
                    if (attempt >= MAX_ATTEMPTS) {
                        throw new CommitContendedException(table, attempt);
                    }
                    LOG.info("{}.{}: another invocation committed first, or a file changed; redoing (attempt {})", table.schema(),
                            table.table(), attempt + 1);
                    sleepJitter(attempt);
                }
            }
        } finally {
            deleteRecursively(work);
        }
    }

    private Round attempt(TableConfig table, List<IncomingObject> objects, List<RemovalNotice> notices, Path work,
                          Map<String, Downloaded> downloads, Set<String> quarantined) {
        VersionedManifest read = manifests.read(table.schema(), table.table())
                .orElse(new VersionedManifest(TableManifest.empty(table.schema(), table.table(), table.primaryKey(), table.buckets()), null));
        TableManifest manifest = read.manifest();
        TableFolder folder = TableFolder.list(store, settings.dms(), table, manifest);

        Round round = new Round();
        List<Candidate> fresh = new ArrayList<>();
        Map<String, IncomingObject> freshObjects = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (IncomingObject object : objects) {
            String key = object.key().key();
            if (quarantined.contains(key) || !seen.add(key)) {
                continue;
            }
            S3Store.Listed listed = folder.get(key);
            if (listed == null) {
                // Taken in and deleted by an earlier delivery, or removed by DMS before it could be read.
                round.missing++;
                continue;
            }
            DmsFileVersion version = DmsFileVersion.of(listed);
            if (manifest.hasConsumed(version)) {
                round.duplicates.add(object);
                continue;
            }
            fresh.add(new Candidate(object.key(), version));
            freshObjects.put(key, object);
        }
        round.quarantined = quarantined.size();

        TableFolder.Witness witness = folder.witness(manifest, notices, settings.dmsWriterPrincipal().isPresent());
        if (witness.unexplainedLoss() && !fresh.isEmpty()) {
            if (!Objects.equals(manifests.read(table.schema(), table.table()).map(VersionedManifest::etag).orElse(null), read.etag())) {
                // A concurrent commit chose another witness and deleted this one: read again.
                throw new ManifestConflictException(settings.paths().manifest(table.schema(), table.table()));
            }
            // DMS may have cleared the folder and its removal notice is still on its way: placing files now could put
            // changes made after a TRUNCATE on top of the rows it removed.
            LOG.warn("{}.{}: the lake's witness file {} left the DMS folder without a removal notice yet; waiting for it before "
                    + "taking in {} file(s)", table.schema(), table.table(), manifest.witness().key(), fresh.size());
            round.postponed = objects;
            round.duplicates.clear();
            round.waiting = true;
            round.version = manifest.version();
            return round;
        }
        List<Long> clears = notices.stream().filter(RemovalNotice::byDms).map(RemovalNotice::at).toList();
        List<Candidate> known = new ArrayList<>(fresh);
        known.addAll(folder.pending(freshObjects.keySet()));
        EpochPlan plan = EpochPlanner.plan(table.schema() + "." + table.table(), manifest.epochs(), known, clears, manifest.version() + 1);
        boolean newEpochs = plan.epochs().size() > manifest.epochs().size();

        fresh.sort(Comparator.comparingLong((Candidate c) -> c.version().lastModified()).thenComparing(c -> c.key().key()));
        RoundBudget.Split<Candidate> split = RoundBudget.split(fresh, c -> folder.get(c.key().key()).size(),
                settings.roundInputBytes());
        round.postponed = split.postponed().stream().map(c -> freshObjects.get(c.key().key())).toList();
        if (!split.postponed().isEmpty()) {
            LOG.info("{}.{}: {} file(s) in this round, {} left for the next (round input budget {} MB)", table.schema(), table.table(),
                    split.taken().size(), split.postponed().size(), settings.roundInputBytes() >> 20);
        }

        TableSchema schema = manifest.columns() == null ? null : TableSchema.parse(manifest.columns());
        List<Downloaded> accepted = new ArrayList<>();
        for (Candidate candidate : split.taken()) {
            Downloaded file = download(candidate, plan.epochOf(candidate.key().key()), work, downloads);
            Optional<TableSchema> evolved = check(file, schema, table);
            if (evolved.isEmpty()) {
                quarantined.add(file.key.key());
                continue;
            }
            schema = evolved.get();
            accepted.add(file);
        }
        round.quarantined = quarantined.size();
        if (accepted.isEmpty() && !newEpochs && Objects.equals(witness.next(), manifest.witness())) {
            finishAfterCommit(manifest, partitionsOf(manifest, round.duplicates), deletions(manifest, folder, round.duplicates, List.of()),
                    List.of());
            round.version = manifest.version();
            return round;
        }

        List<String> uploaded = new ArrayList<>();
        try {
            commit(table, read, schema, accepted, plan, folder, witness, round, work, uploaded);
            return round;
        } catch (InputUnreadableException unreadable) {
            deleteAll(uploaded);
            if (accepted.stream().noneMatch(file -> file.key.key().equals(unreadable.input()))) {
                // Not a DMS file of this round but one of the lake's own committed files: never move those away.
                throw new IllegalStateException("a committed lake file of " + table.schema() + "." + table.table()
                        + " cannot be read (" + unreadable.getMessage() + "); restore it or rebuild the table from DMS", unreadable);
            }
            quarantine.quarantine(unreadable.input(), "its data cannot be decoded: " + unreadable.getCause().getMessage(),
                    "The file is corrupt or truncated. Reload the table (DMS reload-target) or restore the file and copy it back.");
            quarantined.add(unreadable.input());
            return attempt(table, objects, notices, work, downloads, quarantined);
        } catch (ManifestConflictException conflict) {
            deleteAll(uploaded);
            throw conflict;
        }
    }

    private void commit(TableConfig table, VersionedManifest read, TableSchema schema, List<Downloaded> accepted, EpochPlan plan,
                        TableFolder folder, TableFolder.Witness witness, Round round, Path work, List<String> uploaded) {
        TableManifest manifest = read.manifest();
        long version = manifest.version() + 1;
        long now = clock.millis();
        TableEpoch target = plan.current();
        boolean newEpoch = target.number() > manifest.currentEpoch().number();
        ChangeCompactor compactor = new ChangeCompactor(settings.writer(), settings.targetFileBytes());
        Map<String, Map<Integer, List<Downloaded>>> byPartition = new TreeMap<>();
        for (Downloaded file : accepted) {
            byPartition.computeIfAbsent(file.key.partition(), p -> new TreeMap<>()).computeIfAbsent(file.epoch, e -> new ArrayList<>()).add(file);
        }
        Map<String, List<DataFile>> changes = new TreeMap<>(manifest.changes());
        List<GarbageFile> newGarbage = new ArrayList<>();
        List<Path> stateChanges = new ArrayList<>();
        long rows = 0;
        try {
            for (Map.Entry<String, Map<Integer, List<Downloaded>>> entry : byPartition.entrySet()) {
                String partition = entry.getKey();
                List<CompactedFile> compacted = new ArrayList<>();
                for (Map.Entry<Integer, List<Downloaded>> epoch : entry.getValue().entrySet()) {
                    List<ChangeInput> inputs = new ArrayList<>();
                    for (Downloaded file : epoch.getValue()) {
                        inputs.add(inEpoch(DmsChangeInputs.of(file.key, file.file, schema.changes()), schema.changes(), epoch.getKey()));
                    }
                    List<CompactedFile> written = compactor.compact(inputs, schema.changes(), newFile(work));
                    if (epoch.getKey() == target.number()) {
                        // Only the current epoch's changes make the current state; older epochs' are history.
                        written.forEach(c -> stateChanges.add(c.file()));
                    }
                    compacted.addAll(written);
                }
                rows += compacted.stream().mapToLong(CompactedFile::rows).sum();
                changes.put(partition, withCompacted(table, partition, changes.getOrDefault(partition, List.of()), compacted, compactor,
                        schema.changes(), version, now, newGarbage, work, uploaded));
            }
            faults.at(CommitStep.CHANGES_UPLOADED);

            Map<Integer, StateBucket> state = new TreeMap<>(manifest.state());
            if (newEpoch) {
                // A reload or a cleared folder: the rows of older epochs are not the table any more.
                state.values().forEach(bucket -> retire(bucket, version, now, newGarbage));
                state.clear();
                LOG.info("{}.{}: epoch {} ({}) begins; the current state starts over", table.schema(), table.table(), target.number(),
                        target.cause());
            }
            Map<Integer, Path> localTombstones = new HashMap<>();
            if (!stateChanges.isEmpty()) {
                CurrentStateMerger merger = new CurrentStateMerger(schema, table.primaryKey(), manifest.buckets(), settings.writer());
                ChangedKeys keys = merger.scan(stateChanges);
                Map<Integer, StateBucketFiles> previous = new TreeMap<>();
                for (int bucket : keys.touchedBuckets()) {
                    StateBucket old = state.get(bucket);
                    if (old != null) {
                        previous.put(bucket, new StateBucketFiles(fetch(old.live(), work), fetch(old.tombstones(), work)));
                    }
                }
                for (MergedBucket bucket : merger.merge(keys, previous, newFile(work))) {
                    StateBucket old = state.get(bucket.bucket());
                    String live = upload(bucket.live(), settings.paths().newStateFile(table.schema(), table.table(), bucket.bucket()), uploaded);
                    String dead = upload(bucket.tombstones(), settings.paths().newTombstoneFile(table.schema(), table.table(), bucket.bucket()),
                            uploaded);
                    state.put(bucket.bucket(), new StateBucket(live, bucket.liveRows(), dead, bucket.tombstoneRows()));
                    localTombstones.put(bucket.bucket(), bucket.tombstones());
                    if (old != null) {
                        retire(old, version, now, newGarbage);
                    }
                }
            }
            boolean sweep = now - manifest.lastSweep() >= settings.sweepEvery().toMillis();
            if (sweep) {
                Set<String> taken = new HashSet<>();
                accepted.forEach(file -> taken.add(file.key.key()));
                List<Candidate> waiting = folder.pending(taken).stream()
                        .filter(file -> plan.epochOf(file.key().key()) == target.number()).toList();
                pruneTombstones(table, state, localTombstones, tombstones.cutoff(table, target.number(), waiting, now), version, now,
                        newGarbage, work, uploaded);
            }
            faults.at(CommitStep.STATE_UPLOADED);

            List<TableEpoch> epochs = new ArrayList<>(plan.epochs());
            TableEpoch current = epochs.get(epochs.size() - 1);
            for (Downloaded file : accepted) {
                if (file.epoch == current.number()) {
                    current = current.withFileAt(file.version.lastModified());
                    if (file.key.kind() == DmsFileKind.FULL_LOAD) {
                        current = current.withLoad(file.key.loadCounter(), file.version);
                    }
                }
            }
            epochs.set(epochs.size() - 1, current);

            Map<String, ConsumedInput> consumed = new TreeMap<>();
            long retention = settings.consumedRetention().toMillis();
            manifest.consumed().forEach((id, input) -> {
                // A file still in the folder can still be announced again, however old its entry.
                if (input.committedAt() >= now - retention || folder.holds(id)) {
                    consumed.put(id, input);
                }
            });
            for (Downloaded file : accepted) {
                consumed.put(file.version.id(), new ConsumedInput(file.key.partition(), now, file.version.lastModified()));
            }
            DmsFileVersion nextWitness = witness.next();
            if (settings.dmsWriterPrincipal().isPresent()) {
                for (Downloaded file : accepted) {
                    if (nextWitness == null || file.version.lastModified() > nextWitness.lastModified()
                            || file.version.lastModified() == nextWitness.lastModified() && file.key.key().compareTo(nextWitness.key()) > 0) {
                        nextWitness = file.version;
                    }
                }
            }
            long graceMillis = settings.garbageGrace().toMillis();
            List<GarbageFile> keep = new ArrayList<>();
            List<GarbageFile> due = new ArrayList<>();
            for (GarbageFile garbage : concat(manifest.garbage(), newGarbage)) {
                (garbage.since() + graceMillis <= now ? due : keep).add(garbage);
            }
            TableManifest next = new TableManifest(version, table.schema(), table.table(), schema == null ? null : schema.text(),
                    manifest.primaryKey(), manifest.buckets(), changes, state, consumed, keep, sweep ? now : manifest.lastSweep(), epochs,
                    nextWitness);
            manifests.commit(read, next);
            faults.at(CommitStep.COMMITTED);
            LOG.info("{}.{}: committed version {} (epoch {}) with {} file(s), {} change row(s)", table.schema(), table.table(), version,
                    current.number(), accepted.size(), rows);

            Set<String> partitions = new TreeSet<>(byPartition.keySet());
            partitions.addAll(partitionsOf(next, round.duplicates));
            finishAfterCommit(next, partitions, deletions(next, folder, round.duplicates, accepted), due);
            if (sweep) {
                sweepUnreferenced(next, now);
            }
            round.version = version;
            round.committed = accepted.size();
            round.rows = rows;
        } catch (IOException e) {
            throw new UncheckedIOException("writing the lake files of " + table.schema() + "." + table.table() + " failed: " + e.getMessage(), e);
        }
    }

    /** A partition's files after adding {@code compacted}: when enough small files pile up, they are merged into target-size ones. */
    private List<DataFile> withCompacted(TableConfig table, String partition, List<DataFile> existing, List<CompactedFile> compacted,
                                         ChangeCompactor compactor, MessageType changesSchema, long version, long now,
                                         List<GarbageFile> newGarbage, Path work, List<String> uploaded) throws IOException {
        List<DataFile> parts = new ArrayList<>(existing);
        List<DataFile> small = parts.stream().filter(p -> p.bytes() < settings.targetFileBytes() / 2).toList();
        if (small.size() + compacted.size() >= settings.mergeFanIn()) {
            List<ChangeInput> toWrite = new ArrayList<>();
            for (DataFile part : small) {
                Path local = work.resolve(UUID.randomUUID() + ".parquet");
                if (store.download(part.key(), local).isEmpty()) {
                    // Committed files are deleted only after a later commit replaced them: the manifest moved on.
                    throw new ManifestConflictException(settings.paths().manifest(table.schema(), table.table()));
                }
                toWrite.add(new ChangeInput(part.key(), local, part.minSeq(), MissingColumn.NULLS));
                newGarbage.add(new GarbageFile(part.key(), partition, version, now));
            }
            parts.removeAll(small);
            for (CompactedFile file : compacted) {
                toWrite.add(new ChangeInput(file.file().toString(), file.file(), file.minSeq(), MissingColumn.NULLS));
            }
            compacted = compactor.compact(toWrite, changesSchema, newFile(work));
        }
        for (CompactedFile file : compacted) {
            String key = settings.paths().newChangesPart(table.schema(), table.table(), partition);
            store.upload(file.file(), key);
            uploaded.add(key);
            parts.add(new DataFile(key, file.rows(), file.bytes(), file.minSeq(), file.maxSeq()));
        }
        parts.sort(Comparator.comparingLong(DataFile::minSeq));
        return parts;
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

    private void pruneTombstones(TableConfig table, Map<Integer, StateBucket> state, Map<Integer, Path> localTombstones, long cutoff,
                                 long version, long now, List<GarbageFile> newGarbage, Path work, List<String> uploaded) throws IOException {
        for (Map.Entry<Integer, StateBucket> entry : new ArrayList<>(state.entrySet())) {
            StateBucket bucket = entry.getValue();
            if (bucket.tombstones() == null) {
                continue;
            }
            Path local = localTombstones.containsKey(entry.getKey()) ? localTombstones.get(entry.getKey()) : fetch(bucket.tombstones(), work);
            TombstonePruner.Pruned pruned = TombstonePruner.prune(local, cutoff, settings.writer(), newFile(work));
            if (!pruned.changed()) {
                continue;
            }
            String key = upload(pruned.file(), settings.paths().newTombstoneFile(table.schema(), table.table(), entry.getKey()), uploaded);
            state.put(entry.getKey(), new StateBucket(bucket.live(), bucket.liveRows(), key, pruned.kept()));
            if (!uploaded.contains(bucket.tombstones())) {
                newGarbage.add(new GarbageFile(bucket.tombstones(), TableManifest.CURRENT, version, now));
            } else {
                // Written by this very round and replaced before anyone saw it.
                uploaded.remove(bucket.tombstones());
                store.delete(bucket.tombstones());
            }
            LOG.info("{}.{}: bucket {} dropped {} tombstone(s) no late change can need", table.schema(), table.table(), entry.getKey(),
                    pruned.dropped());
        }
    }

    private static void retire(StateBucket bucket, long version, long now, List<GarbageFile> garbage) {
        if (bucket.live() != null) {
            garbage.add(new GarbageFile(bucket.live(), TableManifest.CURRENT, version, now));
        }
        if (bucket.tombstones() != null) {
            garbage.add(new GarbageFile(bucket.tombstones(), TableManifest.CURRENT, version, now));
        }
    }

    /**
     * The DMS files to delete once {@code manifest} is committed: this round's, the duplicates, and any file the
     * manifest has consumed that a crash left behind, but never the witness.
     */
    private List<String> deletions(TableManifest manifest, TableFolder folder, List<IncomingObject> duplicates, List<Downloaded> accepted) {
        Set<String> keys = new LinkedHashSet<>();
        accepted.forEach(file -> keys.add(file.key.key()));
        duplicates.forEach(duplicate -> keys.add(duplicate.key().key()));
        keys.addAll(folder.takenIn(manifest));
        if (manifest.witness() != null) {
            keys.remove(manifest.witness().key());
        }
        return new ArrayList<>(keys);
    }

    /** The repeatable tail of a commit: publish, delete the inputs, delete replaced files (after their location moved on). */
    private void finishAfterCommit(TableManifest manifest, Set<String> partitions, List<String> inputs, List<GarbageFile> due) {
        if (manifest.version() > 0 && manifest.columns() != null) {
            catalog.ensureTables(manifest);
            catalog.ensurePartitions(manifest, partitions);
            for (String partition : partitions) {
                publisher.publishChanges(manifest, partition);
            }
            publisher.publishCurrent(manifest);
        }
        faults.at(CommitStep.PUBLISHED);
        deleteAll(inputs);
        faults.at(CommitStep.INPUTS_DELETED);
        for (GarbageFile garbage : due) {
            // Never delete a file a table location still lists: make sure it shows the version that replaced it.
            if (!TableManifest.CURRENT.equals(garbage.partition())) {
                publisher.publishChanges(manifest, garbage.partition());
            }
            store.delete(garbage.key());
        }
        faults.at(CommitStep.GARBAGE_DELETED);
    }

    /** Deletes data files no manifest references (left by crashed invocations) once they are old enough to be no one's. */
    private void sweepUnreferenced(TableManifest manifest, long now) {
        Set<String> referenced = new HashSet<>();
        manifest.changes().values().forEach(files -> files.forEach(f -> referenced.add(f.key())));
        manifest.state().values().forEach(b -> {
            referenced.add(b.live());
            referenced.add(b.tombstones());
        });
        manifest.garbage().forEach(g -> referenced.add(g.key()));
        long cutoff = now - settings.sweepMinAge().toMillis();
        for (S3Store.Listed object : store.list(settings.paths().dataPrefix(manifest.schema(), manifest.table()))) {
            if (!referenced.contains(object.key()) && object.lastModified().toEpochMilli() < cutoff) {
                store.delete(object.key());
            }
        }
    }

    /** The table's columns after {@code file}, or empty when the file was quarantined. */
    private Optional<TableSchema> check(Downloaded file, TableSchema current, TableConfig table) {
        DmsObjectKey key = file.key;
        MessageType fileSchema;
        long rows;
        try {
            ParquetBatchReader.Footer footer = ParquetBatchReader.footer(file.file);
            fileSchema = footer.schema();
            rows = footer.rows();
        } catch (IOException | RuntimeException e) {
            quarantine.quarantine(key.key(), "it is not a readable Parquet file (" + e.getMessage() + ")",
                    "The file is truncated or corrupt. Reload the table (DMS reload-target) or restore the file and copy it back.");
            return Optional.empty();
        }
        boolean hasOp = !fileSchema.getFields().isEmpty() && fileSchema.getFields().get(0).getName().equals(TableSchema.OP);
        if (key.kind() == DmsFileKind.CDC && !hasOp) {
            quarantine.quarantine(key.key(), "it is a CDC file without the Op column first",
                    "Write CDC with the Op column (do not set CdcInsertsOnly / CdcInsertsAndUpdates on the DMS endpoint).");
            return Optional.empty();
        }
        if (rows > ChangeSequence.maxRows(key.firstSeq())) {
            quarantine.quarantine(key.key(), "it holds " + rows + " rows, more than the lake numbers in one file ("
                    + ChangeSequence.maxRows(key.firstSeq()) + ")", "Lower the DMS endpoint's CdcMinFileSize / MaxFileSize.");
            return Optional.empty();
        }
        TableSchema incoming;
        try {
            incoming = TableSchema.fromDmsFile(fileSchema);
        } catch (IllegalArgumentException e) {
            quarantine.quarantine(key.key(), e.getMessage(), "Only flat tables are supported; exclude the table from the DMS task.");
            return Optional.empty();
        }
        for (String column : table.primaryKey()) {
            if (!incoming.columns().containsField(column)) {
                quarantine.quarantine(key.key(), "it has no primary key column " + column + " (configured for " + key.qualifiedTable() + ")",
                        "Fix the key in LAKE_TABLES, or include the column in the DMS task's table mapping.");
                return Optional.empty();
            }
        }
        if (current == null) {
            return Optional.of(incoming);
        }
        SchemaComparison comparison = current.compare(incoming);
        if (comparison.verdict() == SchemaComparison.Verdict.INCOMPATIBLE) {
            quarantine.quarantine(key.key(), "its columns do not match the table's: " + String.join("; ", comparison.details()),
                    "The source table changed incompatibly mid-stream. Reload the table with DMS (reload-target) after "
                            + "deleting its lake/ manifest and data, or undo the change on the source.");
            return Optional.empty();
        }
        if (comparison.verdict() == SchemaComparison.Verdict.COLUMNS_ADDED) {
            LOG.info("{}: {}", key.qualifiedTable(), String.join("; ", comparison.details()));
        }
        return Optional.of(comparison.evolved());
    }

    private Set<String> partitionsOf(TableManifest manifest, List<IncomingObject> duplicates) {
        Set<String> partitions = new TreeSet<>();
        for (IncomingObject duplicate : duplicates) {
            partitions.add(duplicate.key().partition());
        }
        partitions.retainAll(manifest.changes().keySet());
        return partitions;
    }

    /** The candidate's file, downloaded once per round; the object must still be the write that was listed. */
    private Downloaded download(Candidate candidate, int epoch, Path work, Map<String, Downloaded> downloads) {
        String key = candidate.key().key();
        Downloaded known = downloads.get(key);
        if (known != null && known.version.sameAs(candidate.version())) {
            return known.inEpoch(candidate.key().inEpoch(epoch), epoch);
        }
        Path local = work.resolve(UUID.randomUUID() + ".parquet");
        Optional<S3Store.Fetched> fetched = store.fetch(key, local);
        if (fetched.isEmpty() || !DmsFileVersion.of(key, fetched.get()).sameAs(candidate.version())) {
            // Deleted (taken in by a concurrent call) or written again since the listing: look again.
            throw new ManifestConflictException(key);
        }
        if (known != null) {
            known.file.toFile().delete();
        }
        Downloaded file = new Downloaded(candidate.key().inEpoch(epoch), candidate.version(), local, epoch);
        downloads.put(key, file);
        return file;
    }

    private Path fetch(String key, Path work) {
        if (key == null) {
            return null;
        }
        Path local = work.resolve(UUID.randomUUID() + ".parquet");
        if (store.download(key, local).isEmpty()) {
            // Committed files are deleted only after a later commit replaced them: the manifest moved on.
            throw new ManifestConflictException(key);
        }
        return local;
    }

    private String upload(Path file, String key, List<String> uploaded) {
        if (file == null) {
            return null;
        }
        store.upload(file, key);
        uploaded.add(key);
        return key;
    }

    private void deleteAll(List<String> keys) {
        for (String key : keys) {
            store.delete(key);
        }
    }

    private static dmsrunbook.lake.compaction.OutputFiles newFile(Path work) {
        return () -> work.resolve(UUID.randomUUID() + ".parquet");
    }

    static String inputId(String key, String etag) {
        return key + "#" + etag;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private Path createWorkDir() {
        try {
            Files.createDirectories(settings.workDir());
            return Files.createTempDirectory(settings.workDir(), "lake-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory in " + settings.workDir() + " (LAKE_WORK_DIR)", e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not clean {}: {}", dir, e.getMessage());
        }
    }

    private static void sleepJitter(int attempt) {
        try {
            Thread.sleep((long) (Math.random() * 50 * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A DMS file of this round, downloaded, numbered for the epoch it belongs to. */
    private record Downloaded(DmsObjectKey key, DmsFileVersion version, Path file, int epoch) {

        Downloaded inEpoch(DmsObjectKey numbered, int number) {
            return new Downloaded(numbered, version, file, number);
        }
    }

    /** What one round did. */
    private static final class Round {
        final List<IncomingObject> duplicates = new ArrayList<>();
        List<IncomingObject> postponed = List.of();
        boolean waiting;
        long version;
        int committed;
        int quarantined;
        int missing;
        long rows;
        int attempts;
    }

    /** The rounds of one ingest, added up. */
    private static final class Tally {
        long version;
        int committed;
        int duplicates;
        int quarantined;
        int missing;
        long rows;
        int attempts;
        int rounds;

        void add(Round round) {
            version = round.version;
            committed += round.committed;
            duplicates += round.duplicates.size();
            quarantined += round.quarantined;
            missing += round.missing;
            rows += round.rows;
            attempts += round.attempts;
            rounds++;
        }

        IngestResult result(List<IncomingObject> deferred) {
            return new IngestResult(version, committed, duplicates, quarantined, missing, rows, attempts, rounds,
                    deferred.stream().map(o -> o.key().key()).toList());
        }
    }
}
