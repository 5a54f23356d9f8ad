package dmsrunbook.lake.commit;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dmsrunbook.lake.CompactDmsChangesHandler;
import dmsrunbook.lake.layout.DatePartitioning;
import dmsrunbook.lake.testing.DmsEndpointShape;
import dmsrunbook.lake.testing.DmsFileGenerator;
import dmsrunbook.lake.testing.DmsWorkload;
import dmsrunbook.lake.testing.LakeExpectations;
import dmsrunbook.lake.testing.MotoLake;
import dmsrunbook.lake.testing.MotoLakeIT;
import dmsrunbook.lake.testing.SourceTable;
import dmsrunbook.lake.testing.TestLambdaContext;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The commit protocol's promise: whatever step an invocation dies at, and however SQS delivers (twice, out of order,
 * concurrently), the lake ends with every change exactly once and the current table equal to the source.
 */
class CrashAndRedeliveryIT extends MotoLakeIT {

    private static final SourceTable ORDERS = SourceTable.orders();
    private static final DmsEndpointShape SHAPE = DmsEndpointShape.defaults().withPartitioning(new DatePartitioning("YYYYMMDD", "SLASH"));
    private static final DmsWorkload WORKLOAD = new DmsWorkload(77, 400, 150, 10, 90, 0.2, 0.3, 0.3);
    /** Throws at one step, the first {@code times} times it is reached: the invocation dies there. */
    private static final class CrashAt implements CommitFaults {
        private final CommitStep step;
        private int remaining;

        CrashAt(CommitStep step, int times) {
            this.step = step;
            this.remaining = times;
        }

        @Override
        public synchronized void at(CommitStep reached) {
            if (reached == step && remaining > 0) {
                remaining--;
                throw new IllegalStateException("simulated crash at " + reached);
            }
        }
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
        CompactDmsChangesHandler handler = lake.handler(new CrashAt(step, 2));
        List<SQSEvent.SQSMessage> deliveries = new ArrayList<>(messages);
        deliveries.addAll(messages);
        Collections.shuffle(deliveries, new Random(step.ordinal()));
        int calls = deliverUntilAccepted(handler, deliveries, new Random(step.ordinal() + 100));

        // THEN nothing is lost, nothing duplicated
        assertThat(calls).isGreaterThan(1);
        LakeExpectations.currentTableEqualsSource(lake, ORDERS, generated.contents(), dir);
        LakeExpectations.changesTableHoldsEveryDmsRowOnce(lake, ORDERS, generated.files(), dir);
        assertThat(lake.keys("dms/")).as("DMS inputs left behind").isEmpty();
        assertThat(lake.keys("quarantine/")).isEmpty();
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
            Collections.shuffle(mine, new Random(worker));
            CompactDmsChangesHandler handler = lake.handler(CommitFaults.NONE);
            int seed = worker;
            runs.add(pool.submit(() -> {
                while (!start.get()) {
                    Thread.onSpinWait();
                }
                return deliverUntilAccepted(handler, mine, new Random(seed));
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

    /**
     * Plays the event source mapping over a fixed list of deliveries: batches of 1..10, a message reported failed
     * goes back to the end of the line. Returns the number of handler calls.
     */
    private static int deliverUntilAccepted(CompactDmsChangesHandler handler, List<SQSEvent.SQSMessage> deliveries, Random random) {
        Deque<SQSEvent.SQSMessage> line = new ArrayDeque<>(deliveries);
        int calls = 0;
        while (!line.isEmpty()) {
            assertThat(calls).as("handler calls before every message was accepted").isLessThan(200);
            int size = Math.min(line.size(), 1 + random.nextInt(10));
            List<SQSEvent.SQSMessage> batch = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                batch.add(line.poll());
            }
            SQSEvent event = new SQSEvent();
            event.setRecords(batch);
            calls++;
            Set<String> failed = new HashSet<>();
            try {
                SQSBatchResponse response = handler.handleRequest(event, TestLambdaContext.create());
                response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
            } catch (RuntimeException crashed) {
                batch.forEach(m -> failed.add(m.getMessageId()));
            }
            for (SQSEvent.SQSMessage message : batch) {
                if (failed.contains(message.getMessageId())) {
                    line.add(message);
                }
            }
        }
        return calls;
    }
}
