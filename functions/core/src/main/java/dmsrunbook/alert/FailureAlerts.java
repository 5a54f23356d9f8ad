package dmsrunbook.alert;

import com.fasterxml.jackson.databind.JsonNode;
import dmsrunbook.error.Failures;
import dmsrunbook.report.MigrationReports;
import dmsrunbook.report.ReportLink;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Tells on-call that a migration failed: which migration, in which phase (read back from the execution history,
 * so every Catch can share one alert state), the error, its cause with the fix, and a link to the execution.
 * One message per failure; credentials are masked before anything is sent. The execution's report is written first
 * and linked (or the message says why it was not): the alert goes out either way.
 */
public final class FailureAlerts {

    /** The states of the failure path itself, skipped when looking for the phase that failed. */
    static final Set<String> ALERT_STATES = Set.of("AlertOnCall", "AlertOnCallDirectly", "MigrationFailed");

    private final SnsClient sns;
    private final SfnClient sfn;
    private final String defaultTopicArn;
    private final String region;
    private final MigrationReports reports;

    public FailureAlerts(SnsClient sns, SfnClient sfn, String defaultTopicArn, String region, MigrationReports reports) {
        this.sns = sns;
        this.sfn = sfn;
        this.defaultTopicArn = defaultTopicArn;
        this.region = region;
        this.reports = reports;
    }

    public AlertSent publish(FailureNotice notice) {
        String migrationId = text(notice.spec(), "migrationId", text(notice.input(), "migrationId", "(unnamed migration)"));
        String topic = text(notice.spec(), "alertTopicArn", defaultTopicArn);
        String phase = failedPhase(notice.executionId());
        String error = text(notice.failure(), "Error", "unknown error");
        String cause = FailureCause.message(text(notice.failure(), "Cause", ""));
        ReportLink report = reports.writeSafely(notice.executionId(), "FAILED", error, text(notice.failure(), "Cause", null), notice.state());
        String subject = truncate("[dms-runbook] " + migrationId + " FAILED in " + phase, 100);
        String message = Redaction.scrub("Migration " + migrationId + " failed in phase " + phase + ".\n\n"
                + "Error: " + shortName(error) + "\n"
                + "Cause: " + cause + "\n\n"
                + "Execution: " + consoleLink(notice.executionId()) + "\n"
                + report.line() + "\n\n"
                + "Nothing else runs for this execution; replication that already started keeps running until you stop it "
                + "or start the migration again (it resumes).");
        try {
            String messageId = sns.publish(b -> b.topicArn(topic).subject(subject).message(message)).messageId();
            return new AlertSent(topic, messageId, phase, subject, message, report);
        } catch (SdkException e) {
            throw Failures.ofAws("SNS Publish of the failure alert", e);
        }
    }

    /** The last state entered before the failure path: the phase that failed. */
    String failedPhase(String executionArn) {
        try {
            List<HistoryEvent> newestFirst = new ArrayList<>(
                    sfn.getExecutionHistory(b -> b.executionArn(executionArn).reverseOrder(true).maxResults(200)).events());
            // Sorted again by id: not every implementation honours reverseOrder.
            newestFirst.sort(Comparator.comparing(HistoryEvent::id).reversed());
            for (HistoryEvent event : newestFirst) {
                if (event.stateEnteredEventDetails() != null && !ALERT_STATES.contains(event.stateEnteredEventDetails().name())) {
                    return event.stateEnteredEventDetails().name();
                }
            }
        } catch (SdkException e) {
            // The alert matters more than its phase name: send it without.
        }
        return "an unknown phase";
    }

    private String consoleLink(String executionArn) {
        return "https://" + region + ".console.aws.amazon.com/states/home?region=" + region + "#/v2/executions/details/" + executionArn;
    }

    private static String shortName(String error) {
        int dot = error.lastIndexOf('.');
        return error.startsWith("dmsrunbook.") && dot > 0 ? error.substring(dot + 1) : error;
    }

    private static String text(JsonNode node, String field, String fallback) {
        return node != null && node.hasNonNull(field) && node.get(field).isTextual() ? node.get(field).asText() : fallback;
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
