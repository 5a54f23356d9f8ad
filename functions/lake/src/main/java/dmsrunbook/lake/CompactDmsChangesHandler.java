package dmsrunbook.lake;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.List;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The lake Lambda: SQS batches of S3 "DMS wrote a file" notifications in, compacted changes, current state and Glue
 * tables out. Returns the messages to retry as a partial batch response ({@code ReportBatchItemFailures}); what the
 * batch did also goes to CloudWatch ({@link LakeMetrics}).
 */
public final class CompactDmsChangesHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final long FINISH_RESERVE_MILLIS = 60_000;

    private final LakeIngestService service;

    /** For Lambda: settings and clients from the environment, built once per sandbox (and snapshotted by SnapStart). */
    public CompactDmsChangesHandler() {
        this(LakeServices.fromEnvironment().ingestService());
        SnapStartPriming.register();
    }

    /** For the local deployment: settings and clients from an explicit environment. */
    public CompactDmsChangesHandler(java.util.Map<String, String> environment) {
        this(LakeServices.from(environment).ingestService());
    }

    public CompactDmsChangesHandler(LakeIngestService service) {
        this.service = service;
    }

    /**
     * When to stop starting rounds: a minute before Lambda stops the function, so the last round finishes (a round
     * cut short is redone from its messages, which costs time but loses nothing).
     */
    static long deadline(Context context) {
        return System.currentTimeMillis() + context.getRemainingTimeInMillis() - FINISH_RESERVE_MILLIS;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            List<LakeIngestService.Message> messages = event.getRecords().stream()
                    .map(m -> new LakeIngestService.Message(m.getMessageId(), m.getBody())).toList();
            LakeIngestService.BatchOutcome outcome = service.ingest(messages, deadline(context));
            LakeMetrics.publish(outcome);
            return SQSBatchResponse.builder().withBatchItemFailures(outcome.failedMessageIds().stream()
                    .map(id -> SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(id).build()).toList()).build();
        });
    }
}
