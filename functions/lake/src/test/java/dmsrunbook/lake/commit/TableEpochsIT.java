package dmsrunbook.lake.commit;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dmsrunbook.lake.CompactDmsChangesHandler;
import dmsrunbook.lake.catalog.GlueCatalog;
import dmsrunbook.lake.testing.Deliveries;
import dmsrunbook.lake.testing.DmsEndpointShape;
import dmsrunbook.lake.testing.DmsFileGenerator;
import dmsrunbook.lake.testing.DmsReplication;
import dmsrunbook.lake.testing.DmsWorkload;
import dmsrunbook.lake.testing.GeneratedFile;
import dmsrunbook.lake.testing.LakeExpectations;
import dmsrunbook.lake.testing.MotoLake;
import dmsrunbook.lake.testing.MotoLakeIT;
import dmsrunbook.lake.testing.SourceTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A table's life across DMS reloads and source TRUNCATEs: the current table is always the newest load plus the
 * changes after it, and the changes table keeps every epoch, tagged.
 */
class TableEpochsIT extends MotoLakeIT {

    private static final SourceTable ORDERS = SourceTable.orders();
    private static final DmsEndpointShape SHAPE = DmsEndpointShape.defaults();
    private static final String DMS_ROLE = "AROADMSWRITER";
    private static final DmsWorkload CHANGES = new DmsWorkload(0, 0, 0, 4, 50, 0.25, 0.3, 0.2);

