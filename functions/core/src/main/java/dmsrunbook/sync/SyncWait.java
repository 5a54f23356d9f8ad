package dmsrunbook.sync;

/** Which wait a sync check belongs to: the first wait for CDC to catch up, or the last one after writes stopped. */
public enum SyncWait {
    /** Before the cutover: latency under {@code thresholds.cdcLatencySeconds} for {@code stableForSeconds}. */
    CATCH_UP("catch-up"),
    /** After approval, the application read-only: latency down to {@code cutover.maxFinalLatencySeconds}. */
    FINAL("final");

    private final String value;

    SyncWait(String value) {
        this.value = value;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String value() {
        return value;
    }
}
