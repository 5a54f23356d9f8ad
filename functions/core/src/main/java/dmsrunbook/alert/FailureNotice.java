package dmsrunbook.alert;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the state machine hands the alert when a phase fails: the execution, its input (for the migration id when
 * the spec itself was invalid), and the state at the failure: the caught error in {@code failure}
 * ({@code Error}, {@code Cause}) and, when it was valid, the normalised {@code spec}.
 */
public record FailureNotice(String executionId, JsonNode input, JsonNode state) {

    public JsonNode failure() {
        return state == null ? null : state.get("failure");
    }

    public JsonNode spec() {
        return state == null ? null : state.get("spec");
    }
}
