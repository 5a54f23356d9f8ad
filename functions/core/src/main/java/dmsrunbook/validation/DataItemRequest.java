package dmsrunbook.validation;

import dmsrunbook.spec.MigrationSpec;

/**
 * What one iteration of a validation's Map hands its Lambda: the execution (whose plan and results the validation
 * store keeps), the spec (read once, where the request's JSON enters), which validation, the work item's number and
 * the round (0: the first pass; then each re-check).
 */
public record DataItemRequest(String executionId, MigrationSpec spec, ValidationRun validationRun, int item, int round) {
}
