package dmsrunbook.lake.commit;

import dmsrunbook.lake.LakeSettings;
import dmsrunbook.lake.catalog.GlueCatalog;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 * duplicate, reordered or concurrent deliveries (see {@code COMMIT-PROTOCOL.md}):
 * <ol>
 * <li>read the manifest and its ETag; drop files it already lists as consumed (duplicates);</li>
 * <li>download and check the rest; quarantine the unreadable and incompatible;</li>
 * <li>write the compacted changes and the touched current-state buckets as new, uniquely named objects;</li>
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
    }

    /** Takes {@code objects} (all of one table) in; returns once they are committed, published and deleted. */
    public IngestResult ingest(TableConfig table, List<IncomingObject> objects) {
        Path work = createWorkDir();
        try {
            Map<String, Downloaded> downloads = new HashMap<>();
            Set<String> quarantined = new HashSet<>();
            for (int attempt = 1; ; attempt++) {
                try {
                    return attempt(table, objects, work, downloads, quarantined, attempt);
                } catch (ManifestConflictException conflict) {
                    if (attempt >= MAX_ATTEMPTS) {
                        throw new CommitContendedException(table, attempt);
                    }
                    LOG.info("{}.{}: another invocation committed first; redoing (attempt {})", table.schema(), table.table(), attempt + 1);
                    sleepJitter(attempt);
                }
            }
        } finally {
            deleteRecursively(work);
        }
    }

    private IngestResult attempt(TableConfig table, List<IncomingObject> objects, Path work, Map<String, Downloaded> downloads,
                                 Set<String> quarantined, int attempt) {
        VersionedManifest read = manifests.read(table.schema(), table.table())
                .orElse(new VersionedManifest(TableManifest.empty(table.schema(), table.table(), table.primaryKey(), table.buckets()), null));
        TableManifest manifest = read.manifest();
        long now = clock.millis();

        List<IncomingObject> duplicates = new ArrayList<>();
        List<Downloaded> fresh = new ArrayList<>();
        int missing = 0;
        for (IncomingObject object : objects) {
            String key = object.key().key();
            if (quarantined.contains(key)) {
                continue;
            }
            if (object.etag() != null && manifest.hasConsumed(inputId(key, object.etag()))) {
                duplicates.add(object);
                continue;
            }
            Downloaded local = downloads.computeIfAbsent(key, k -> download(object, work));
            if (local.etag == null) {
                missing++;
                continue;
            }
            if (manifest.hasConsumed(local.id())) {
                duplicates.add(object);
                continue;
            }
            fresh.add(local);
        }
        if (fresh.isEmpty()) {
            finishAfterCommit(manifest, partitionsOf(manifest, duplicates), duplicates.stream().map(o -> o.key().key()).toList(),
                    List.of());
            return new IngestResult(manifest.version(), 0, duplicates.size(), quarantined.size(), missing, 0, attempt);
        }

        TableSchema schema = manifest.columns() == null ? null : TableSchema.parse(manifest.columns());
        List<Downloaded> accepted = new ArrayList<>();
        fresh.sort((a, b) -> Long.compare(a.object.key().firstSeq(), b.object.key().firstSeq()));
        for (Downloaded file : fresh) {
            Optional<TableSchema> evolved = check(file, schema, table);
            if (evolved.isEmpty()) {
                quarantined.add(file.object.key().key());
                continue;
            }
            schema = evolved.get();
            accepted.add(file);
        }
        if (accepted.isEmpty()) {
            return new IngestResult(manifest.version(), 0, duplicates.size(), quarantined.size(), missing, 0, attempt);
        }

        List<String> uploaded = new ArrayList<>();
        try {
            return commit(table, read, schema, accepted, duplicates, work, uploaded, now, attempt, quarantined.size(), missing);
        } catch (InputUnreadableException unreadable) {
            deleteAll(uploaded);
            if (accepted.stream().noneMatch(file -> file.object.key().key().equals(unreadable.input()))) {
                // Not a DMS file of this round but one of the lake's own committed files: never move those away.
                throw new IllegalStateException("a committed lake file of " + table.schema() + "." + table.table()
                        + " cannot be read (" + unreadable.getMessage() + "); restore it or rebuild the table from DMS", unreadable);
            }
            quarantine.quarantine(unreadable.input(), "its data cannot be decoded: " + unreadable.getCause().getMessage(),
                    "The file is corrupt or truncated. Reload the table (DMS reload-target) or restore the file and copy it back.");
            quarantined.add(unreadable.input());
            return attempt(table, objects, work, downloads, quarantined, attempt);
        } catch (ManifestConflictException conflict) {
            deleteAll(uploaded);
            throw conflict;
        }
    }

    private IngestResult commit(TableConfig table, VersionedManifest read, TableSchema schema, List<Downloaded> accepted,
                                List<IncomingObject> duplicates, Path work, List<String> uploaded, long now, int attempt,
                                int quarantinedCount, int missing) {
        TableManifest manifest = read.manifest();
        long version = manifest.version() + 1;
        ChangeCompactor compactor = new ChangeCompactor(settings.writer(), settings.targetFileBytes());
        MessageType changesSchema = schema.changes();
        Map<String, List<Downloaded>> byPartition = new TreeMap<>();
        for (Downloaded file : accepted) {
            byPartition.computeIfAbsent(file.object.key().partition(), p -> new ArrayList<>()).add(file);
        }
        Map<String, List<DataFile>> changes = new TreeMap<>(manifest.changes());
        List<GarbageFile> newGarbage = new ArrayList<>();
        List<Path> roundChanges = new ArrayList<>();
        long rows = 0;
        try {
            for (Map.Entry<String, List<Downloaded>> entry : byPartition.entrySet()) {
                String partition = entry.getKey();
                List<ChangeInput> inputs = new ArrayList<>();
                for (Downloaded file : entry.getValue()) {
                    inputs.add(DmsChangeInputs.of(file.object.key(), file.file, changesSchema));
                }
                List<CompactedFile> compacted = compactor.compact(inputs, changesSchema, newFile(work));
                compacted.forEach(c -> roundChanges.add(c.file()));
                rows += compacted.stream().mapToLong(CompactedFile::rows).sum();
                List<DataFile> parts = new ArrayList<>(changes.getOrDefault(partition, List.of()));
                List<DataFile> small = parts.stream().filter(p -> p.bytes() < settings.targetFileBytes() / 2).toList();
                List<ChangeInput> toWrite = new ArrayList<>();
                if (small.size() + compacted.size() >= settings.mergeFanIn()) {
                    // Enough small files in the partition: merge them with the new ones into target-size files.
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
                parts.sort((a, b) -> Long.compare(a.minSeq(), b.minSeq()));
                changes.put(partition, parts);
            }
            faults.at(CommitStep.CHANGES_UPLOADED);

            CurrentStateMerger merger = new CurrentStateMerger(schema, table.primaryKey(), manifest.buckets(), settings.writer());
            ChangedKeys keys = merger.scan(roundChanges);
            Map<Integer, StateBucketFiles> previous = new TreeMap<>();
            for (int bucket : keys.touchedBuckets()) {
                StateBucket old = manifest.state().get(bucket);
                if (old != null) {
                    previous.put(bucket, new StateBucketFiles(fetch(old.live(), work), fetch(old.tombstones(), work)));
                }
            }
            List<MergedBucket> merged = merger.merge(keys, previous, newFile(work));
            Map<Integer, StateBucket> state = new TreeMap<>(manifest.state());
            for (MergedBucket bucket : merged) {
                StateBucket old = state.get(bucket.bucket());
                String live = upload(bucket.live(), settings.paths().newStateFile(table.schema(), table.table(), bucket.bucket()), uploaded);
                String dead = upload(bucket.tombstones(), settings.paths().newTombstoneFile(table.schema(), table.table(), bucket.bucket()), uploaded);
                state.put(bucket.bucket(), new StateBucket(live, bucket.liveRows(), dead, bucket.tombstoneRows()));
                if (old != null && old.live() != null) {
                    newGarbage.add(new GarbageFile(old.live(), TableManifest.CURRENT, version, now));
                }
                if (old != null && old.tombstones() != null) {
                    newGarbage.add(new GarbageFile(old.tombstones(), TableManifest.CURRENT, version, now));
                }
            }
            faults.at(CommitStep.STATE_UPLOADED);

            Map<String, ConsumedInput> consumed = new TreeMap<>();
            manifest.consumed().forEach((id, input) -> {
                if (input.committedAt() >= now - settings.consumedRetention().toMillis()) {
                    consumed.put(id, input);
                }
            });
            for (Downloaded file : accepted) {
                consumed.put(file.id(), new ConsumedInput(file.object.key().partition(), now));
            }
            long graceMillis = settings.garbageGrace().toMillis();
            List<GarbageFile> keep = new ArrayList<>();
            List<GarbageFile> due = new ArrayList<>();
            for (GarbageFile garbage : concat(manifest.garbage(), newGarbage)) {
                (garbage.since() + graceMillis <= now ? due : keep).add(garbage);
            }
            boolean sweep = now - manifest.lastSweep() >= settings.sweepEvery().toMillis();
            TableManifest next = new TableManifest(version, table.schema(), table.table(), schema.text(), manifest.primaryKey(),
                    manifest.buckets(), changes, state, consumed, keep, sweep ? now : manifest.lastSweep());
            manifests.commit(read, next);
            faults.at(CommitStep.COMMITTED);
            LOG.info("{}.{}: committed version {} with {} file(s), {} change row(s)", table.schema(), table.table(), version,
                    accepted.size(), rows);

            List<String> inputs = new ArrayList<>(accepted.stream().map(f -> f.object.key().key()).toList());
            duplicates.forEach(d -> inputs.add(d.key().key()));
            Set<String> partitions = new TreeSet<>(byPartition.keySet());
            partitions.addAll(partitionsOf(next, duplicates));
            finishAfterCommit(next, partitions, inputs, due);
            if (sweep) {
                sweepUnreferenced(next, now);
            }
            return new IngestResult(version, accepted.size(), duplicates.size(), quarantinedCount, missing, rows, attempt);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the lake files of " + table.schema() + "." + table.table() + " failed: " + e.getMessage(), e);
        }
    }

    /** The repeatable tail of a commit: publish, delete the inputs, delete replaced files (after their location moved on). */
    private void finishAfterCommit(TableManifest manifest, Set<String> partitions, List<String> inputs, List<GarbageFile> due) {
        if (manifest.version() > 0) {
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
        DmsObjectKey key = file.object.key();
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

    private Downloaded download(IncomingObject object, Path work) {
        Path local = work.resolve(UUID.randomUUID() + ".parquet");
        Optional<String> etag = store.download(object.key().key(), local);
        return new Downloaded(object, local, etag.orElse(null));
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

    private static Path createWorkDir() {
        try {
            return Files.createTempDirectory("lake-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory in " + System.getProperty("java.io.tmpdir"), e);
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

    private static final class Downloaded {
        final IncomingObject object;
        final Path file;
        final String etag;

        Downloaded(IncomingObject object, Path file, String etag) {
            this.object = object;
            this.file = file;
            this.etag = etag;
        }

        String id() {
            return inputId(object.key().key(), etag);
        }
    }

}
