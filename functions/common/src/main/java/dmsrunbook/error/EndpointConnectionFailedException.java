package dmsrunbook.error;

/** Thrown when the replication engine cannot reach the source or the target endpoint. */
public final class EndpointConnectionFailedException extends TerminalException {

    public EndpointConnectionFailedException(String message, String remediation) {
        super(message, remediation);
    }
}
