package dmsrunbook.lake.commit;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dmsrunbook.lake.CompactDmsChangesHandler;
import dmsrunbook.lake.testing.Deliveries;
import dmsrunbook.lake.testing.DmsEndpointShape;
import dmsrunbook.lake.testing.DmsFileGenerator;
import dmsrunbook.lake.testing.DmsReplication;
import dmsrunbook.lake.testing.GeneratedFile;
import dmsrunbook.lake.testing.LakeExpectations;
import dmsrunbook.lake.testing.MotoLake;
import dmsrunbook.lake.testing.MotoLakeIT;
import dmsrunbook.lake.testing.SourceTable;
import dmsrunbook.lake.testing.TestLambdaContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A batch of large LOAD files (a full load or a reload of a big table) must not fill the function's /tmp: the lake
 * takes them in a round at a time within its input budget, and what does not fit before the invocation's time is up
 * is handed on to the next invocation through the lake's queue (or, with no queue to hand on to, goes back to it).
 */
class RoundBudgetIT extends MotoLakeIT {

    private static final SourceTable ORDERS = SourceTable.orders();
    private static final DmsEndpointShape SHAPE = DmsEndpointShape.defaults();

    @Test
    void aBatchOfLoadFilesFarLargerThanTheBudget_isTakenInRoundByRound_andTheWorkFolderStaysWithinTwiceTheBudget() throws Exception {
        // GIVEN eight LOAD files and a round budget of about two and a half of them
        Path work = Files.createDirectories(dir.resolve("tmp"));
        DmsReplication source = new DmsFileGenerator(SHAPE, ORDERS, true).replicate(3, dir.resolve("dms"));
        List<GeneratedFile> load = source.fullLoad(16_000, 2_000);
        long fileBytes = Files.size(load.get(0).file());
        long budget = fileBytes * 5 / 2;
        MotoLake.Stack lake = aws.newStack(SHAPE, "public.orders:id", Map.of("LAKE_WORK_DIR", work.toString(), "LAKE_MERGE_FAN_IN", "50"))
                .withSettings(settings -> settings.withRoundInputBytes(budget));
        lake.upload(load);
        List<SQSEvent.SQSMessage> messages = lake.takeAllMessages();
        assertThat(messages).as("one per file, and S3's test event").hasSize(9);

        // WHEN they arrive in one batch, and the work folder is measured once each round's changes are written
        AtomicLong peak = new AtomicLong();
        CompactDmsChangesHandler handler = lake.handler(step -> {
            if (step == CommitStep.CHANGES_UPLOADED) {
                peak.accumulateAndGet(bytesUnder(work), Math::max);
            }
        });
        assertThat(Deliveries.failed(handler, messages)).isEmpty();

        // THEN it took four rounds (two files each), the folder never held more than the round's inputs and outputs
        assertThat(lake.manifest(ORDERS).version()).as("one commit per round").isEqualTo(4);
        long everything = load.stream().mapToLong(f -> size(f.file())).sum();
        assertThat(peak.get()).isPositive().isLessThanOrEqualTo(2 * budget).isLessThan(everything);
        assertThat(bytesUnder(work)).as("each round's work folder is removed").isZero();
        LakeExpectations.currentTableEqualsSource(lake, ORDERS, source.contents(), dir);
    }

    @Test
    void outOfTimeWithNoQueueToHandOnTo_theFilesNotYetTakenIn_failTheirMessages_andTheNextDeliveryFinishesTheTable() throws Exception {
        DmsReplication source = new DmsFileGenerator(SHAPE, ORDERS, true).replicate(4, dir.resolve("dms"));
        List<GeneratedFile> load = source.fullLoad(6_000, 1_000);
        long oneFile = Files.size(load.get(0).file());
        MotoLake.Stack lake = aws.newStack(SHAPE, "public.orders:id", Map.of("LAKE_QUEUE_URL", ""))
                .withSettings(settings -> settings.withRoundInputBytes(oneFile));
        lake.upload(load);
        List<SQSEvent.SQSMessage> messages = lake.takeAllMessages();
        CompactDmsChangesHandler handler = lake.handler(CommitFaults.NONE);

        // WHEN the invocation has no time left after its first round
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        SQSBatchResponse response = handler.handleRequest(event, TestLambdaContext.create(0));

        // THEN the first file is in, the other five messages go back to the queue
        assertThat(response.getBatchItemFailures()).hasSize(5);
        assertThat(lake.manifest(ORDERS).consumed()).hasSize(1);
        // AND delivered again with time to spare, they complete the table
        List<SQSEvent.SQSMessage> back = messages.stream()
                .filter(m -> response.getBatchItemFailures().stream().anyMatch(f -> f.getItemIdentifier().equals(m.getMessageId()))).toList();
        assertThat(Deliveries.failed(handler, back)).isEmpty();
        LakeExpectations.currentTableEqualsSource(lake, ORDERS, source.contents(), dir);
        LakeExpectations.changesTableHoldsEveryDmsRowOnce(lake, ORDERS, load, dir);
    }

