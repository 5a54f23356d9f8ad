package dmsrunbook.alert;

import com.fasterxml.jackson.databind.JsonNode;
import dmsrunbook.internal.Json;

/** The {@code Cause} a workflow's Catch records for a failed state, as alerts and reports show it. */
public final class FailureCause {

    private FailureCause() {
    }

    /** A Lambda error's cause is its JSON error report: keep the message (it carries the fix), not the stack. */
    public static String message(String raw) {
        if (raw.startsWith("{")) {
            try {
                JsonNode report = Json.tree(raw);
                if (report.hasNonNull("errorMessage")) {
                    return report.get("errorMessage").asText();
                }
            } catch (IllegalArgumentException e) {
                // Not JSON after all: show it as it is.
            }
        }
        return raw;
    }
}
