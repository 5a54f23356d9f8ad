package dmsrunbook.lake.commit;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dmsrunbook.lake.CompactDmsChangesHandler;
import dmsrunbook.lake.layout.DatePartitioning;
import dmsrunbook.lake.testing.CrashAt;
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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The commit protocol's promise: whatever step an invocation dies at, and however SQS delivers (twice, out of order,
 * concurrently), the lake ends with every change exactly once and the current table equal to the source, across a
 * DMS reload too.
 */
class CrashAndRedeliveryIT extends MotoLakeIT {

    private static final SourceTable ORDERS = SourceTable.orders();
    private static final DmsEndpointShape SHAPE = DmsEndpointShape.defaults().withPartitioning(new DatePartitioning("YYYYMMDD", "SLASH"));
    private static final DmsWorkload WORKLOAD = new DmsWorkload(77, 400, 150, 10, 90, 0.2, 0.3, 0.3);

    /** What DMS does with the table's folder before a reload (the task's TargetTablePrepMode). */
    enum Preparation {
        /** DROP_AND_CREATE or TRUNCATE_BEFORE_LOAD: files DMS wrote and the lake had not read yet are deleted. */
        CLEARS_FOLDER,
        /** DO_NOTHING: they stay, and are read after the reload's files. */
        LEAVES_FILES
    }

    @ParameterizedTest(name = "crash at {0}")
    @EnumSource(value = CommitStep.class, names = "QUARANTINE_COPIED", mode = EnumSource.Mode.EXCLUDE)
    void invocationDyingAtAnyStep_thenEveryMessageDeliveredTwiceOutOfOrder_leavesEveryChangeOnceAndTheExactTable(CommitStep step)
            throws Exception {
        // GIVEN DMS's files on the bucket and their notifications taken off the queue
        MotoLake.Stack lake = aws.newStack(SHAPE, "public.orders:id");
        DmsFileGenerator.Generated generated = new DmsFileGenerator(SHAPE, ORDERS, true).generate(WORKLOAD, dir.resolve("dms"));
        lake.upload(generated.files());
        List<SQSEvent.SQSMessage> messages = lake.takeAllMessages();
        assertThat(messages).hasSizeGreaterThanOrEqualTo(generated.files().size());

        // WHEN the first invocations die at the step (twice), and every message is delivered twice, shuffled
        int calls = Deliveries.untilAccepted(lake.handler(new CrashAt(step, 2)), Deliveries.twiceShuffled(messages, step.ordinal()),
                new Random(step.ordinal() + 100));

        // THEN nothing is lost, nothing duplicated
        assertThat(calls).isGreaterThan(1);
        LakeExpectations.currentTableEqualsSource(lake, ORDERS, generated.contents(), dir);
        LakeExpectations.changesTableHoldsEveryDmsRowOnce(lake, ORDERS, generated.files(), dir);
        assertThat(lake.keys("dms/")).as("DMS inputs left behind").isEmpty();
        assertThat(lake.keys("quarantine/")).isEmpty();
    }

    static Stream<Arguments> stepsAndPreparations() {
        return Stream.of(Preparation.values()).flatMap(preparation -> Stream.of(CommitStep.values())
                .filter(step -> step != CommitStep.QUARANTINE_COPIED).map(step -> Arguments.of(step, preparation)));
    }

