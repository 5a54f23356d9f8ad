package dmsrunbook.error;

/**
 * Thrown when a database cannot be reached or dropped the connection mid-query. Retried by the state
 * machine a few times, since networks and failovers pass; persistent failures end as this same error.
 */
public final class DatabaseUnavailableException extends RetryableException {

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, "Check that the database is up and reachable from the Lambda's VPC (security groups, routes, VPN).", cause);
    }
}
