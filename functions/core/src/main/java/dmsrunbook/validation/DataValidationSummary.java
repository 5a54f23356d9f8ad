package dmsrunbook.validation;

import java.util.List;

/**
 * A validation as the execution state carries it, small whatever the schema's size (the per-table results are in
 * the validation store, at {@code report}): its status; the round and the work items to diff next (the plan's, then the
 * re-checks'), how long to wait first, and how many items the plan has; and the figures of the last conclusion, with
 * {@code summary}, the line on-call reads.
 */
public record DataValidationSummary(ValidationRun run, DataValidationStatus status, int round, List<Integer> items, int itemsPlanned,
                                    int waitSeconds, int tables, int splitTables, int equalTables, int inFlightTables,
                                    int resolvedOnRecheck, int weakerEvidence, long sourceRows, long targetRows, String invariants,
                                    String report, String summary) {

    public DataValidationSummary {
        items = List.copyOf(items);
    }
}
