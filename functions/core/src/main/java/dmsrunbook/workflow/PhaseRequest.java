package dmsrunbook.workflow;

import dmsrunbook.sync.SyncWait;
import dmsrunbook.validation.ValidationRun;

/**
 * What every phase Lambda receives: the execution it serves (for logs and links), the state so far, and for the
 * phases that run twice, which run this is ({@code syncWait}: catch-up or final; {@code validationRun}: in-flight or final).
 */
public record PhaseRequest(String executionId, WorkflowState state, SyncWait syncWait, ValidationRun validationRun) {
}
