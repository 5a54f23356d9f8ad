package dmsrunbook.workflow;

import dmsrunbook.spec.StackScope;
import java.util.Map;

/**
 * The functions' own settings, from their environment (template.yaml sets them):
 * {@code ALERT_TOPIC_ARN} (where alerts go when the spec names no topic), {@code LOB_SCAN_TIMEOUT_SECONDS}
 * (how long the preflight may scan one table for its largest LOB, default 120), {@code ASSESSMENT_REPORT_BUCKET}
 * (where the schema assessment writes its full report; none when unset), {@code STACK_NAME} (the tag on the DMS
 * resources the runbook creates, which its IAM policies require) and {@code VALIDATION_BUCKET} (where the data
 * validation keeps its work items, results and reports; the validation functions only), {@code REPORT_BUCKET} (the
 * stack's report bucket: migration reports, and the conversion proposals of schema.aiAssist); and what the stack may reach
 * ({@link StackScope}: its account, region and name prefixes), which ValidateMigrationSpec checks the spec's ARNs against.
 */
public record RunbookSettings(String alertTopicArn, int lobScanTimeoutSeconds, String assessmentReportBucket, String stackName,
        String validationBucket, StackScope stackScope, String reportBucket) {

    public static final int DEFAULT_LOB_SCAN_TIMEOUT_SECONDS = 120;

    public static RunbookSettings from(Map<String, String> env) {
        String timeout = env.get("LOB_SCAN_TIMEOUT_SECONDS");
        String bucket = env.get("ASSESSMENT_REPORT_BUCKET");
        return new RunbookSettings(env.get("ALERT_TOPIC_ARN"),
                timeout == null || timeout.isBlank() ? DEFAULT_LOB_SCAN_TIMEOUT_SECONDS : Integer.parseInt(timeout.trim()),
                bucket == null || bucket.isBlank() ? null : bucket.trim(), env.get("STACK_NAME"), env.get("VALIDATION_BUCKET"),
                StackScope.from(env), env.get("REPORT_BUCKET"));
    }
}
