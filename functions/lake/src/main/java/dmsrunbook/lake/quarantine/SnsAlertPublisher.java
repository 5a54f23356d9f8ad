package dmsrunbook.lake.quarantine;

import dmsrunbook.error.Failures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;

/** Publishes alerts to an SNS topic (subjects cut to SNS's 100 characters); logs them when no topic is set. */
public final class SnsAlertPublisher implements AlertPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(SnsAlertPublisher.class);

    private final SnsClient sns;
    private final String topicArn;

    public SnsAlertPublisher(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public void alert(String subject, String message) {
        LOG.warn("{}: {}", subject, message);
        if (topicArn == null) {
            return;
        }
        String shortSubject = subject.length() > 100 ? subject.substring(0, 97) + "..." : subject;
        try {
            sns.publish(b -> b.topicArn(topicArn).subject(shortSubject).message(message));
        } catch (SdkException e) {
            throw Failures.ofAws("SNS Publish " + topicArn, e);
        }
    }
}
