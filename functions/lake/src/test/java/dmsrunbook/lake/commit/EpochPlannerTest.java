package dmsrunbook.lake.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dmsrunbook.lake.commit.EpochPlanner.Candidate;
import dmsrunbook.lake.layout.ChangeSequence;
import dmsrunbook.lake.layout.DatePartitioning;
import dmsrunbook.lake.layout.DmsLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EpochPlannerTest {

    private static final DmsLayout LAYOUT = new DmsLayout("dms", DatePartitioning.NONE);
    private static final String T = "dms/public/orders/";

    /** Epoch 1 as the manifest has it after LOAD 1 and 2 (written at seconds 1 and 2) and changes from second 3. */
    private static final List<TableEpoch> LOADED = List.of(new TableEpoch(1, 0, TableEpoch.INITIAL, 1,
            Map.of(1, version("LOAD00000001.parquet", "a1", 1), 2, version("LOAD00000002.parquet", "a2", 2)), 1000));

    @Test
    void loadFileWithACounterAlreadyTakenIn_beginsANewEpoch_atItsWriteTime() {
        EpochPlan plan = EpochPlanner.plan("public.orders", LOADED, List.of(file("LOAD00000001.parquet", "b1", 600)), List.of(), 9);

        assertThat(plan.epochs()).hasSize(2);
        assertThat(plan.current()).extracting(TableEpoch::number, TableEpoch::since, TableEpoch::cause, TableEpoch::startedInVersion)
                .containsExactly(2, 600_000L, TableEpoch.RELOAD, 9L);
        assertThat(plan.epochOf(T + "LOAD00000001.parquet")).isEqualTo(2);
        assertThat(plan.epochs().get(0).loads()).as("a superseded epoch forgets its LOAD files").isEmpty();
    }

    @Test
    void changesWrittenAfterAReload_belongToTheNewEpoch_evenWhenTheyArriveBeforeItsLoadFiles() {
        // The round holds a change written after the reload; the reload's LOAD files still wait in the folder.
        List<Candidate> known = List.of(file("20261122-0113000000.parquet", "c6", 700), file("LOAD00000001.parquet", "b1", 600),
                file("LOAD00000002.parquet", "b2", 601), file("LOAD00000003.parquet", "b3", 602));

        EpochPlan plan = EpochPlanner.plan("public.orders", LOADED, known, List.of(), 9);

        assertThat(plan.current().number()).isEqualTo(2);
        assertThat(plan.epochOf()).containsEntry(T + "20261122-0113000000.parquet", 2).containsEntry(T + "LOAD00000003.parquet", 2)
                .containsEntry(T + "LOAD00000001.parquet", 2);
    }

    @Test
    void aLaterLoadFileOfTheSameLoad_staysInItsEpoch_evenAfterChanges() {
        EpochPlan plan = EpochPlanner.plan("public.orders", LOADED, List.of(file("LOAD00000003.parquet", "a3", 2)), List.of(), 9);

        assertThat(plan.epochs()).hasSize(1);
        assertThat(plan.epochOf(T + "LOAD00000003.parquet")).isEqualTo(1);
    }

    @Test
    void theSameLoadFileSeenAgain_isNoReload_butAByteIdenticalOneWrittenLater_is() {
        EpochPlan same = EpochPlanner.plan("public.orders", LOADED, List.of(file("LOAD00000002.parquet", "a2", 2)), List.of(), 9);
        EpochPlan identical = EpochPlanner.plan("public.orders", LOADED, List.of(file("LOAD00000002.parquet", "a2", 900)), List.of(), 9);

        assertThat(same.epochs()).hasSize(1);
        assertThat(identical.epochs()).hasSize(2);
    }

    @Test
    void changesWrittenBeforeTheReload_arrivingAfterIt_belongToTheOldEpoch() {
        List<TableEpoch> reloaded = List.of(LOADED.get(0).superseded(), new TableEpoch(2, 600_000, TableEpoch.RELOAD, 5, Map.of(), 600_000));

        EpochPlan plan = EpochPlanner.plan("public.orders", reloaded, List.of(file("20261122-0100000000.parquet", "c5", 300)), List.of(), 9);

        assertThat(plan.epochs()).hasSize(2);
        assertThat(plan.epochOf(T + "20261122-0100000000.parquet")).isEqualTo(1);
    }

    @Test
    void dmsClearingTheFolder_beginsOneEpoch_forAllTheFilesItRemoves_andLaterChangesBelongToIt() {
        List<Long> removals = List.of(800_100L, 800_500L, 801_300L);

        EpochPlan plan = EpochPlanner.plan("public.orders", LOADED, List.of(file("20261122-0200000000.parquet", "c9", 900)), removals, 9);

        assertThat(plan.epochs()).hasSize(2);
        assertThat(plan.current()).extracting(TableEpoch::since, TableEpoch::cause).containsExactly(800_000L, TableEpoch.CLEARED);
        assertThat(plan.epochOf(T + "20261122-0200000000.parquet")).isEqualTo(2);
    }

    @Test
    void aRemovalOlderThanAFileStillInTheFolder_isNotTheTableBeingCleared() {
        EpochPlan plan = EpochPlanner.plan("public.orders", LOADED, List.of(file("20261122-0100000000.parquet", "c5", 700)),
                List.of(800_000L), 9);

        assertThat(plan.epochs()).hasSize(1);
    }

    @Test
    void aRemovalBeforeAnythingOfTheCurrentEpoch_isTheClearingThatBeganIt() {
        List<TableEpoch> reloaded = List.of(LOADED.get(0).superseded(), new TableEpoch(2, 600_000, TableEpoch.RELOAD, 5, Map.of(), 600_000));

        EpochPlan plan = EpochPlanner.plan("public.orders", reloaded, List.of(), List.of(590_000L), 9);

        assertThat(plan.epochs()).hasSize(2);
    }

    @Test
    void twoReloadsWaitingInTheFolder_becomeTwoEpochs_andTheChangesAfterBoth_theNewest() {
        // With date folders, each load's LOAD00000001 sits in its own day's folder: both can wait at once.
        List<Candidate> known = List.of(dated("2026/11/21/LOAD00000001.parquet", "b1", 600), dated("2026/11/21/LOAD00000002.parquet", "b2", 601),
                dated("2026/11/21/20261121-0110000000.parquet", "c7", 650), dated("2026/11/22/LOAD00000001.parquet", "d1", 700),
                dated("2026/11/22/20261122-0120000000.parquet", "c8", 750));

        EpochPlan plan = EpochPlanner.plan("public.orders", LOADED, known, List.of(), 9);

        assertThat(plan.epochs()).extracting(TableEpoch::since).containsExactly(0L, 600_000L, 700_000L);
        assertThat(plan.epochOf(T + "2026/11/21/20261121-0110000000.parquet")).isEqualTo(2);
        assertThat(plan.epochOf(T + "2026/11/22/20261122-0120000000.parquet")).isEqualTo(3);
    }

    @Test
    void aManifestFromBeforeEpochs_stillRecognisesDmsWritingLoad1Again() {
        TableManifest legacy = new TableManifest(7, "public", "orders", null, List.of("id"), 1,
                Map.of("full-load", List.of(new DataFile("part", 10, 100, ChangeSequence.ofFullLoad(1), ChangeSequence.ofFullLoad(1) + 9))),
                Map.of(), Map.of(), List.of(), 0, null, null);

        EpochPlan plan = EpochPlanner.plan("public.orders", legacy.epochs(), List.of(file("LOAD00000001.parquet", "b1", 600)), List.of(), 8);

        assertThat(plan.current().number()).isEqualTo(2);
    }

    @Test
    void beyondTheEpochsTheLakeNumbers_theTableIsRefused_namingTheFix() {
        List<TableEpoch> many = new ArrayList<>();
        for (int e = 1; e <= ChangeSequence.MAX_EPOCH; e++) {
            many.add(new TableEpoch(e, e * 1000L, TableEpoch.RELOAD, e, e == ChangeSequence.MAX_EPOCH
                    ? Map.of(1, version("LOAD00000001.parquet", "x", e * 1000L)) : Map.of(), e * 1000L));
        }

        assertThatThrownBy(() -> EpochPlanner.plan("public.orders", many, List.of(file("LOAD00000001.parquet", "y", 5_000)), List.of(), 9))
                .hasMessageContaining("public.orders has been reloaded or truncated").hasMessageContaining("reload it with DMS");
    }

    private static Candidate file(String name, String etag, long second) {
        return new Candidate(LAYOUT.parse(T + name), version(name, etag, second));
    }

    private static Candidate dated(String path, String etag, long second) {
        DmsLayout daily = new DmsLayout("dms", new DatePartitioning("YYYYMMDD", "SLASH"));
        return new Candidate(daily.parse(T + path), new DmsFileVersion(T + path, etag, second * 1000));
    }

    private static DmsFileVersion version(String name, String etag, long second) {
        return new DmsFileVersion(T + name, etag, second * 1000);
    }
}
