package dmsrunbook.deploy;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dmsrunbook.local.LocalLambdaContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * What Lambda's SQS event source mapping does, for a function deployed locally: receives batches from the queue,
 * calls the handler with an {@link SQSEvent}, deletes what succeeded and, with {@code ReportBatchItemFailures}, leaves
 * the failed messages for another try. Locally a failed message comes back after a second, not after the queue's
 * visibility timeout, so retries and the dead-letter queue's redrive happen while a test waits.
 */
final class SqsEventSourceMapping implements AutoCloseable {

    private static final int RETRY_AFTER_SECONDS = 1;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SqsEventSourceMapping.class);

    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final String functionName;
    private final RequestHandler<SQSEvent, SQSBatchResponse> handler;
    private final int batchSize;
    private final Thread poller;
    private volatile boolean running = true;

    SqsEventSourceMapping(SqsClient sqs, String queueUrl, String queueArn, String functionName,
                          RequestHandler<SQSEvent, SQSBatchResponse> handler, int batchSize) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.functionName = functionName;
        this.handler = handler;
        this.batchSize = Math.min(10, batchSize);
        this.poller = new Thread(this::poll, "sqs-event-source-" + functionName);
        this.poller.setDaemon(true);
        this.poller.start();
    }

    @Override
    public void close() {
        running = false;
        poller.interrupt();
    }

    private void poll() {
        while (running) {
            try {
                List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(batchSize).waitTimeSeconds(1)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
                if (!messages.isEmpty()) {
                    deliver(messages);
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warn("polling {} for {} failed: {}", queueUrl, functionName, e.toString());
                sleep(500);
            }
        }
    }

    private void deliver(List<Message> messages) {
        SQSEvent event = new SQSEvent();
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message message : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(message.messageId());
            record.setReceiptHandle(message.receiptHandle());
            record.setBody(message.body());
            record.setMd5OfBody(message.md5OfBody());
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(queueArn);
            record.setAwsRegion(LocalAws.REGION);
            record.setAttributes(message.attributesAsStrings());
            records.add(record);
        }
        event.setRecords(records);
        Set<String> failed;
        try {
            SQSBatchResponse response = handler.handleRequest(event, new LocalLambdaContext(functionName, UUID.randomUUID().toString()));
            failed = response == null || response.getBatchItemFailures() == null ? Set.of()
                    : response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
        } catch (RuntimeException e) {
            // An unhandled error fails the whole batch, as Lambda does.
            LOG.warn("{} failed a batch of {}: {}", functionName, messages.size(), e.toString());
            failed = messages.stream().map(Message::messageId).collect(Collectors.toSet());
        }
        for (Message message : messages) {
            if (failed.contains(message.messageId())) {
                sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()).visibilityTimeout(RETRY_AFTER_SECONDS));
            } else {
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
