package dmsrunbook.workflow;

import java.util.List;

/**
 * The approver's answer to the cutover request as {@code runbook approve} sends it: who approves and, when a model
 * proposed conversions (schema.aiAssist), the names of those accepted. The state machine keeps {@code approvedBy} as
 * the {@link Approval} and the names as the {@link ConversionAcceptance}, nothing else of it.
 */
public record ApprovalAnswer(String approvedBy, List<String> acceptedConversions) {
}
