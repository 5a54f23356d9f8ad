package dmsrunbook.validation;

/** When the counts are taken: while the application still writes, or after it went read-only and changes drained. */
public enum CountMode {
    /** Differences within {@code thresholds.maxInFlightRowDifferencePercent} are changes still in flight. */
    IN_FLIGHT("in-flight"),
    /** Every table must match exactly. */
    FINAL("final");

    private final String value;

    CountMode(String value) {
        this.value = value;
    }

    @com.fasterxml.jackson.annotation.JsonValue
    public String value() {
        return value;
    }
}
