package dmsrunbook.spec;

/**
 * When replication counts as in sync: latency at or under {@code cdcLatencySeconds} for {@code stableForSeconds}
 * in a row, checked every {@code pollIntervalSeconds}, giving up after {@code maxWaitSeconds} from the start.
 * Before the cutover, while the application still writes, a table's row counts may differ by
 * {@code maxInFlightRowDifferencePercent} of its rows (changes in flight); after it, they must be equal.
 */
public record Thresholds(int cdcLatencySeconds, int stableForSeconds, int maxWaitSeconds, int pollIntervalSeconds,
                         double maxInFlightRowDifferencePercent) {

    public static final int DEFAULT_CDC_LATENCY_SECONDS = 10;
    public static final int DEFAULT_STABLE_FOR_SECONDS = 300;
    public static final int DEFAULT_MAX_WAIT_SECONDS = 48 * 3600;
    public static final int DEFAULT_POLL_INTERVAL_SECONDS = 60;
    public static final double DEFAULT_MAX_IN_FLIGHT_ROW_DIFFERENCE_PERCENT = 1.0;
}
