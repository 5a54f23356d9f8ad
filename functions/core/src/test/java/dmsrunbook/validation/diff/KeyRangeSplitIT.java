package dmsrunbook.validation.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.internal.Json;
import dmsrunbook.mapping.TableName;
import dmsrunbook.testing.ComparedDatabases;
import dmsrunbook.testing.SharedMariaDb;
import dmsrunbook.testing.SharedPostgres;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A table too large for one invocation, cut into key ranges diffed separately (as Map items are), whose results
 * combine into exactly what one diff of the whole table reports; the ranges travel as JSON between invocations.
 */
class KeyRangeSplitIT {

    private static final int MAX_KEYS = 5;

    @Test
    void integerKey_splitIntoRanges_combinesToTheWholeTablesDiff() {
        String table = "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(12,2), status text);"
                + "INSERT INTO orders SELECT g, g * 0.5, CASE WHEN g % 3 = 0 THEN 'paid' ELSE 'open' END FROM generate_series(1, 20000) g;";
        String source = postgres(table);
        String target = postgres(table + "UPDATE orders SET status = 'lost' WHERE id IN (5, 9000, 9001, 15000, 19999);"
                + "DELETE FROM orders WHERE id IN (1, 7777, 20000); INSERT INTO orders VALUES (20001, 1, 'open'), (0, 1, 'open');");
        TableName orders = new TableName("public", "orders");

        assertSplitDiffEqualsWholeDiff(ComparedDatabases.postgres(source), ComparedDatabases.postgres(target), orders, orders, 3000, 7);
    }

    @Test
    void compositeTextKey_acrossEngines_splitIntoRanges_combinesToTheWholeTablesDiff() {
        String rows = "INSERT INTO order_lines SELECT seq % 7, CONCAT('sku-', seq), seq FROM seq_1_to_3000;";
        String source = mariaDb("CREATE TABLE order_lines (store int, sku varchar(20) COLLATE utf8mb4_general_ci, qty int, PRIMARY KEY (store, sku));" + rows);
        String target = postgres("CREATE TABLE order_lines (store int, sku text, qty int, PRIMARY KEY (store, sku));"
                + "INSERT INTO order_lines SELECT g % 7, 'sku-' || g, g FROM generate_series(1, 3000) g;"
                + "UPDATE order_lines SET qty = 0 WHERE sku IN ('sku-10', 'sku-1500', 'sku-2999'); DELETE FROM order_lines WHERE sku = 'sku-700';");

        assertSplitDiffEqualsWholeDiff(ComparedDatabases.mariaDb(source), ComparedDatabases.postgres(target),
                new TableName(source, "order_lines"), new TableName("public", "order_lines"), 400, 8);
    }

    private static void assertSplitDiffEqualsWholeDiff(ComparedDatabase source, ComparedDatabase target, TableName sourceTable,
                                                       TableName targetTable, long rowsPerRange, int expectedRanges) {
        DiffOptions options = DiffOptions.defaults().withMaxReportedKeys(MAX_KEYS);
        TableDiffer differ = new TableDiffer(source, target);
        TableDiffResult whole = differ.diff(new TableDiffRequest(sourceTable, targetTable, KeyRange.ALL, options));

        // WHEN the planner cuts the table and each range is diffed on its own, its request and result passed as JSON
        List<KeyRange> ranges = new KeyRangePlanner(source, target).plan(sourceTable, targetTable, rowsPerRange);
        List<TableDiffResult> parts = new ArrayList<>();
        for (KeyRange range : ranges) {
            KeyRange travelled = Json.convert(Json.MAPPER.valueToTree(range), KeyRange.class);
            TableDiffResult part = differ.diff(new TableDiffRequest(sourceTable, targetTable, travelled, options));
            parts.add(Json.convert(Json.MAPPER.valueToTree(part), TableDiffResult.class));
        }
        TableDiffResult combined = TableDiffResult.combine(parts, MAX_KEYS, DiffOptions.DEFAULT_MAX_RECHECK_RANGES);

        // THEN the ranges cover the table once, and together say what the whole diff says
        assertThat(ranges).hasSize(expectedRanges);
        assertThat(ranges.get(0).after()).isNull();
        assertThat(ranges.get(ranges.size() - 1).through()).isNull();
        for (int i = 1; i < ranges.size(); i++) {
            assertThat(ranges.get(i).after()).isEqualTo(ranges.get(i - 1).through());
        }
        assertThat(whole.differences()).isPositive();
        assertThat(combined.range()).isEqualTo(KeyRange.ALL);
        assertThat(combined).usingRecursiveComparison().ignoringFields("millis", "checksumQueries", "rowsFetched", "recheckRanges")
                .isEqualTo(whole);
    }

    private static String postgres(String sql) {
        String database = SharedPostgres.freshDatabase("split");
        SharedPostgres.cluster().execute(database, sql);
        return database;
    }

    private static String mariaDb(String sql) {
        String database = SharedMariaDb.freshDatabase("split");
        SharedMariaDb.server().execute(database, sql);
        return database;
    }
}
