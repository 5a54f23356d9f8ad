package dmsrunbook.lake.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dmsrunbook.lake.LakeSettings;
import dmsrunbook.lake.layout.ChangeSequence;
import dmsrunbook.lake.layout.DmsLayout;
import dmsrunbook.lake.schema.TableSchema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The commit protocol's decisions, on in-memory manifests, folder listings and notices: what a round takes in and
 * in which epoch, and what the next manifest is. Each "given" state is what the planner itself committed before.
 */
class IngestPlannerTest {

    private static final TableConfig ORDERS = new TableConfig("public", "orders", List.of("id"), 2);
    private static final String T = "dms/public/orders/";
    private static final TableSchema COLUMNS = TableSchema.parse("message table { optional int64 id; optional binary name (STRING); }");
    private static final long NOW = Instant.parse("2026-11-22T12:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;

    private final LakeSettings settings = settings(Map.of());
    private final IngestPlanner planner = new IngestPlanner(settings);

    // -- first load ------------------------------------------------------------------------------------------------

    @Test
    void firstLoad_takesEveryLoadFileInEpochOne_andCommitsVersionOne() {
        // GIVEN a table with no manifest yet and DMS's two LOAD files in its folder
        S3Store.Listed load1 = listed("LOAD00000001.parquet", "a1", 100, 500);
        S3Store.Listed load2 = listed("LOAD00000002.parquet", "a2", 101, 500);
        TableSnapshot table = snapshot(TableSnapshot.noManifest(ORDERS).manifest(), load1, load2);

        // WHEN their notifications arrive
        RoundPlan round = planner.planRound(table, announced(load2, load1));

        // THEN both are taken in, oldest first, in epoch 1, and nothing is a duplicate or left over
        assertThat(round.taken()).extracting(f -> f.key().key(), RoundFile::epoch).containsExactly(
                tuple(load1.key(), 1), tuple(load2.key(), 1));
        assertThat(round.duplicates()).isEmpty();
        assertThat(round.deferred()).isEmpty();
        assertThat(round.waitsForRemoval()).isFalse();
        assertThat(round.beginsEpoch()).isFalse();
        assertThat(planner.needsCommit(round, round.taken())).isTrue();

        // WHEN the round writes their changes and a state bucket
        WritePlan write = planner.writes(round, round.taken(), COLUMNS, NOW);
        assertThat(write.compaction()).containsOnlyKeys("full-load");
        assertThat(write.compaction().get("full-load")).containsOnlyKeys(1);
        assertThat(write.startState()).isEmpty();
        CommitPlan commit = planner.commit(write, output(Map.of("full-load", added(changes("full-load/a", ChangeSequence.ofFullLoad(1)))),
                Map.of(0, new StateBucket("current/b0-a", 20, null, 0))));

        // THEN version 1 holds them, has consumed both writes and remembers the load's counters; the tail deletes both
        TableManifest next = commit.next();
        assertThat(commit.commit()).isTrue();
        assertThat(next.version()).isEqualTo(1);
        assertThat(next.columns()).isEqualTo(COLUMNS.text());
        assertThat(next.changes().get("full-load")).extracting(DataFile::key).containsExactly("full-load/a");
        assertThat(next.consumed()).containsOnlyKeys(load1.key() + "#a1", load2.key() + "#a2");
        assertThat(next.hasConsumed(DmsFileVersion.of(load1))).isTrue();
        assertThat(next.currentEpoch().loads()).containsOnlyKeys(1, 2);
        assertThat(next.currentEpoch().firstFileTime()).isEqualTo(100_000);
        assertThat(next.garbage()).isEmpty();
        assertThat(commit.partitions()).containsExactly("full-load");
        assertThat(commit.inputs()).containsExactly(load1.key(), load2.key());
        assertThat(commit.garbage()).isEmpty();
    }

    // -- incremental changes ---------------------------------------------------------------------------------------

    @Test
    void changesAfterTheLoad_areMergedIntoTheState_andTheReplacedStateFilesBecomeGarbage() {
        // GIVEN the loaded table (its LOAD files deleted) and a CDC file in the folder
        TableManifest loaded = loaded();
        S3Store.Listed cdc = listed("20261122-1100000000.parquet", "c1", 200, 300);

        // WHEN its notification arrives
        RoundPlan round = planner.planRound(snapshot(loaded, cdc), announced(cdc));

        // THEN it is taken in epoch 1, and the merge starts from the committed state
        assertThat(round.taken()).extracting(f -> f.key().key()).containsExactly(cdc.key());
        assertThat(round.nextVersion()).isEqualTo(2);
        WritePlan write = planner.writes(round, round.taken(), COLUMNS, NOW + MINUTE);
        assertThat(write.compaction()).containsOnlyKeys("2026-11-22");
        assertThat(write.startState()).isEqualTo(loaded.state());
        assertThat(write.sweep()).as("swept an hour ago").isFalse();

        // WHEN it wrote a changes file and replaced state bucket 0
        CommitPlan commit = planner.commit(write, output(Map.of("2026-11-22", added(changes("2026-11-22/b", cdcSeq(cdc)))),
                Map.of(0, new StateBucket("current/b0-b", 19, "tombstones/b0-b", 1))));

        // THEN version 2 has both partitions, both files consumed, and the old bucket files due for deletion
        TableManifest next = commit.next();
        assertThat(next.version()).isEqualTo(2);
        assertThat(next.changes()).containsOnlyKeys("full-load", "2026-11-22");
        assertThat(next.consumed()).containsKeys(T + "LOAD00000001.parquet#a1", cdc.key() + "#c1");
        assertThat(next.lastSweep()).isEqualTo(loaded.lastSweep());
        assertThat(commit.garbage()).extracting(GarbageFile::key, GarbageFile::partition, GarbageFile::sinceVersion)
                .containsExactly(tuple("current/b0-a", TableManifest.CURRENT, 2L));
        assertThat(commit.partitions()).containsExactly("2026-11-22");
        assertThat(commit.inputs()).containsExactly(cdc.key());
    }

    @Test
    void aPartitionsSmallFiles_areMergedOnceTheyReachTheFanIn_andLeaveTheManifestAsGarbage() {
        // GIVEN a partition with two small files and one of target size (fan-in 3, target 2 MB)
        DataFile small1 = new DataFile("p/1", 10, 1_000, 1, 10);
        DataFile small2 = new DataFile("p/2", 10, 1_000, 11, 20);
        DataFile big = new DataFile("p/3", 10, 2 << 20, 21, 30);

        // THEN one new file is not enough to merge, two are: with the small files only
        assertThat(planner.smallFilesToMerge(List.of(small1, small2, big), 0).merge()).isFalse();
        IngestPlanner.SmallFiles merge = planner.smallFilesToMerge(List.of(small1, small2, big), 1);
        assertThat(merge.merge()).isTrue();
        assertThat(merge.files()).containsExactly(small1, small2);

        // AND the partition then holds the big file and the merged one, in change order; the small ones are garbage
        DataFile merged = new DataFile("p/4", 30, 3_000, 1, 40);
        assertThat(new RoundOutput.PartitionFiles(merge.files(), List.of(merged)).applyTo(List.of(small1, small2, big)))
                .containsExactly(merged, big);
    }

    // -- duplicate delivery ----------------------------------------------------------------------------------------

    @Test
    void aRedeliveredNotification_ofAWriteAlreadyConsumed_isADuplicate_andOnlyTheTailIsRedone() {
        // GIVEN version 2 consumed a CDC file, and a crash before step 7 left it in the folder
        S3Store.Listed cdc = listed("20261122-1100000000.parquet", "c1", 200, 300);
        TableManifest consumedIt = committedChanges(loaded(), cdc);
        S3Store.Listed gone = listed("20261122-1101000000.parquet", "c2", 201, 300);

        // WHEN its notification comes again, with one of a file no longer in the folder
        RoundPlan round = planner.planRound(snapshot(consumedIt, cdc), announced(cdc, gone));

        // THEN it is a duplicate, the other is missing, and nothing needs a commit
        assertThat(round.duplicates()).extracting(o -> o.key().key()).containsExactly(cdc.key());
        assertThat(round.missing()).isEqualTo(1);
        assertThat(round.taken()).isEmpty();
        assertThat(planner.needsCommit(round, List.of())).isFalse();

        // AND the tail republishes its partition and deletes it, from the same version
        CommitPlan tail = planner.withoutCommit(round);
        assertThat(tail.commit()).isFalse();
        assertThat(tail.next()).isSameAs(consumedIt);
        assertThat(tail.partitions()).containsExactly("2026-11-22");
        assertThat(tail.inputs()).containsExactly(cdc.key());
    }

    @Test
    void theSameKeyWrittenAgain_isANewWrite_notADuplicate() {
        TableManifest consumedIt = committedChanges(loaded(), listed("20261122-1100000000.parquet", "c1", 200, 300));
        S3Store.Listed again = listed("20261122-1100000000.parquet", "c1", 260, 300);

        RoundPlan round = planner.planRound(snapshot(consumedIt, again), announced(again));

        assertThat(round.duplicates()).isEmpty();
        assertThat(round.taken()).extracting(RoundFile::version).containsExactly(DmsFileVersion.of(again));
    }

    // -- reload and truncate: epochs -------------------------------------------------------------------------------

    @Test
    void aReload_loadCounterOneWrittenAgain_beginsEpochTwo_andTheCurrentStateStartsOver() {
        // GIVEN the loaded table, and DMS reloading it: a new LOAD00000001
        TableManifest loaded = loaded();
        S3Store.Listed reload = listed("LOAD00000001.parquet", "b1", 600, 500);

        // WHEN its notification arrives
        RoundPlan round = planner.planRound(snapshot(loaded, reload), announced(reload));

        // THEN it begins epoch 2 (a reload), numbered as that epoch's load, and the state merge starts from nothing
        assertThat(round.beginsEpoch()).isTrue();
        assertThat(round.epochs().current()).extracting(TableEpoch::number, TableEpoch::cause, TableEpoch::since)
                .containsExactly(2, TableEpoch.RELOAD, 600_000L);
        assertThat(round.taken()).singleElement().satisfies(file -> {
            assertThat(file.epoch()).isEqualTo(2);
            assertThat(file.key().firstSeq()).isEqualTo(ChangeSequence.ofFullLoad(2, 1));
        });
        WritePlan write = planner.writes(round, round.taken(), COLUMNS, NOW + MINUTE);
        assertThat(write.startState()).isEmpty();

        // WHEN it wrote the new load's state
        CommitPlan commit = planner.commit(write, output(Map.of("full-load", added(changes("full-load/r", ChangeSequence.ofFullLoad(2, 1)))),
                Map.of(1, new StateBucket("current/b1-r", 5, null, 0))));

        // THEN the old epoch's state is garbage, the changes table keeps both loads, and epoch 2 knows its counter
        assertThat(commit.garbage()).extracting(GarbageFile::key).containsExactly("current/b0-a");
        assertThat(commit.next().state()).containsOnlyKeys(1);
        assertThat(commit.next().changes().get("full-load")).extracting(DataFile::key).containsExactly("full-load/a", "full-load/r");
        assertThat(commit.next().epochs()).extracting(TableEpoch::number).containsExactly(1, 2);
        assertThat(commit.next().currentEpoch().loads()).containsOnlyKeys(1);
        assertThat(commit.next().epochs().get(0).loads()).as("superseded").isEmpty();
    }

    @Test
    void dmsClearingTheFolder_aRemovalNoticeByItsPrincipal_beginsAClearedEpoch_forTheChangesWrittenAfterIt() {
        // GIVEN a watched table whose witness is the CDC file it took in last, and DMS clearing the folder (a TRUNCATE)
        IngestPlanner watching = new IngestPlanner(settings(Map.of("DMS_WRITER_PRINCIPAL", "AROADMS")));
        S3Store.Listed witness = listed("20261122-1100000000.parquet", "c1", 200, 300);
        TableManifest before = commit(watching, loadedBy(watching), witness);
        assertThat(before.witness()).isEqualTo(DmsFileVersion.of(witness));
        S3Store.Listed after = listed("20261122-1150000000.parquet", "c9", 900, 300);
        RemovalNotice cleared = new RemovalNotice(witness.key(), 800_500, true);

        // WHEN the removal and a change written after it arrive together
        RoundPlan round = watching.planRound(snapshot(before, after), new RoundInputs(List.of(announce(after)), List.of(cleared), Set.of()));

        // THEN a cleared epoch begins at the removal's second, the change belongs to it, and it becomes the witness
        assertThat(round.waitsForRemoval()).isFalse();
        assertThat(round.epochs().current()).extracting(TableEpoch::number, TableEpoch::cause, TableEpoch::since)
                .containsExactly(2, TableEpoch.CLEARED, 800_000L);
        assertThat(round.taken()).extracting(RoundFile::epoch).containsExactly(2);
        WritePlan write = watching.writes(round, round.taken(), COLUMNS, NOW + 2 * MINUTE);
        assertThat(write.startState()).isEmpty();
        CommitPlan commit = watching.commit(write, output(Map.of("2026-11-22", added(changes("2026-11-22/t", cdcSeq(after)))),
                Map.of(1, new StateBucket("current/b1-t", 1, null, 0))));
        assertThat(commit.next().witness()).isEqualTo(DmsFileVersion.of(after));
        assertThat(commit.next().state()).as("the rows before the TRUNCATE are gone").containsOnlyKeys(1);
        assertThat(commit.garbage()).extracting(GarbageFile::key).containsExactly("current/b0-b", "tombstones/b0-b");
        assertThat(commit.inputs()).as("the witness stays in the folder").doesNotContain(after.key());
    }

    @Test
    void theWitnessGoneWithoutARemovalNotice_theRoundWaits_andDefersEverything() {
        // GIVEN a watched table whose witness has left the folder, its removal notice not yet here
        IngestPlanner watching = new IngestPlanner(settings(Map.of("DMS_WRITER_PRINCIPAL", "AROADMS")));
        S3Store.Listed witness = listed("20261122-1100000000.parquet", "c1", 200, 300);
        TableManifest before = commit(watching, loadedBy(watching), witness);
        S3Store.Listed after = listed("20261122-1150000000.parquet", "c9", 900, 300);

        // WHEN a change arrives alone
        RoundPlan round = watching.planRound(snapshot(before, after), announced(after));

        // THEN nothing is placed or taken in: every notice waits for a later delivery
        assertThat(round.waitsForRemoval()).isTrue();
        assertThat(round.taken()).isEmpty();
        assertThat(round.deferred()).extracting(o -> o.key().key()).containsExactly(after.key());
        assertThat(round.beginsEpoch()).isFalse();

        // AND a removal by someone else (the lake's own deletion) explains the loss without clearing the table
        RoundPlan explained = watching.planRound(snapshot(before, after),
                new RoundInputs(List.of(announce(after)), List.of(new RemovalNotice(witness.key(), 800_500, false)), Set.of()));
        assertThat(explained.waitsForRemoval()).isFalse();
        assertThat(explained.beginsEpoch()).isFalse();
        assertThat(explained.taken()).extracting(RoundFile::epoch).containsExactly(1);
    }

    // -- rounds over the budget ------------------------------------------------------------------------------------

    @Test
    void filesOverTheRoundsInputBudget_areTakenOldestFirst_andTheRestDeferredToTheNextRound() {
        // GIVEN a 1 MB round budget and three LOAD files of 400 KB announced newest first
        IngestPlanner budgeted = new IngestPlanner(settings(Map.of("LAKE_ROUND_INPUT_MB", "1")));
        S3Store.Listed load1 = listed("LOAD00000001.parquet", "a1", 100, 400_000);
        S3Store.Listed load2 = listed("LOAD00000002.parquet", "a2", 101, 400_000);
        S3Store.Listed load3 = listed("LOAD00000003.parquet", "a3", 102, 400_000);
        TableManifest none = TableSnapshot.noManifest(ORDERS).manifest();

        // WHEN the first round plans
        RoundPlan first = budgeted.planRound(snapshot(none, load1, load2, load3), announced(load3, load2, load1));

        // THEN it takes the two oldest and defers the third
        assertThat(first.taken()).extracting(f -> f.key().key()).containsExactly(load1.key(), load2.key());
        assertThat(first.deferred()).extracting(o -> o.key().key()).containsExactly(load3.key());

        // WHEN the next round plans the deferred file after the first committed (and deleted its inputs)
        TableManifest afterFirst = budgeted.commit(budgeted.writes(first, first.taken(), COLUMNS, NOW),
                output(Map.of("full-load", added(changes("full-load/a", ChangeSequence.ofFullLoad(1)))), Map.of())).next();
        RoundPlan second = budgeted.planRound(snapshot(afterFirst, load3), new RoundInputs(first.deferred(), List.of(), Set.of()));

        // THEN it takes it in the same epoch: more of the same load, not a reload
        assertThat(second.taken()).extracting(f -> f.key().key(), RoundFile::epoch)
                .containsExactly(tuple(load3.key(), 1));
        assertThat(second.beginsEpoch()).isFalse();
        assertThat(second.deferred()).isEmpty();

        // AND a single file over the budget is taken alone rather than never
        S3Store.Listed huge = listed("LOAD00000001.parquet", "h1", 100, 3 << 20);
        assertThat(budgeted.planRound(snapshot(none, huge, load2), announced(huge, load2)).taken()).extracting(RoundFile::bytes)
                .containsExactly(3L << 20);
    }

    @Test
    void anotherRound_runsOnlyWhenItFitsBeforeTheDeadline_judgedByTheLongestSoFar() {
        assertThat(RoundBudget.anotherRoundFits(1_000, 200, 1_300)).isTrue();
        assertThat(RoundBudget.anotherRoundFits(1_000, 200, 1_299)).isFalse();
        assertThat(RoundBudget.anotherRoundFits(1_000, 60_000, Long.MAX_VALUE)).isTrue();
    }

    // -- a manifest conflict ---------------------------------------------------------------------------------------

    @Test
    void afterAManifestConflict_theRedoFromTheWinnersVersion_skipsWhatItTookIn_andCommitsTheNextVersion() {
        // GIVEN two CDC files, both planned against version 1
        TableManifest loaded = loaded();
        S3Store.Listed c1 = listed("20261122-1100000000.parquet", "c1", 200, 300);
        S3Store.Listed c2 = listed("20261122-1101000000.parquet", "c2", 201, 300);
        RoundPlan lost = planner.planRound(snapshot(loaded, c1, c2), announced(c1, c2));
        assertThat(lost.taken()).hasSize(2);
        assertThat(lost.nextVersion()).isEqualTo(2);

        // WHEN a concurrent invocation committed version 2 with c1 first (its deletion not yet done), and this one redoes
        TableManifest winner = committedChanges(loaded, c1);
        RoundPlan redo = planner.planRound(snapshot(winner, c1, c2), announced(c1, c2));

        // THEN c1 is a duplicate, only c2 is taken in, and the commit is version 3 from the winner's files
        assertThat(redo.duplicates()).extracting(o -> o.key().key()).containsExactly(c1.key());
        assertThat(redo.taken()).extracting(f -> f.key().key()).containsExactly(c2.key());
        assertThat(redo.nextVersion()).isEqualTo(3);
        CommitPlan commit = planner.commit(planner.writes(redo, redo.taken(), COLUMNS, NOW + 2 * MINUTE),
                output(Map.of("2026-11-22", added(changes("2026-11-22/c2", cdcSeq(c2)))), Map.of(0, new StateBucket("current/b0-c2", 18, null, 0))));
        assertThat(commit.next().version()).isEqualTo(3);
        assertThat(commit.next().changes().get("2026-11-22")).extracting(DataFile::key).containsExactly("2026-11-22/b", "2026-11-22/c2");
        assertThat(commit.garbage()).extracting(GarbageFile::key).containsExactly("current/b0-b", "tombstones/b0-b");
        assertThat(commit.inputs()).containsExactly(c2.key(), c1.key());
    }

    // -- retention and the sweep -----------------------------------------------------------------------------------

    @Test
    void consumedEntries_outliveTheRetention_onlyWhileTheirFileIsStillInTheFolder() {
        // GIVEN version 2 consumed two CDC files, one of which a crash left in the folder; 16 days pass
        S3Store.Listed left = listed("20261122-1100000000.parquet", "c1", 200, 300);
        S3Store.Listed deleted = listed("20261122-1101000000.parquet", "c2", 201, 300);
        TableManifest consumed = commitAt(planner, loaded(), NOW + MINUTE, left, deleted);
        S3Store.Listed later = listed("20261208-1100000000.parquet", "c3", 1_500_000, 300);
        long sixteenDays = NOW + Duration.ofDays(16).toMillis();

        // WHEN the next file is committed
        RoundPlan round = planner.planRound(snapshot(consumed, left, later), announced(later));
        CommitPlan commit = planner.commit(planner.writes(round, round.taken(), COLUMNS, sixteenDays), output(Map.of(), consumed.state()));

        // THEN the entry of the file still there stays, the other goes
        assertThat(commit.next().consumed()).containsKeys(left.key() + "#c1", later.key() + "#c3").doesNotContainKey(deleted.key() + "#c2");
        assertThat(commit.sweep()).isTrue();
        assertThat(commit.next().lastSweep()).isEqualTo(sixteenDays);
    }

    @Test
    void theSweep_prunesTombstonesBelowTheOldestChangeStillWaiting_andDeletesOnlyOldUnreferencedFiles() {
        // GIVEN a round at the sweep, 16 days on, with an older file of the current epoch still waiting in the folder
        S3Store.Listed taken = listed("20261122-1100000000.parquet", "c1", 200, 300);
        S3Store.Listed waiting = listed("20261122-1050000000.parquet", "c0", 150, 300);
        RoundPlan round = planner.planRound(snapshot(loaded(), taken, waiting), announced(taken));
        WritePlan write = planner.writes(round, round.taken(), COLUMNS, NOW + Duration.ofDays(16).toMillis());
        assertThat(write.sweep()).isTrue();

        // THEN tombstones go below the waiting file's first change, or below an older one's in quarantine
        long waitingSeq = cdcSeq(waiting);
        assertThat(planner.tombstoneCutoff(write, List.of())).isEqualTo(waitingSeq);
        assertThat(planner.tombstoneCutoff(write, List.of("quarantine/" + T + "20261122-1000000000.parquet",
                "quarantine/" + T + "20261122-1000000000.parquet.reason.txt"))).isLessThan(waitingSeq);
        assertThat(planner.quarantinePrefix(ORDERS)).isEqualTo("quarantine/" + T);

        // AND the sweep deletes what no manifest references, once it is an hour old
        TableManifest manifest = loaded();
        Instant now = Instant.ofEpochMilli(NOW);
        List<S3Store.Listed> data = List.of(new S3Store.Listed("full-load/a", now.minusSeconds(7_200), "x", 1),
                new S3Store.Listed("orphan/old", now.minusSeconds(7_200), "x", 1), new S3Store.Listed("orphan/new", now.minusSeconds(60), "x", 1));
        assertThat(planner.unreferenced(manifest, data, NOW)).containsExactly("orphan/old");
    }

    // -- givens ----------------------------------------------------------------------------------------------------

    /** Version 1: LOAD 1 and 2 taken in (and deleted), state bucket 0 written, swept at {@link #NOW}. */
    private TableManifest loaded() {
        return loadedBy(planner);
    }

    private static TableManifest loadedBy(IngestPlanner planner) {
        S3Store.Listed load1 = listed("LOAD00000001.parquet", "a1", 100, 500);
        S3Store.Listed load2 = listed("LOAD00000002.parquet", "a2", 101, 500);
        RoundPlan round = planner.planRound(snapshot(TableSnapshot.noManifest(ORDERS).manifest(), load1, load2), announced(load1, load2));
        return planner.commit(planner.writes(round, round.taken(), COLUMNS, NOW),
                output(Map.of("full-load", added(changes("full-load/a", ChangeSequence.ofFullLoad(1)))),
                        Map.of(0, new StateBucket("current/b0-a", 20, null, 0)))).next();
    }

    /** {@code manifest} after committing {@code file} into partition 2026-11-22 with state bucket 0 replaced. */
    private TableManifest committedChanges(TableManifest manifest, S3Store.Listed file) {
        return commit(planner, manifest, file);
    }

    private static TableManifest commit(IngestPlanner planner, TableManifest manifest, S3Store.Listed file) {
        return commitAt(planner, manifest, NOW + MINUTE, file);
    }

    private static TableManifest commitAt(IngestPlanner planner, TableManifest manifest, long now, S3Store.Listed... files) {
        List<S3Store.Listed> folder = new ArrayList<>(List.of(files));
        if (manifest.witness() != null) {
            // The lake leaves its witness in the folder.
            DmsFileVersion witness = manifest.witness();
            folder.add(new S3Store.Listed(witness.key(), Instant.ofEpochMilli(witness.lastModified()), witness.etag(), 500));
        }
        RoundPlan round = planner.planRound(snapshot(manifest, folder.toArray(S3Store.Listed[]::new)), announced(files));
        assertThat(round.taken()).hasSize(files.length);
        return planner.commit(planner.writes(round, round.taken(), COLUMNS, now),
                output(Map.of("2026-11-22", added(changes("2026-11-22/b", cdcSeq(files[0])))),
                        Map.of(0, new StateBucket("current/b0-b", 19, "tombstones/b0-b", 1)))).next();
    }

    private static LakeSettings settings(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(Map.of("LAKE_BUCKET", "dms-target", "DMS_FOLDER", "dms", "LAKE_TABLES", "public.orders:id",
                "LAKE_GLUE_DATABASE", "lake", "LAKE_MERGE_FAN_IN", "3", "LAKE_TARGET_FILE_MB", "2", "LAKE_GARBAGE_GRACE_MINUTES", "0"));
        env.putAll(overrides);
        return LakeSettings.from(env);
    }

    private static DmsLayout dms() {
        return new DmsLayout("dms", null);
    }

    private static S3Store.Listed listed(String name, String etag, long second, long bytes) {
        return new S3Store.Listed(T + name, Instant.ofEpochSecond(second), etag, bytes);
    }

    private static TableSnapshot snapshot(TableManifest manifest, S3Store.Listed... folder) {
        VersionedManifest read = new VersionedManifest(manifest, manifest.version() == 0 ? null : "etag-v" + manifest.version());
        return TableSnapshot.of(ORDERS, read, List.of(folder), dms());
    }

    private static IncomingObject announce(S3Store.Listed file) {
        return new IncomingObject(dms().parse(file.key()), file.etag());
    }

    private static RoundInputs announced(S3Store.Listed... files) {
        return new RoundInputs(Stream.of(files).map(IngestPlannerTest::announce).toList(), List.of(), Set.of());
    }

    private static long cdcSeq(S3Store.Listed file) {
        return dms().parse(file.key()).firstSeq();
    }

    private static DataFile changes(String key, long minSeq) {
        return new DataFile(key, 10, 4_000, minSeq, minSeq + 9);
    }

    private static RoundOutput.PartitionFiles added(DataFile... files) {
        return new RoundOutput.PartitionFiles(List.of(), new ArrayList<>(List.of(files)));
    }

    private static RoundOutput output(Map<String, RoundOutput.PartitionFiles> changes, Map<Integer, StateBucket> state) {
        long rows = changes.values().stream().flatMap(p -> p.added().stream()).mapToLong(DataFile::rows).sum();
        return new RoundOutput(changes, state, rows);
    }
}
