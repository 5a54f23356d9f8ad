package dmsrunbook.lake.events;

import dmsrunbook.error.Failures;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Sends continuations to the lake's queue ({@code LAKE_QUEUE_URL}), the one its notifications arrive on. */
public final class SqsContinuationSender implements ContinuationSender {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsContinuationSender(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(Continuation continuation) {
        try {
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(continuation.body()));
        } catch (SdkException e) {
            throw Failures.ofAws("SQS SendMessage " + queueUrl, e);
        }
    }
}
