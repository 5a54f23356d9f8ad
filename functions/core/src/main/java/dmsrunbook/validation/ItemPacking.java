package dmsrunbook.validation;

import dmsrunbook.validation.diff.TableDiffRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Packs planned diffs into work items, one Lambda invocation each: a key range of a split table is an item on its own
 * (it holds about as many rows as an item may); whole tables share items, in their order, until the next would take an
 * item past {@code maxRowsPerItem} rows or {@code maxTablesPerItem} tables. Fewer, fuller items keep a schema of ten
 * thousand small tables to a hundred Map iterations, well inside an execution's history.
 */
public final class ItemPacking {

    private ItemPacking() {
    }

    public static List<List<TableDiffRequest>> pack(List<PlannedDiff> diffs, long maxRowsPerItem, int maxTablesPerItem) {
        if (maxRowsPerItem < 1 || maxTablesPerItem < 1) {
            throw new IllegalArgumentException("items need room for a row and a table");
        }
        List<List<TableDiffRequest>> items = new ArrayList<>();
        List<TableDiffRequest> open = new ArrayList<>();
        long openRows = 0;
        for (PlannedDiff diff : diffs) {
            if (!diff.request().range().isAll()) {
                items.add(List.of(diff.request()));
                continue;
            }
            long rows = Math.max(0, diff.estimatedRows());
            if (!open.isEmpty() && (openRows + rows > maxRowsPerItem || open.size() >= maxTablesPerItem)) {
                items.add(List.copyOf(open));
                open.clear();
                openRows = 0;
            }
            open.add(diff.request());
            openRows += rows;
        }
        if (!open.isEmpty()) {
            items.add(List.copyOf(open));
        }
        return items;
    }
}
