package dmsrunbook.validation;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a validation concluded about one table. */
public enum TableVerdict {
    /** The same data on both sides, on the evidence the table's mode gives. */
    EQUAL("equal"),
    /**
     * Before the cutover, compared by counts only (or, without a key, one whole-table checksum), so a difference could
     * not be located and re-checked: within {@code thresholds.maxInFlightRowDifferencePercent} it passes; the final
     * validation decides.
     */
    IN_FLIGHT("in-flight"),
    /** Differs while the application writes: its differing ranges are diffed again once replication caught up. */
    RECHECK("recheck"),
    /** Differs, for good: the cutover must not go ahead. */
    DIFFERENT("different"),
    /** Could not be diffed (a terminal error: no privilege, out of time); what it found is unknown. */
    FAILED("failed");

    private final String value;

    TableVerdict(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    /** Whether the cutover is refused over this table. */
    public boolean refuses() {
        return this == DIFFERENT || this == FAILED;
    }
}
