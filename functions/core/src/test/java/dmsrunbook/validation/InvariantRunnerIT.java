package dmsrunbook.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.internal.Json;
import dmsrunbook.spec.InvariantQuery;
import dmsrunbook.testing.ComparedDatabases;
import dmsrunbook.testing.SharedMariaDb;
import dmsrunbook.testing.SharedPostgres;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Business invariants run on both sides, read-only: equal results pass whatever their row order and engine, a result
 * that differs between the sides or from the expected value fails naming both values (single values only), a query
 * that tries to write fails without writing, and a broken query fails alone.
 */
class InvariantRunnerIT {

    private static final String LEDGER = "CREATE TABLE ledger (id int PRIMARY KEY, account int, amount numeric(12,2), posted boolean);"
            + "INSERT INTO ledger SELECT g, g % 5, g * 1.5, g % 2 = 0 FROM generate_series(1, 100) g;";

    @Test
    void equalResults_pass_whateverTheirRowOrder() {
        String source = postgres(LEDGER);
        String target = postgres(LEDGER);

        InvariantReport report = runner(source, target).run(List.of(
                new InvariantQuery("balance per account", "SELECT account, sum(amount) FROM ledger GROUP BY account ORDER BY account",
                        "SELECT account, sum(amount) FROM ledger GROUP BY account ORDER BY account DESC", null),
                new InvariantQuery("unposted total", "SELECT sum(amount) FROM ledger WHERE NOT posted", null, Json.tree("3750"))));

        assertThat(report.results()).extracting(InvariantResult::line)
                .containsExactly("PASS balance per account", "PASS unposted total");
        assertThat(report.results().get(0).sourceRows()).isEqualTo(5);
        assertThat(report.results().get(1).sourceValue()).isEqualTo("3750");
    }

    @Test
    void differentResults_fail_withTheValuesOnlyForASingleValue() {
        String source = postgres(LEDGER);
        String target = postgres(LEDGER + "UPDATE ledger SET amount = 0 WHERE id = 7;");

        InvariantReport report = runner(source, target).run(List.of(
                new InvariantQuery("balance per account", "SELECT account, sum(amount) FROM ledger GROUP BY account", null, null),
                new InvariantQuery("total", "SELECT sum(amount) FROM ledger", null, null)));

        assertThat(report.passed()).isFalse();
        assertThat(report.results()).extracting(InvariantResult::line).containsExactly(
                "FAIL balance per account: the sides differ: 5 rows on the source, 5 rows on the target",
                "FAIL total: the sides differ: 7575 on the source, 7564.5 on the target");
    }

    @Test
    void resultOtherThanExpected_fails_onBothSidesAlike() {
        String source = postgres(LEDGER);
        String target = postgres(LEDGER);

        InvariantReport report = runner(source, target).run(List.of(
                new InvariantQuery("no negative amounts", "SELECT count(*) FROM ledger WHERE amount > 100", null, Json.tree("0")),
                new InvariantQuery("accounts", "SELECT DISTINCT account FROM ledger", null, Json.tree("[[0], [1], [2], [3], [4]]"))));

        assertThat(report.results()).extracting(InvariantResult::line).containsExactly(
                "FAIL no negative amounts: expected 0, got 34 on the source and 34 on the target", "PASS accounts");
        assertThat(report.results().get(0).sidesEqual()).isTrue();
        assertThat(report.results().get(0).matchesExpected()).isFalse();
    }

    @Test
    void queryThatWrites_failsInTheReadOnlySession_andChangesNothing() {
        String source = postgres(LEDGER);
        String target = postgres(LEDGER);

        InvariantReport report = runner(source, target).run(List.of(
                new InvariantQuery("sneaky", "WITH gone AS (DELETE FROM ledger RETURNING 1) SELECT count(*) FROM gone", null, null),
                new InvariantQuery("missing table", "SELECT count(*) FROM no_such_table", null, null),
                new InvariantQuery("rows", "SELECT count(*) FROM ledger", null, Json.tree("100"))));

        assertThat(report.results().get(0).line()).startsWith("FAIL sneaky: on the source: ERROR: cannot execute ")
                .contains("in a read-only transaction; on the target: ");
        assertThat(report.results().get(1).line()).startsWith("FAIL missing table: on the source: ERROR: relation \"no_such_table\" does not exist");
        assertThat(report.results().get(2).line()).isEqualTo("PASS rows");
    }

    @Test
    void mariaDbAndPostgres_agreeOnEqualAggregates_andMariaDbRefusesWritesToo() {
        String source = SharedMariaDb.freshDatabase("invariants");
        SharedMariaDb.server().execute(source, "CREATE TABLE ledger (id int PRIMARY KEY, account int, amount decimal(12,2), posted tinyint(1), "
                + "at datetime(6)); INSERT INTO ledger SELECT seq, seq % 5, seq * 1.5, seq % 2 = 0, TIMESTAMPADD(SECOND, seq, '2024-01-01') "
                + "FROM seq_1_to_100;");
        String target = postgres("CREATE TABLE ledger (id int PRIMARY KEY, account int, amount numeric(12,2), posted boolean, at timestamp);"
                + "INSERT INTO ledger SELECT g, g % 5, g * 1.5, g % 2 = 0, timestamp '2024-01-01' + g * interval '1 second' FROM generate_series(1, 100) g;");

        InvariantReport report = new InvariantRunner(ComparedDatabases.mariaDb(source), ComparedDatabases.postgres(target)).run(List.of(
                new InvariantQuery("totals", "SELECT account, count(*), sum(amount), max(at), min(posted) FROM ledger GROUP BY account",
                        "SELECT account, count(*), sum(amount), max(at), bool_and(posted) FROM ledger GROUP BY account", null),
                new InvariantQuery("write", "INSERT INTO ledger (id) VALUES (1000)", "SELECT 1", null)));

        assertThat(report.results().get(0).line()).isEqualTo("PASS totals");
        assertThat(report.results().get(1).line()).contains("on the source: ").containsIgnoringCase("read only");
        assertThat(SharedMariaDb.server()).satisfies(server -> {
            try (var connection = server.connect(source); var rows = connection.createStatement().executeQuery("SELECT count(*) FROM ledger")) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(100);
            }
        });
    }

    private static InvariantRunner runner(String source, String target) {
        return new InvariantRunner(ComparedDatabases.postgres(source), ComparedDatabases.auroraPostgres(target));
    }

    private static String postgres(String sql) {
        String database = SharedPostgres.freshDatabase("invariants");
        SharedPostgres.cluster().execute(database, sql);
        return database;
    }
}
