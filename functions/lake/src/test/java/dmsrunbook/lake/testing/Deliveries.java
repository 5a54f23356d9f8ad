package dmsrunbook.lake.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dmsrunbook.lake.CompactDmsChangesHandler;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Plays Lambda's SQS event source mapping over a fixed list of deliveries, for tests that choose the order. */
public final class Deliveries {

    private Deliveries() {
    }

    /** Every message twice, shuffled by {@code seed}: what an at-least-once queue may do. */
    public static List<SQSEvent.SQSMessage> twiceShuffled(List<SQSEvent.SQSMessage> messages, long seed) {
        List<SQSEvent.SQSMessage> deliveries = new ArrayList<>(messages);
        deliveries.addAll(messages);
        Collections.shuffle(deliveries, new Random(seed));
        return deliveries;
    }

    /**
     * Delivers in batches of 1..10; a message reported failed (or in a batch whose call died) goes back to the end of
     * the line. Returns the number of handler calls.
     */
    public static int untilAccepted(CompactDmsChangesHandler handler, List<SQSEvent.SQSMessage> deliveries, Random random) {
        Deque<SQSEvent.SQSMessage> line = new ArrayDeque<>(deliveries);
        int calls = 0;
        while (!line.isEmpty()) {
            assertThat(calls).as("handler calls before every message was accepted").isLessThan(200);
            int size = Math.min(line.size(), 1 + random.nextInt(10));
            List<SQSEvent.SQSMessage> batch = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                batch.add(line.poll());
            }
            calls++;
            Set<String> failed = failed(handler, batch);
            for (SQSEvent.SQSMessage message : batch) {
                if (failed.contains(message.getMessageId())) {
                    line.add(message);
                }
            }
        }
        return calls;
    }

    /** Delivers one batch; returns the ids of the messages to retry (all of them when the call died). */
    public static Set<String> failed(CompactDmsChangesHandler handler, List<SQSEvent.SQSMessage> batch) {
        SQSEvent event = new SQSEvent();
        event.setRecords(batch);
        Set<String> failed = new HashSet<>();
        try {
            SQSBatchResponse response = handler.handleRequest(event, TestLambdaContext.create());
            response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
        } catch (RuntimeException crashed) {
            batch.forEach(m -> failed.add(m.getMessageId()));
        }
        return failed;
    }
}
