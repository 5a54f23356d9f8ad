package dmsrunbook.report;

/**
 * The completion notice that went out (topic and message id) and the report it links: the execution's output keeps
 * it, so the report's SHA-256 is in the output of every successful execution.
 */
public record CompletionSent(String topicArn, String messageId, ReportLink report) {
}
