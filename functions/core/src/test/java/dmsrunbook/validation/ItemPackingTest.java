package dmsrunbook.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.mapping.TableName;
import dmsrunbook.validation.diff.DiffOptions;
import dmsrunbook.validation.diff.Key;
import dmsrunbook.validation.diff.KeyRange;
import dmsrunbook.validation.diff.TableDiffRequest;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Work items: a split table's key ranges one per item; whole tables packed in order, up to the rows and tables an item may hold. */
class ItemPackingTest {

    @Test
    void smallTables_shareItems_inOrder_untilTheTableLimit() {
        List<PlannedDiff> tables = IntStream.range(0, 250).mapToObj(i -> whole("t" + i, 10)).toList();

        List<List<TableDiffRequest>> items = ItemPacking.pack(tables, 1_000_000, 100);

        assertThat(items).extracting(List::size).containsExactly(100, 100, 50);
        assertThat(items.get(1).get(0).source().table()).isEqualTo("t100");
    }

    @Test
    void tablesShareAnItem_untilTheNextWouldTakeItPastTheRowLimit() {
        List<List<TableDiffRequest>> items = ItemPacking.pack(List.of(whole("a", 600), whole("b", 300), whole("c", 200), whole("d", 900),
                whole("e", 0)), 1_000, 100);

        assertThat(items).extracting(item -> item.stream().map(r -> r.source().table()).toList())
                .containsExactly(List.of("a", "b"), List.of("c"), List.of("d", "e"));
    }

    @Test
    void keyRangesOfASplitTable_areItemsOfTheirOwn_andTheWholeTablesAroundThemStillShareOne() {
        TableDiffRequest first = range("big", null, "1000");
        TableDiffRequest second = range("big", "1000", null);
        List<List<TableDiffRequest>> items = ItemPacking.pack(List.of(whole("a", 5), new PlannedDiff(first, 1000), new PlannedDiff(second, 1000),
                whole("b", 5), whole("c", 5)), 1_000, 100);

        assertThat(items).containsExactly(List.of(first), List.of(second),
                List.of(whole("a", 5).request(), whole("b", 5).request(), whole("c", 5).request()));
    }

    @Test
    void tenThousandSmallTables_makeAHundredItems() {
        List<PlannedDiff> tables = IntStream.range(0, 10_000).mapToObj(i -> whole("t" + i, 3)).toList();

        assertThat(ItemPacking.pack(tables, 2_000_000, DataValidationPlanner.MAX_TABLES_PER_ITEM)).hasSize(100);
    }

    private static PlannedDiff whole(String table, long rows) {
        return new PlannedDiff(TableDiffRequest.whole(new TableName("public", table), new TableName("public", table), DiffOptions.defaults()), rows);
    }

    private static TableDiffRequest range(String table, String after, String through) {
        return new TableDiffRequest(new TableName("public", table), new TableName("public", table),
                new KeyRange(after == null ? null : Key.of(after), through == null ? null : Key.of(through)), DiffOptions.defaults());
    }
}