    @ParameterizedTest(name = "crash at {0}, reload that {1}")
    @MethodSource("stepsAndPreparations")
    void invocationDyingAtAnyStep_acrossADmsReload_leavesTheReloadedTablePlusLaterChanges_andEveryChangeOnce(CommitStep step,
                                                                                                        Preparation preparation)
            throws Exception {
        // GIVEN a table the lake has taken in, changes DMS wrote that the lake has not read yet, and changes DMS never
        // wrote (the task was stopped): only a reload brings those
        MotoLake.Stack lake = aws.newStack(SHAPE, "public.orders:id");
        long seed = 31L * step.ordinal() + preparation.ordinal();
        DmsReplication source = new DmsFileGenerator(SHAPE, ORDERS, true).replicate(seed, dir.resolve("dms"));
        List<GeneratedFile> taken = new ArrayList<>(source.fullLoad(300, 100));
        taken.addAll(source.changes(new DmsWorkload(seed, 0, 0, 5, 60, 0.25, 0.3, 0.3)));
        lake.upload(taken);
        List<SQSEvent.SQSMessage> messages = new ArrayList<>(lake.takeAllMessages());
        CompactDmsChangesHandler healthy = lake.handler(CommitFaults.NONE);
        Deliveries.untilAccepted(healthy, messages, new Random(seed));
        List<GeneratedFile> unread = source.changes(new DmsWorkload(seed, 0, 0, 3, 60, 0.25, 0.3, 0.3));
        lake.upload(unread);
        messages.addAll(lake.takeAllMessages());
        source.changeUnseen(25, 15);

        // WHEN DMS reloads the table (after preparing its folder) and writes changes after the reload
        if (preparation == Preparation.CLEARS_FOLDER) {
            lake.clearTableFolder(ORDERS, "AROADMS:dms-session");
        }
        MotoLake.nextSecond();
        List<GeneratedFile> reloaded = new ArrayList<>(source.reload(110));
        reloaded.addAll(source.changes(new DmsWorkload(seed, 0, 0, 4, 60, 0.25, 0.3, 0.3)));
        lake.upload(reloaded);
        messages.addAll(lake.takeAllMessages());
        // AND invocations die at the step, every message (those already taken in too) delivered twice, shuffled
        int calls = Deliveries.untilAccepted(lake.handler(new CrashAt(step, 2)), Deliveries.twiceShuffled(messages, seed),
                new Random(seed + 7));

        // THEN the current table is the reloaded table plus the changes after the reload
        assertThat(calls).isGreaterThan(1);
        LakeExpectations.currentTableEqualsSource(lake, ORDERS, source.contents(), dir);
        // AND the changes table holds every change the lake read exactly once, tagged with its epoch
        List<GeneratedFile> read = new ArrayList<>(taken);
        if (preparation == Preparation.LEAVES_FILES) {
            read.addAll(unread);
        }
        read.addAll(reloaded);
        LakeExpectations.changesTableHoldsEveryDmsRowOnce(lake, ORDERS, read, dir);
        assertThat(LakeExpectations.changesByEpoch(lake, ORDERS, dir)).containsExactlyInAnyOrderEntriesOf(
                Map.of(1, LakeExpectations.rows(read) - LakeExpectations.rows(reloaded), 2, LakeExpectations.rows(reloaded)));
        assertThat(lake.manifest(ORDERS).epochs()).extracting(TableEpoch::cause).containsExactly(TableEpoch.INITIAL, TableEpoch.RELOAD);
        assertThat(lake.keys("dms/")).as("DMS inputs left behind").isEmpty();
        assertThat(lake.keys("quarantine/")).isEmpty();
    }

    @ParameterizedTest(name = "crash at {0}")
    @EnumSource(value = CommitStep.class, names = "QUARANTINE_COPIED", mode = EnumSource.Mode.EXCLUDE)
    void invocationDyingAtAnyStep_acrossATruncate_leavesOnlyTheChangesAfterIt_andEveryChangeOnce(CommitStep step) throws Exception {
        // GIVEN a table taken in by a lake that knows DMS's role
        MotoLake.Stack lake = aws.newStack(SHAPE, "public.orders:id", Map.of("DMS_WRITER_PRINCIPAL", "AROADMS"));
        long seed = 53L * step.ordinal();
        DmsReplication source = new DmsFileGenerator(SHAPE, ORDERS, true).replicate(seed, dir.resolve("dms"));
        List<GeneratedFile> before = new ArrayList<>(source.fullLoad(300, 100));
        before.addAll(source.changes(new DmsWorkload(seed, 0, 0, 5, 60, 0.25, 0.3, 0.3)));
        lake.upload(before);
        List<SQSEvent.SQSMessage> messages = new ArrayList<>(lake.takeAllMessages());
        Deliveries.untilAccepted(lake.handler(CommitFaults.NONE), messages, new Random(seed));

        // WHEN the source is truncated (DMS deletes the table's folder) and written to again
        MotoLake.nextSecond();
        source.truncate();
        messages.addAll(lake.clearTableFolder(ORDERS, "AWS:AROADMS:dms-session"));
        MotoLake.nextSecond();
        List<GeneratedFile> after = source.changes(new DmsWorkload(seed, 0, 0, 5, 60, 0.25, 0.5, 0.3));
        lake.upload(after);
        messages.addAll(lake.takeAllMessages());
        // AND invocations die at the step, every message (removals included) delivered twice, shuffled
        Deliveries.untilAccepted(lake.handler(new CrashAt(step, 2)), Deliveries.twiceShuffled(messages, seed), new Random(seed + 3));

        // THEN the current table holds only the rows written after the TRUNCATE, and every change is there once
        LakeExpectations.currentTableEqualsSource(lake, ORDERS, source.contents(), dir);
        List<GeneratedFile> read = new ArrayList<>(before);
        read.addAll(after);
        LakeExpectations.changesTableHoldsEveryDmsRowOnce(lake, ORDERS, read, dir);
        assertThat(lake.manifest(ORDERS).epochs()).extracting(TableEpoch::cause).containsExactly(TableEpoch.INITIAL, TableEpoch.CLEARED);
        assertThat(lake.keys("dms/")).as("only the witness").hasSize(1);
    }

