package dmsrunbook.validation.diff;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a table's verdict rests on, strongest first; a sign-off reads it next to {@code equal}. */
public enum Evidence {
    /** Every row of both sides fetched and compared. */
    ROWS("rows"),
    /** Count and checksum per key range inside each database; the rows of differing ranges fetched and compared. */
    CHECKSUMS("checksums"),
    /** No usable key: row count and one order-independent checksum of the whole table; differences cannot be located. */
    WHOLE_TABLE_CHECKSUM("whole-table-checksum"),
    /** Row counts only. */
    COUNTS("counts"),
    /** The table does not exist on one side. */
    MISSING_TABLE("missing-table");

    private final String value;

    Evidence(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }
}
