package dmsrunbook.workflow;

/**
 * What the execution keeps of the approver's answer to its cutover request: who approved, and nothing else the
 * answer carries (the state machine copies these fields only). {@code approvedBy} is null when the answer named nobody.
 */
public record Approval(String approvedBy) {
}
