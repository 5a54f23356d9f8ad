package dmsrunbook.report;

import com.fasterxml.jackson.databind.JsonNode;
import dmsrunbook.alert.Redaction;
import dmsrunbook.error.Failures;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The end of a successful migration: writes its report, then tells on-call with the closing summary (what StopReplication
 * wrote), the report's link and its JSON's SHA-256. A report that could not be written is said in the message
 * ("Report not written: ..."); the notice goes out regardless.
 */
public final class CompletionNotices {

    private final SnsClient sns;
    private final MigrationReports reports;
    private final String defaultTopicArn;

    public CompletionNotices(SnsClient sns, MigrationReports reports, String defaultTopicArn) {
        this.sns = sns;
        this.reports = reports;
        this.defaultTopicArn = defaultTopicArn;
    }

    public CompletionSent publish(CompletionRequest request) {
        JsonNode state = request.state();
        JsonNode spec = state.path("spec");
        String migrationId = spec.path("migrationId").asText("(unnamed migration)");
        String topic = spec.hasNonNull("alertTopicArn") ? spec.get("alertTopicArn").asText() : defaultTopicArn;
        ReportLink report = reports.writeSafely(request.executionId(), "SUCCEEDED", null, null, state);
        String summary = state.path("stop").path("summary").asText("Migration " + migrationId + " is complete.\n");
        String subject = "[dms-runbook] " + migrationId + " migration complete";
        String message = Redaction.scrub(summary + (summary.endsWith("\n") ? "" : "\n") + "\n" + report.line() + "\n");
        try {
            String messageId = sns.publish(b -> b.topicArn(topic).subject(subject.length() > 100 ? subject.substring(0, 97) + "..." : subject)
                    .message(message)).messageId();
            return new CompletionSent(topic, messageId, report);
        } catch (SdkException e) {
            throw Failures.ofAws("SNS Publish of the completion notice", e);
        }
    }
}
