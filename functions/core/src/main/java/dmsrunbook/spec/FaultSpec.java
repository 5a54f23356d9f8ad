package dmsrunbook.spec;

/**
 * How long the workflow rides through a database it cannot reach (a restart, a failover, a maintenance window): the
 * replication checks keep polling, every {@code retryIntervalSeconds}, for up to {@code retryWindowSeconds} from the
 * first failed connection; past the window the migration stops with one alert naming the database.
 */
public record FaultSpec(int retryWindowSeconds, int retryIntervalSeconds) {

    /** Ten minutes: a Multi-AZ failover or a minor-version restart fits, a database gone for good does not wait long. */
    public static final int DEFAULT_RETRY_WINDOW_SECONDS = 600;
    public static final int DEFAULT_RETRY_INTERVAL_SECONDS = 15;
    public static final int MAX_RETRY_WINDOW_SECONDS = 86_400;

    /** What a spec without a {@code faults} block gets. */
    public static FaultSpec defaults() {
        return new FaultSpec(DEFAULT_RETRY_WINDOW_SECONDS, DEFAULT_RETRY_INTERVAL_SECONDS);
    }
}