    @Test
    void aLoadNeedingMoreInvocationsThanTheQueuesMaxReceiveCount_goesOnByItself_andNothingReachesTheDeadLetterQueue()
            throws Exception {
        // GIVEN seven LOAD files, a round budget of one file, and a dead-letter queue after 5 receives, as deployed
        DmsReplication source = new DmsFileGenerator(SHAPE, ORDERS, true).replicate(5, dir.resolve("dms"));
        List<GeneratedFile> load = source.fullLoad(7_000, 1_000);
        long oneFile = Files.size(load.get(0).file());
        MotoLake.Stack lake = aws.newStack(SHAPE, "public.orders:id").withSettings(settings -> settings.withRoundInputBytes(oneFile));
        String deadLetters = lake.withDeadLetterQueue(5);
        lake.upload(load);

        // WHEN Lambda polls the queue and every invocation has time for one round only
        int calls = lake.drain(lake.handler(CommitFaults.NONE), 50, 0);

        // THEN the load went on from invocation to invocation until every file was in, and no message was given up on
        assertThat(lake.messagesOn(deadLetters)).as("messages in the dead-letter queue").isZero();
        assertThat(calls).as("one invocation per round").isGreaterThanOrEqualTo(load.size());
        assertThat(lake.messagesOn(lake.queueUrl)).isZero();
        LakeExpectations.currentTableEqualsSource(lake, ORDERS, source.contents(), dir);
        LakeExpectations.changesTableHoldsEveryDmsRowOnce(lake, ORDERS, load, dir);
        assertThat(lake.keys("dms/")).isEmpty();
    }

    @Test
    void aContinuationDeliveredTwice_takesEveryFileInOnce() throws Exception {
        DmsReplication source = new DmsFileGenerator(SHAPE, ORDERS, true).replicate(6, dir.resolve("dms"));
        List<GeneratedFile> load = source.fullLoad(4_000, 1_000);
        long oneFile = Files.size(load.get(0).file());
        MotoLake.Stack lake = aws.newStack(SHAPE, "public.orders:id").withSettings(settings -> settings.withRoundInputBytes(oneFile));
        lake.upload(load);
        CompactDmsChangesHandler handler = lake.handler(CommitFaults.NONE);

        // WHEN the first invocation has time for one round: its messages are acknowledged, the rest handed on
        assertThat(deliver(handler, lake.takeAllMessages(), 0).getBatchItemFailures()).isEmpty();
        List<SQSEvent.SQSMessage> continuation = lake.takeAllMessages();
        assertThat(continuation).singleElement().satisfies(m -> assertThat(m.getBody()).contains("dms-lake-continuation")
                .contains(load.get(3).key()).doesNotContain(load.get(0).key()));
        // AND the continuation arrives twice, each time with time for one round
        assertThat(deliver(handler, continuation, 0).getBatchItemFailures()).isEmpty();
        assertThat(deliver(handler, continuation, 0).getBatchItemFailures()).isEmpty();
        lake.drain(handler, 20);

        // THEN every file is in once
        LakeExpectations.currentTableEqualsSource(lake, ORDERS, source.contents(), dir);
        LakeExpectations.changesTableHoldsEveryDmsRowOnce(lake, ORDERS, load, dir);
        assertThat(lake.manifest(ORDERS).consumed()).hasSize(load.size());
    }

    private static SQSBatchResponse deliver(CompactDmsChangesHandler handler, List<SQSEvent.SQSMessage> messages, int remainingMillis) {
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return handler.handleRequest(event, TestLambdaContext.create(remainingMillis));
    }

    private static long bytesUnder(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(RoundBudgetIT::size).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            // Deleted while the folder was walked.
            return 0;
        }
    }
}
