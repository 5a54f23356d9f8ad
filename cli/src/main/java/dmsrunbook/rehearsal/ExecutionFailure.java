package dmsrunbook.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import dmsrunbook.internal.Json;

/**
 * A failed execution's cause as an operator reads it: a Lambda error's cause is its JSON error report (message, type,
 * stack), of which only the message, which carries the fix, is worth showing.
 */
public final class ExecutionFailure {

    private ExecutionFailure() {
    }

    /** The error report's message; the cause as it is when it is not such a report; null for null. */
    public static String message(String cause) {
        if (cause == null || !cause.startsWith("{")) {
            return cause;
        }
        try {
            JsonNode report = Json.tree(cause);
            return report.hasNonNull("errorMessage") ? report.get("errorMessage").asText() : cause;
        } catch (IllegalArgumentException e) {
            return cause;
        }
    }
}
