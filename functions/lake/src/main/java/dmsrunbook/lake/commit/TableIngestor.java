package dmsrunbook.lake.commit;

import dmsrunbook.lake.LakeSettings;
import dmsrunbook.lake.catalog.GlueCatalog;
import dmsrunbook.lake.compaction.InputUnreadableException;
import dmsrunbook.lake.parquet.ParquetBatchReader;
import dmsrunbook.lake.quarantine.Quarantine;
import dmsrunbook.lake.schema.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a table's new DMS files into the lake with a commit protocol that survives a crash at any step and
 * duplicate, reordered or concurrent deliveries (see {@code COMMIT-PROTOCOL.md}), in rounds of at most
 * {@code LAKE_ROUND_INPUT_MB} of input each. It does the I/O; {@link IngestPlanner} takes every decision:
 * <ol>
 * <li>read the manifest and its ETag, list the table's DMS folder, and plan the round;</li>
 * <li>download the round's files and check them ({@link InputCheck}); quarantine the unreadable and incompatible;</li>
 * <li>write the compacted changes and the current state as new, uniquely named objects ({@link RoundWriter});</li>
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
    private final IngestPlanner planner;
    private final RoundWriter writer;

    /**
     * The lake's services a table's ingest works with.
     *
     * @param store      the bucket
     * @param manifests  the tables' manifests
     * @param publisher  the symlink manifests Athena reads
     * @param catalog    the Glue tables
     * @param quarantine where bad DMS files go
     */
    public record Services(S3Store store, ManifestStore manifests, TablePublisher publisher, GlueCatalog catalog, Quarantine quarantine) {
    }

    /** An ingestor with {@code services}, deciding by {@code settings}; {@code faults} and {@code clock} are for tests. */
    public TableIngestor(Services services, LakeSettings settings, CommitFaults faults, Clock clock) {
        this.store = services.store();
        this.manifests = services.manifests();
        this.publisher = services.publisher();
        this.catalog = services.catalog();
        this.quarantine = services.quarantine();
        this.settings = settings;
        this.faults = faults;
        this.clock = clock;
        this.planner = new IngestPlanner(settings);
        this.writer = new RoundWriter(store, settings, planner, faults);
    }

    /**
     * Takes {@code batch} in, round after round while another round fits before {@code deadlineMillis}; what is left
     * is in {@link IngestResult#deferred()}, for a later delivery.
     */
    public IngestResult ingest(TableBatch batch, long deadlineMillis) {
        Tally tally = new Tally();
        RoundInputs inputs = new RoundInputs(batch.created(), batch.removed(), Set.of());
        long longestRound = 0;
        while (true) {
            long started = clock.millis();
            RoundOutcome round = round(batch.table(), inputs);
            tally.add(round);
            // Removals are placed by the first round; the files it defers are all that is left.
            inputs = new RoundInputs(round.plan().deferred(), List.of(), Set.of());
            longestRound = Math.max(longestRound, clock.millis() - started);
            if (inputs.created().isEmpty() || round.plan().waitsForRemoval()
                    || !RoundBudget.anotherRoundFits(clock.millis(), longestRound, deadlineMillis)) {
                return tally.result(inputs.created(), round.plan().waitsForRemoval());
            }
        }
    }

    /** One round in a work folder of its own, attempted again (up to {@value #MAX_ATTEMPTS} times) when another call commits first. */
    private RoundOutcome round(TableConfig table, RoundInputs inputs) {
        try (RoundScratch scratch = RoundScratch.in(settings.workDir())) {
            Set<String> setAside = new HashSet<>();
            for (int attempt = 1; ; attempt++) {
                try {
                    return attempt(table, inputs, setAside, scratch).withAttempts(attempt);
                } catch (ManifestConflictException conflict) {
                    if (attempt >= MAX_ATTEMPTS) {
                        throw new CommitContendedException(table, attempt);
                    }
                    LOG.info("{}.{}: another invocation committed first, or a file changed; redoing (attempt {})", table.schema(),
                            table.table(), attempt + 1);
                    sleepJitter(attempt);
                }
            }
        }
    }

    /** Steps 1 to 8 once, from a fresh read; {@code setAside} collects what the round quarantines. */
    private RoundOutcome attempt(TableConfig table, RoundInputs inputs, Set<String> setAside, RoundScratch scratch) {
        TableSnapshot snapshot = read(table);
        RoundPlan plan = planner.planRound(snapshot, new RoundInputs(inputs.created(), inputs.removed(), setAside));
        if (plan.waitsForRemoval()) {
            if (!Objects.equals(manifests.read(table.schema(), table.table()).map(VersionedManifest::etag).orElse(null), snapshot.read().etag())) {
                // A concurrent commit chose another witness and deleted this one: read again.
                throw new ManifestConflictException(settings.paths().manifest(table.schema(), table.table()));
            }
            LOG.warn("{}: the lake's witness file {} left the DMS folder without a removal notice yet; waiting for it before "
                    + "taking in the {} file(s) announced", snapshot.name(), snapshot.manifest().witness().key(), plan.deferred().size());
            return new RoundOutcome(plan, snapshot.manifest().version(), 0, 0, setAside.size(), 1);
        }
        if (!plan.deferred().isEmpty()) {
            LOG.info("{}: {} file(s) in this round, {} left for the next (round input budget {} MB)", snapshot.name(), plan.taken().size(),
                    plan.deferred().size(), settings.roundInputBytes() >> 20);
        }
        Checked checked = downloadAndCheck(plan, setAside, scratch);
        if (!planner.needsCommit(plan, checked.accepted())) {
            finish(planner.withoutCommit(plan));
            return new RoundOutcome(plan, snapshot.manifest().version(), 0, 0, setAside.size(), 1);
        }
        WritePlan write = planner.writes(plan, checked.accepted(), checked.schema(), clock.millis());
        CommitPlan commit;
        long rows;
        try {
            RoundOutput output = writer.write(write, scratch);
            rows = output.rows();
            commit = planner.commit(write, output);
            manifests.commit(snapshot.read(), commit.next());
        } catch (InputUnreadableException unreadable) {
            deleteAll(scratch.takeUploaded());
            setAsideUnreadable(plan, unreadable, setAside);
            return attempt(table, inputs, setAside, scratch);
        } catch (ManifestConflictException conflict) {
            deleteAll(scratch.takeUploaded());
            throw conflict;
        } catch (IOException e) {
            throw new UncheckedIOException("writing the lake files of " + snapshot.name() + " failed: " + e.getMessage(), e);
        }
        // Committed: what this attempt uploaded belongs to the manifest now, whatever happens next.
        scratch.takeUploaded();
        faults.at(CommitStep.COMMITTED);
        LOG.info("{}: committed version {} (epoch {}) with {} file(s), {} change row(s)", snapshot.name(), commit.next().version(),
                commit.next().currentEpoch().number(), write.accepted().size(), rows);
        finish(commit);
        if (commit.sweep()) {
            sweepUnreferenced(commit.next(), write.now());
        }
        return new RoundOutcome(plan, commit.next().version(), write.accepted().size(), rows, setAside.size(), 1);
    }

    /** Step 1: the manifest (none yet: an empty one) and then the table's DMS folder. */
    private TableSnapshot read(TableConfig table) {
        VersionedManifest read = manifests.read(table.schema(), table.table()).orElse(TableSnapshot.noManifest(table));
        return TableSnapshot.of(table, read, store.list(TableFolder.prefix(settings.dms(), table)), settings.dms());
    }

    /** Step 2: downloads the round's files and checks each; quarantines those the check sets aside. */
    private Checked downloadAndCheck(RoundPlan plan, Set<String> setAside, RoundScratch scratch) {
        TableManifest manifest = plan.manifest();
        TableSchema schema = manifest.columns() == null ? null : TableSchema.parse(manifest.columns());
        List<RoundFile> accepted = new ArrayList<>();
        for (RoundFile file : plan.taken()) {
            InputCheck.Verdict verdict = check(file, download(file, scratch), schema, plan.table().table());
            if (!verdict.accepted()) {
                quarantine.quarantine(file.key().key(), verdict.problem(), verdict.fix());
                setAside.add(file.key().key());
                continue;
            }
            if (!verdict.notes().isEmpty()) {
                LOG.info("{}: {}", file.key().qualifiedTable(), String.join("; ", verdict.notes()));
            }
            schema = verdict.schema();
            accepted.add(file);
        }
        return new Checked(accepted, schema);
    }

    private static InputCheck.Verdict check(RoundFile file, Path local, TableSchema schema, TableConfig table) {
        ParquetBatchReader.Footer footer;
        try {
            footer = ParquetBatchReader.footer(local);
        } catch (IOException | RuntimeException e) {
            return InputCheck.unreadable(e);
        }
        return InputCheck.of(file.key(), footer, schema, table.primaryKey());
    }

    /** The file's local copy, downloaded once per round; the object must still be the write that was listed. */
    private Path download(RoundFile file, RoundScratch scratch) {
        String key = file.key().key();
        Path known = scratch.downloaded(key, file.version());
        if (known != null) {
            return known;
        }
        Path local = scratch.newFile();
        Optional<S3Store.Fetched> fetched = store.fetch(key, local);
        if (fetched.isEmpty() || !DmsFileVersion.of(key, fetched.get()).sameAs(file.version())) {
            // Deleted (taken in by a concurrent call) or written again since the listing: look again.
            throw new ManifestConflictException(key);
        }
        scratch.keep(key, file.version(), local);
        return local;
    }

    /** A DMS file of the round whose data cannot be decoded goes to quarantine; a committed lake file never does. */
    private void setAsideUnreadable(RoundPlan plan, InputUnreadableException unreadable, Set<String> setAside) {
        if (plan.taken().stream().noneMatch(file -> file.key().key().equals(unreadable.input()))) {
            // Not a DMS file of this round but one of the lake's own committed files: never move those away.
            throw new IllegalStateException("a committed lake file of " + plan.table().name() + " cannot be read (" + unreadable.getMessage()
                    + "); restore it or rebuild the table from DMS", unreadable);
        }
        quarantine.quarantine(unreadable.input(), "its data cannot be decoded: " + unreadable.getCause().getMessage(),
                "The file is corrupt or truncated. Reload the table (DMS reload-target) or restore the file and copy it back.");
        setAside.add(unreadable.input());
    }

    /** Steps 6 to 8, the repeatable tail of a commit: publish, delete the inputs, delete replaced files (after their location moved on). */
    private void finish(CommitPlan plan) {
        TableManifest manifest = plan.next();
        if (manifest.version() > 0 && manifest.columns() != null) {
            catalog.ensureTables(manifest);
            catalog.ensurePartitions(manifest, plan.partitions());
            for (String partition : plan.partitions()) {
                publisher.publishChanges(manifest, partition);
            }
            publisher.publishCurrent(manifest);
        }
        faults.at(CommitStep.PUBLISHED);
        deleteAll(plan.inputs());
        faults.at(CommitStep.INPUTS_DELETED);
        for (GarbageFile garbage : plan.garbage()) {
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
        deleteAll(planner.unreferenced(manifest, store.list(settings.paths().dataPrefix(manifest.schema(), manifest.table())), now));
    }

    private void deleteAll(List<String> keys) {
        for (String key : keys) {
            store.delete(key);
        }
    }

    private static void sleepJitter(int attempt) {
        try {
            Thread.sleep((long) (Math.random() * 50 * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A round's files that passed their checks.
     *
     * @param accepted the files, in the order taken
     * @param schema   the table's columns after them
     */
    private record Checked(List<RoundFile> accepted, TableSchema schema) {
    }

    /**
     * What one round did.
     *
     * @param plan        its plan (duplicates, missing, deferred, waiting)
     * @param version     the manifest version committed, or found when there was nothing new
     * @param committed   files taken in
     * @param rows        change rows taken in
     * @param quarantined files set aside
     * @param attempts    attempts it took
     */
    private record RoundOutcome(RoundPlan plan, long version, int committed, long rows, int quarantined, int attempts) {

        RoundOutcome withAttempts(int count) {
            return new RoundOutcome(plan, version, committed, rows, quarantined, count);
        }
    }

    /** The rounds of one ingest, added up. */
    private static final class Tally {
        private long version;
        private int committed;
        private int duplicates;
        private int quarantined;
        private int missing;
        private long rows;
        private int attempts;
        private int rounds;

        void add(RoundOutcome round) {
            version = round.version();
            committed += round.committed();
            duplicates += round.plan().duplicates().size();
            quarantined += round.quarantined();
            missing += round.plan().missing();
            rows += round.rows();
            attempts += round.attempts();
            rounds++;
        }

        IngestResult result(List<IncomingObject> deferred, boolean waiting) {
            return new IngestResult(version, committed, duplicates, quarantined, missing, rows, attempts, rounds,
                    deferred.stream().map(o -> o.key().key()).toList(), waiting);
        }
    }
}
