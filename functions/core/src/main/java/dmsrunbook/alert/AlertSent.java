package dmsrunbook.alert;

import dmsrunbook.report.ReportLink;

/** The alert that went out: where, about which phase, what it said, and the report it links. */
public record AlertSent(String topicArn, String messageId, String phase, String subject, String message, ReportLink report) {
}
