package dmsrunbook.error;

/**
 * Thrown when a database stayed unreachable for longer than the spec's {@code faults.retryWindowSeconds}: no longer a
 * passing fault but an outage a person must look at. The message names the database, since when it has been
 * unreachable, the last connection error, and how much change log the source's slots hold meanwhile.
 */
public final class DatabaseOutageException extends TerminalException {

    public DatabaseOutageException(String message, String remediation, Throwable cause) {
        super(message, remediation, cause);
    }
}
