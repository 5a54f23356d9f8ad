package dmsrunbook.error;

/** Thrown when a Secrets Manager secret cannot be read or lacks the fields a connection needs. */
public final class SecretUnavailableException extends TerminalException {

    public SecretUnavailableException(String message, String remediation) {
        super(message, remediation);
    }
}
