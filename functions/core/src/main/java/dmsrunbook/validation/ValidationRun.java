package dmsrunbook.validation;

/**
 * Which of the two validations runs: the one while the application still writes (after the sync, before the cutover
 * is requested), or the final one after it went read-only and the last changes drained.
 */
public enum ValidationRun {
    /**
     * Changes may be in flight: differences are re-checked after replication caught up and only those that persist
     * count; counts that cannot locate a difference pass within {@code thresholds.maxInFlightRowDifferencePercent}.
     */
    IN_FLIGHT("in-flight"),
    /** Every table must match exactly, and every invariant hold. */
    FINAL("final");

    private final String value;

    ValidationRun(String value) {
        this.value = value;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String value() {
        return value;
    }
}
