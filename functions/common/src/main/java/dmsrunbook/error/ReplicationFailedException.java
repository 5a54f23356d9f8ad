package dmsrunbook.error;

/** Thrown when the replication task (or subscription) failed, or a table in it errored. */
public final class ReplicationFailedException extends TerminalException {

    public ReplicationFailedException(String message, String remediation) {
        super(message, remediation);
    }

    public ReplicationFailedException(String message, String remediation, Throwable cause) {
        super(message, remediation, cause);
    }
}
