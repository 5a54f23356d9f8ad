package dmsrunbook.validation;

import dmsrunbook.validation.diff.TableDiffRequest;
import java.util.List;

/**
 * The work of one validation: the selected tables ({@code tables}), of which {@code splitTables} were too large for
 * one invocation and were cut into key ranges; and the work items, each a list of tables or key ranges diffed in one
 * invocation, in table order (a split table's ranges in key order).
 */
public record DataValidationPlan(List<List<TableDiffRequest>> items, int tables, int splitTables) {

    public DataValidationPlan {
        items = items.stream().map(List::copyOf).toList();
    }

    public static DataValidationPlan empty() {
        return new DataValidationPlan(List.of(), 0, 0);
    }
}
