package dmsrunbook.alert;

/** The alert that went out: where, about which phase, and what it said. */
public record AlertSent(String topicArn, String messageId, String phase, String subject, String message) {
}
