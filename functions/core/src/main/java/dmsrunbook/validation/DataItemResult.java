package dmsrunbook.validation;

import java.util.List;

/**
 * What one work item of a validation found, as the validation store keeps it: the item's number in the plan, the
 * round it was diffed in (0 the first pass, then one per re-check), and each of its tables or key ranges.
 */
public record DataItemResult(int item, int round, List<DiffedTable> tables) {

    public DataItemResult {
        tables = List.copyOf(tables);
    }

    /** Its tables or key ranges that differ, or could not be diffed. */
    public long differing() {
        return tables.stream().filter(t -> t.failure() != null || !t.result().equal()).count();
    }
}
