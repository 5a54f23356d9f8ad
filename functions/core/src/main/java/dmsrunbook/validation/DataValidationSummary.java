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

    /** The validation of a target that cannot be queried (S3): the row counts against what DMS reports it wrote. */
    public static DataValidationSummary ofCounts(RowCountReport counts) {
        int equal = (int) counts.tables().stream().filter(t -> "match".equals(t.verdict())).count();
        List<String> inFlight = counts.tables().stream().filter(t -> "in-flight".equals(t.verdict())).map(TableCount::sourceTable).toList();
        String line = equal + " of " + counts.tables().size() + " tables hold as many rows as DMS reports it wrote to S3"
                + (inFlight.isEmpty() ? "" : ", " + inFlight.size() + " within the in-flight tolerance: " + String.join(", ", inFlight))
                + "; " + counts.sourceRows() + " rows on the source, " + counts.targetRows() + " on the target (counts only)";
        return new DataValidationSummary(counts.mode(), DataValidationStatus.EQUAL, 0, List.of(), 0, 0, counts.tables().size(), 0, equal,
                inFlight.size(), 0, counts.tables().size(), counts.sourceRows(), counts.targetRows(), "", "", line);
    }
}
