package dmsrunbook.error;

/** Thrown when a database refuses the credentials, a privilege, or a statement: retrying will not help. */
public final class DatabaseAccessException extends TerminalException {

    public DatabaseAccessException(String message, String remediation, Throwable cause) {
        super(message, remediation, cause);
    }
}
