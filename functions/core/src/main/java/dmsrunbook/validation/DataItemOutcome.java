package dmsrunbook.validation;

/**
 * What a work item's Lambda returns to its Map iteration: only a few figures (the results themselves are in the
 * validation store), so ten thousand tables' results never pass through the execution state.
 */
public record DataItemOutcome(int item, int round, int tables, long differing) {
}
