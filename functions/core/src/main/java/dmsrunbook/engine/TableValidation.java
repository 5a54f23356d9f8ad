package dmsrunbook.engine;

import java.util.Set;

/**
 * What the engine's own row-by-row validation says of one table (AWS DMS with {@code ValidationSettings.EnableValidation}:
 * DescribeTableStatistics' {@code ValidationState} and its record counts). The cutover waits while records are pending
 * or suspended, and is refused when any failed.
 */
public record TableValidation(String state, long failedRecords, long suspendedRecords, long pendingRecords) {

    private static final Set<String> FAILED_STATES = Set.of("Mismatched records", "Error", "Table error");
    private static final Set<String> WAITING_STATES = Set.of("Pending records", "Pending validation", "Preparing table",
            "Pending revalidation", "Suspended records");

    /** Records that differ between source and target, or a table DMS could not validate because of an error. */
    public boolean failed() {
        return failedRecords > 0 || FAILED_STATES.contains(state);
    }

    /** Records not validated yet, or suspended (DMS could not compare them yet, e.g. rows changing all the time). */
    public boolean waiting() {
        return pendingRecords > 0 || suspendedRecords > 0 || WAITING_STATES.contains(state);
    }

    /** The state and the counts that matter, e.g. "Pending records: 120 pending". */
    public String describe() {
        StringBuilder text = new StringBuilder(state == null ? "no validation state" : state);
        String separator = ": ";
        if (failedRecords > 0) {
            text.append(separator).append(failedRecords).append(" failed");
            separator = ", ";
        }
        if (suspendedRecords > 0) {
            text.append(separator).append(suspendedRecords).append(" suspended");
            separator = ", ";
        }
        if (pendingRecords > 0) {
            text.append(separator).append(pendingRecords).append(" pending");
        }
        return text.toString();
    }
}