    @Test
    void reloadAfterChanges_makesTheCurrentTableTheReloadedOnePlusLaterChanges_andTheChangesTableKeepsBothEpochs() throws Exception {
        // GIVEN a table taken in, then rows deleted and inserted while DMS was stopped (no CDC file has them)
        MotoLake.Stack lake = aws.newStack(SHAPE, "public.orders:id");
        DmsReplication source = new DmsFileGenerator(SHAPE, ORDERS, true).replicate(5, dir.resolve("dms"));
        List<GeneratedFile> first = new ArrayList<>(source.fullLoad(200, 80));
        first.addAll(source.changes(CHANGES));
        lake.upload(first);
        lake.drain(lake.handler(CommitFaults.NONE), 50);
        source.changeUnseen(30, 20);

        // WHEN DMS reloads the table and writes more changes
        MotoLake.nextSecond();
        List<GeneratedFile> second = new ArrayList<>(source.reload(80));
        second.addAll(source.changes(CHANGES));
        lake.upload(second);
        lake.drain(lake.handler(CommitFaults.NONE), 50);

        // THEN rows deleted while DMS was stopped are gone, rows inserted then are there, later changes applied
        LakeExpectations.currentTableEqualsSource(lake, ORDERS, source.contents(), dir);
        // AND every change of both epochs is in the changes table once, tagged with its epoch
        List<GeneratedFile> all = new ArrayList<>(first);
        all.addAll(second);
        LakeExpectations.changesTableHoldsEveryDmsRowOnce(lake, ORDERS, all, dir);
        assertThat(LakeExpectations.changesByEpoch(lake, ORDERS, dir))
                .containsExactlyInAnyOrderEntriesOf(Map.of(1, LakeExpectations.rows(first), 2, LakeExpectations.rows(second)));
        assertThat(lake.manifest(ORDERS).epochs()).extracting(TableEpoch::number, TableEpoch::cause)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, TableEpoch.INITIAL), org.assertj.core.groups.Tuple.tuple(2, TableEpoch.RELOAD));
        assertThat(aws.glue.getTable(b -> b.databaseName(lake.settings.glueDatabase()).name(GlueCatalog.changesTableName("public", "orders")))
                .table().storageDescriptor().columns()).extracting(c -> c.name() + " " + c.type()).contains("dms_epoch int");
    }

    @Test
    void reloadWithNoChangesSinceTheLoad_itsLastLoadFileArrivingFirst_stillReplacesTheTable() throws Exception {
        // GIVEN a full load of two files taken in, then the source changed while DMS was stopped
        MotoLake.Stack lake = aws.newStack(SHAPE, "public.orders:id");
        DmsReplication source = new DmsFileGenerator(SHAPE, ORDERS, true).replicate(6, dir.resolve("dms"));
        lake.upload(source.fullLoad(160, 80));
        lake.drain(lake.handler(CommitFaults.NONE), 50);
        source.changeUnseen(40, 60);

        // WHEN DMS reloads it into more files than before, and their notifications come last file first
        MotoLake.nextSecond();
        List<GeneratedFile> reload = source.reload(50);
        assertThat(reload).hasSizeGreaterThan(3);
        lake.upload(reload);
        List<SQSEvent.SQSMessage> messages = new ArrayList<>(lake.takeAllMessages());
        Collections.reverse(messages);
        CompactDmsChangesHandler handler = lake.handler(CommitFaults.NONE);
        for (SQSEvent.SQSMessage message : messages) {
            assertThat(Deliveries.failed(handler, List.of(message))).isEmpty();
        }

        // THEN the current table is the reloaded table: LOAD00000004, new to the first load, was seen as part of the reload
        LakeExpectations.currentTableEqualsSource(lake, ORDERS, source.contents(), dir);
        assertThat(lake.manifest(ORDERS).currentEpoch().number()).isEqualTo(2);
    }

    @Test
    void truncateOnTheSource_dmsClearingTheTableFolder_leavesOnlyTheChangesMadeAfterIt() throws Exception {
        // GIVEN a table taken in by a lake that knows DMS's role; it leaves one DMS file in the folder as a witness
        MotoLake.Stack lake = aws.newStack(SHAPE, "public.orders:id", Map.of("DMS_WRITER_PRINCIPAL", DMS_ROLE));
        DmsReplication source = new DmsFileGenerator(SHAPE, ORDERS, true).replicate(7, dir.resolve("dms"));
        List<GeneratedFile> before = new ArrayList<>(source.fullLoad(200, 100));
        before.addAll(source.changes(CHANGES));
        lake.upload(before);
        lake.drain(lake.handler(CommitFaults.NONE), 50);
        assertThat(lake.keys("dms/")).as("the witness").hasSize(1);

        // WHEN the source table is truncated (DMS deletes the table's folder), then written to again
        MotoLake.nextSecond();
        source.truncate();
        List<SQSEvent.SQSMessage> messages = new ArrayList<>(lake.clearTableFolder(ORDERS, "AWS:" + DMS_ROLE + ":dms-session"));
        MotoLake.nextSecond();
        List<GeneratedFile> after = source.changes(CHANGES);
        lake.upload(after);
        messages.addAll(lake.takeAllMessages());
        Deliveries.untilAccepted(lake.handler(CommitFaults.NONE), Deliveries.twiceShuffled(messages, 7), new Random(7));

        // THEN the current table holds only what was written after the TRUNCATE; the history keeps both epochs
        LakeExpectations.currentTableEqualsSource(lake, ORDERS, source.contents(), dir);
        assertThat(LakeExpectations.changesByEpoch(lake, ORDERS, dir))
                .containsExactlyInAnyOrderEntriesOf(Map.of(1, LakeExpectations.rows(before), 2, LakeExpectations.rows(after)));
        assertThat(lake.manifest(ORDERS).currentEpoch().cause()).isEqualTo(TableEpoch.CLEARED);
        assertThat(lake.keys("dms/")).as("a new witness").hasSize(1);
    }

    @Test
    void changesAfterATruncate_arrivingBeforeItsRemovalNotice_waitForIt_ratherThanLandOnTheRemovedRows() throws Exception {
        Watched table = loadedKnowingDmsRole(8);
        MotoLake.Stack lake = table.lake();
        DmsReplication source = table.source();
        MotoLake.nextSecond();
        source.truncate();
        List<SQSEvent.SQSMessage> removals = lake.clearTableFolder(ORDERS, "AWS:" + DMS_ROLE + ":dms-session");
        MotoLake.nextSecond();
        lake.upload(source.changes(CHANGES));
        List<SQSEvent.SQSMessage> changes = lake.takeAllMessages();
        CompactDmsChangesHandler handler = lake.handler(CommitFaults.NONE);
        long versionBefore = lake.manifest(ORDERS).version();

        // WHEN the changes come first: the witness is gone and nothing says why yet
        assertThat(Deliveries.failed(handler, changes)).as("messages left for later").hasSize(changes.size());
        assertThat(lake.manifest(ORDERS).version()).as("nothing committed").isEqualTo(versionBefore);

        // THEN once the removal notice has come, the changes land in the new epoch
        assertThat(Deliveries.failed(handler, removals)).isEmpty();
        assertThat(Deliveries.failed(handler, changes)).isEmpty();
        LakeExpectations.currentTableEqualsSource(lake, ORDERS, source.contents(), dir);
    }

    @Test
    void aDmsFileRemovedBySomeoneElse_isNoTruncate_andTheTableCarriesOn() throws Exception {
        Watched table = loadedKnowingDmsRole(9);
        MotoLake.Stack lake = table.lake();
        DmsReplication source = table.source();

        // WHEN an operator deletes what is left in the folder, then DMS writes changes
        List<SQSEvent.SQSMessage> messages = new ArrayList<>(lake.clearTableFolder(ORDERS, "AWS:AIDAOPERATOR"));
        MotoLake.nextSecond();
        lake.upload(source.changes(CHANGES));
        messages.addAll(lake.takeAllMessages());
        CompactDmsChangesHandler handler = lake.handler(CommitFaults.NONE);
        assertThat(Deliveries.failed(handler, messages)).isEmpty();

        // THEN the changes apply to the table as it was: still epoch 1
        LakeExpectations.currentTableEqualsSource(lake, ORDERS, source.contents(), dir);
        assertThat(lake.manifest(ORDERS).epochs()).hasSize(1);
    }

    /** A lake that knows DMS's role, and a source table it has taken in. */
    private record Watched(MotoLake.Stack lake, DmsReplication source) {
    }

    private Watched loadedKnowingDmsRole(long seed) throws Exception {
        MotoLake.Stack lake = aws.newStack(SHAPE, "public.orders:id", Map.of("DMS_WRITER_PRINCIPAL", DMS_ROLE));
        DmsReplication source = new DmsFileGenerator(SHAPE, ORDERS, true).replicate(seed, dir.resolve("dms"));
        lake.upload(source.fullLoad(200, 100));
        lake.drain(lake.handler(CommitFaults.NONE), 50);
        return new Watched(lake, source);
    }
}
