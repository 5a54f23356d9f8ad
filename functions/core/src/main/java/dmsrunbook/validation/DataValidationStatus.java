package dmsrunbook.validation;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a validation stands, as the state machine's Choice reads it. */
public enum DataValidationStatus {
    /** Work items are listed to be diffed (the plan's, or the re-checks' after a wait). */
    PENDING("pending"),
    /** Every table is equal (or, before the cutover, within the in-flight tolerance): go on. */
    EQUAL("equal");

    private final String value;

    DataValidationStatus(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }
}