    @Test
    void twoInvocationsRacingOnTheSameMessages_commitEachChangeOnce() throws Exception {
        MotoLake.Stack lake = aws.newStack(SHAPE, "public.orders:id");
        DmsFileGenerator.Generated generated = new DmsFileGenerator(SHAPE, ORDERS, true).generate(WORKLOAD, dir.resolve("dms"));
        lake.upload(generated.files());
        List<SQSEvent.SQSMessage> messages = lake.takeAllMessages();

        // WHEN two concurrent invocations each get every message (in different orders)
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Integer>> runs = new ArrayList<>();
        AtomicBoolean start = new AtomicBoolean();
        for (int worker = 0; worker < 2; worker++) {
            List<SQSEvent.SQSMessage> mine = new ArrayList<>(messages);
            java.util.Collections.shuffle(mine, new Random(worker));
            CompactDmsChangesHandler handler = lake.handler(CommitFaults.NONE);
            int seed = worker;
            runs.add(pool.submit(() -> {
                while (!start.get()) {
                    Thread.onSpinWait();
                }
                return Deliveries.untilAccepted(handler, mine, new Random(seed));
            }));
        }
        start.set(true);
        for (Future<Integer> run : runs) {
            run.get();
        }
        pool.shutdown();

        LakeExpectations.currentTableEqualsSource(lake, ORDERS, generated.contents(), dir);
        LakeExpectations.changesTableHoldsEveryDmsRowOnce(lake, ORDERS, generated.files(), dir);
        assertThat(lake.keys("dms/")).isEmpty();
    }

    @Test
    void aConflictAfterTheCommit_publishingLosingItsRaces_keepsTheCommittedFiles_andTheRedoFinishesTheTail() throws Exception {
        // GIVEN DMS's files on the bucket and their notifications
        MotoLake.Stack lake = aws.newStack(SHAPE, "public.orders:id");
        DmsFileGenerator.Generated generated = new DmsFileGenerator(SHAPE, ORDERS, true).generate(WORKLOAD, dir.resolve("dms"));
        lake.upload(generated.files());
        List<SQSEvent.SQSMessage> messages = lake.takeAllMessages();

        // WHEN the first commit is followed by a conflict (other invocations kept publishing the table first)
        AtomicBoolean raced = new AtomicBoolean();
        CommitFaults lostPublishingRaces = step -> {
            if (step == CommitStep.COMMITTED && raced.compareAndSet(false, true)) {
                throw new ManifestConflictException("lake/tables/public/orders_current/manifest");
            }
        };
        Deliveries.untilAccepted(lake.handler(lostPublishingRaces), messages, new Random(11));

        // THEN the files that commit referenced are still there: the redo finds its inputs consumed and publishes them
        assertThat(raced).isTrue();
        LakeExpectations.currentTableEqualsSource(lake, ORDERS, generated.contents(), dir);
        LakeExpectations.changesTableHoldsEveryDmsRowOnce(lake, ORDERS, generated.files(), dir);
        assertThat(lake.keys("dms/")).isEmpty();
    }
}
