package dmsrunbook.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Reads what the runbook publishes to its SNS topic (alerts, approval requests, reports) through an SQS queue
 * subscribed to it with raw delivery: what on-call's mailbox would receive.
 */
public final class AlertInbox {

    /** One SNS message: its subject (empty when none) and text. */
    public record Notice(String subject, String message) {
    }

    private final LocalAws aws;
    private final String queueUrl;
    private final List<Notice> received = new CopyOnWriteArrayList<>();

    private AlertInbox(LocalAws aws, String queueUrl) {
        this.aws = aws;
        this.queueUrl = queueUrl;
    }

    public static AlertInbox subscribe(LocalAws aws, String topicArn, String name) {
        String queueUrl = aws.sqs().createQueue(b -> b.queueName(name)).queueUrl();
        String queueArn = aws.sqs().getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        aws.clients().sns().subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
        return new AlertInbox(aws, queueUrl);
    }

    /** Every notice received so far, oldest first. */
    public List<Notice> notices() {
        drain();
        return List.copyOf(received);
    }

    /** Waits for a notice matching {@code condition}. */
    public Notice await(Predicate<Notice> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Notice> match = notices().stream().filter(condition).findFirst();
            if (match.isPresent()) {
                return match.get();
            }
            sleep(200);
        }
        throw new AssertionError("no matching SNS message within " + timeout + "; received: " + received);
    }

    private void drain() {
        List<Message> messages;
        do {
            messages = aws.sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            List<Notice> batch = new ArrayList<>();
            for (Message message : messages) {
                batch.add(parse(message.body()));
                aws.sqs().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
            received.addAll(batch);
        } while (!messages.isEmpty());
    }

    /** SNS wraps the message in a JSON envelope for SQS subscribers. */
    private static Notice parse(String body) {
        try {
            var envelope = dmsrunbook.internal.Json.tree(body);
            if (envelope.has("Message")) {
                return new Notice(envelope.path("Subject").asText(""), envelope.get("Message").asText());
            }
        } catch (IllegalArgumentException e) {
            // A raw message.
        }
        return new Notice("", body);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
