package dmsrunbook.report;

import com.fasterxml.jackson.databind.JsonNode;

/** What the state machine hands NotifyMigrationComplete: the execution and its whole state at the end. */
public record CompletionRequest(String executionId, JsonNode state) {
}
