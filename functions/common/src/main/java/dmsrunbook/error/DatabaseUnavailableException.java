package dmsrunbook.error;

/**
 * Thrown when a database cannot be reached or dropped the connection mid-query (refused, timed out, shut down,
 * restarting). Retryable: restarts, failovers and network blips pass. The replication checks ride it through for the
 * spec's {@code faults.retryWindowSeconds} ({@link DatabaseOutageException} past it); the state machine retries other
 * phases with backoff.
 */
public final class DatabaseUnavailableException extends RetryableException {

    private final String database;

    public DatabaseUnavailableException(String message, Throwable cause) {
        this(message, null, cause);
    }

    /** {@code database}: which database could not be reached, as the spec describes it (never with credentials). */
    public DatabaseUnavailableException(String message, String database, Throwable cause) {
        super(message, "Check that the database is up and reachable from the Lambda's VPC (security groups, routes, VPN).", cause);
        this.database = database;
    }

    /** The database that could not be reached, as the spec describes it; null when not known. */
    public String database() {
        return database;
    }
}
