package dmsrunbook.error;

/**
 * Thrown when the replication stopped itself on an error that resuming it may get past: a subscription that
 * {@code disable_on_error} disabled (a connection lost in a source restart, or a row the target cannot take), a DMS
 * task that failed. Only the replication check resumes it, once; stopped again within the spec's
 * {@code faults.retryWindowSeconds}, it ends the migration as a {@link ReplicationFailedException} with this fix.
 * Anywhere else it is terminal as it is: retrying the same phase would not resume anything.
 */
public final class ReplicationInterruptedException extends TerminalException {

    public ReplicationInterruptedException(String message, String remediation) {
        super(message, remediation);
    }
}
