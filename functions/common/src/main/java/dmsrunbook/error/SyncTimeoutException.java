package dmsrunbook.error;

/** Thrown when replication did not reach the spec's latency threshold within its maximum wait. */
public final class SyncTimeoutException extends TerminalException {

    public SyncTimeoutException(String message, String remediation) {
        super(message, remediation);
    }
}
