package dmsrunbook.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.mapping.TableName;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.spec.ValidationMode;
import dmsrunbook.testing.LocalSpecs;
import dmsrunbook.validation.diff.ChangedRow;
import dmsrunbook.validation.diff.DiffOptions;
import dmsrunbook.validation.diff.Evidence;
import dmsrunbook.validation.diff.Key;
import dmsrunbook.validation.diff.KeyRange;
import dmsrunbook.validation.diff.TableDiffRequest;
import dmsrunbook.validation.diff.TableDiffResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a validation concludes from its items' results: equal tables pass; at the final validation any difference
 * refuses the cutover; before it, a difference is re-checked (its items only) up to three times and refuses only if it
 * persists, except counts, which pass within the in-flight tolerance; a missing table or a table that could not be
 * diffed refuses at once; a split table's ranges are judged as one table.
 */
class DataValidationJudgeTest {

    private static final MigrationSpec SPEC = spec(2.0);

    @Test
    void equalTables_areEqual_andNothingIsRechecked() {
        var verdicts = DataValidationJudge.judge(SPEC, ValidationRun.IN_FLIGHT, 0, List.of(item(0, equal("a", KeyRange.ALL, 10), equal("b", KeyRange.ALL, 5))));

        assertThat(verdicts.tables()).extracting(JudgedTable::verdict).containsExactly(TableVerdict.EQUAL, TableVerdict.EQUAL);
        assertThat(verdicts.itemsToRecheck()).isEmpty();
    }

    @Test
    void differenceAtTheFinalValidation_isDifferent_atOnce() {
        var verdicts = DataValidationJudge.judge(SPEC, ValidationRun.FINAL, 0, List.of(item(0, changed("a", KeyRange.ALL, "7"))));

        assertThat(verdicts.tables()).extracting(JudgedTable::verdict).containsExactly(TableVerdict.DIFFERENT);
        assertThat(verdicts.tables().get(0).line()).isEqualTo("public.a: different (checksums, 10 rows on the source, 10 on the target): "
                + "1 changed (keys 7 [total])");
        assertThat(verdicts.itemsToRecheck()).isEmpty();
    }

    @Test
    void differenceInFlight_isRecheckedThreeTimes_onlyInItsItem_thenDifferent() {
        List<DataItemResult> results = List.of(item(0, equal("a", KeyRange.ALL, 10)), item(1, changed("b", KeyRange.ALL, "7")),
                item(2, equal("c", KeyRange.ALL, 3)));
        for (int round = 0; round < DataValidationJudge.MAX_RECHECKS; round++) {
            var verdicts = DataValidationJudge.judge(SPEC, ValidationRun.IN_FLIGHT, round, results);
            assertThat(verdicts.tables()).extracting(JudgedTable::verdict).as("round %d", round)
                    .containsExactly(TableVerdict.EQUAL, TableVerdict.RECHECK, TableVerdict.EQUAL);
            assertThat(verdicts.itemsToRecheck()).containsExactly(1);
        }

        var last = DataValidationJudge.judge(SPEC, ValidationRun.IN_FLIGHT, DataValidationJudge.MAX_RECHECKS, results);

        assertThat(last.tables().get(1).verdict()).isEqualTo(TableVerdict.DIFFERENT);
        assertThat(last.itemsToRecheck()).isEmpty();
    }

    @Test
    void countsInFlight_passWithinTheTolerance_afterTheRechecks_andNotBeyondIt() {
        TableDiffResult within = counts("a", 1000, 985);
        TableDiffResult beyond = counts("b", 1000, 970);

        var verdicts = DataValidationJudge.judge(SPEC, ValidationRun.IN_FLIGHT, DataValidationJudge.MAX_RECHECKS,
                List.of(item(0, diffed(within), diffed(beyond))));

        assertThat(verdicts.tables()).extracting(JudgedTable::verdict).containsExactly(TableVerdict.IN_FLIGHT, TableVerdict.DIFFERENT);
    }

    @Test
    void missingTable_andATableThatCouldNotBeDiffed_refuseAtOnce_evenInFlight() {
        TableDiffResult missing = new TableDiffResult("public.m", "public.m", KeyRange.ALL, ValidationMode.CHECKSUMS, Evidence.MISSING_TABLE,
                false, 0, 0, 0, 0, 0, List.of(), List.of(), List.of(), List.of(), List.of("the target table public.m does not exist"), List.of(),
                0, 0, 0, 1);
        DiffedTable failed = DiffedTable.failed(request("f", KeyRange.ALL), "Diff of public.f did not finish within 780 s");

        var verdicts = DataValidationJudge.judge(SPEC, ValidationRun.IN_FLIGHT, 0, List.of(item(0, diffed(missing), failed)));

        assertThat(verdicts.tables()).extracting(JudgedTable::verdict).containsExactly(TableVerdict.DIFFERENT, TableVerdict.FAILED);
        assertThat(verdicts.tables().get(1).line()).isEqualTo("public.f: failed - Diff of public.f did not finish within 780 s");
        assertThat(verdicts.itemsToRecheck()).isEmpty();
    }

    @Test
    void keyRangesOfOneTable_inSeveralItems_areJudgedAsOneTable_andOnlyTheDifferingRangesItemsAreRechecked() {
        KeyRange low = new KeyRange(null, Key.of("100"));
        KeyRange mid = new KeyRange(Key.of("100"), Key.of("200"));
        KeyRange high = new KeyRange(Key.of("200"), null);

        var verdicts = DataValidationJudge.judge(SPEC, ValidationRun.IN_FLIGHT, 0, List.of(item(0, equal("big", low, 100)),
                item(1, changed("big", mid, "150")), item(2, equal("big", high, 100)), item(3, equal("small", KeyRange.ALL, 4))));

        assertThat(verdicts.tables()).hasSize(2);
        JudgedTable big = verdicts.tables().get(0);
        assertThat(big.verdict()).isEqualTo(TableVerdict.RECHECK);
        assertThat(big.result().range()).isEqualTo(KeyRange.ALL);
        assertThat(big.result().sourceRows()).isEqualTo(210);
        assertThat(big.result().changedRows()).extracting(ChangedRow::key).containsExactly(Key.of("150"));
        assertThat(verdicts.itemsToRecheck()).containsExactly(1);
    }

    @Test
    void report_summarisesForOnCall_andListsWhatRefusesTheCutover() {
        var verdicts = DataValidationJudge.judge(SPEC, ValidationRun.FINAL, 1, List.of(item(0, equal("a", KeyRange.ALL, 10),
                diffed(recheckedEqual("b")), changed("c", KeyRange.ALL, "9"))));
        DataValidationReport report = new DataValidationReport(ValidationRun.FINAL, 1, verdicts.tables(), new InvariantReport(List.of(
                new InvariantResult("balance", false, false, null, 1, 1, "10", "12", "the sides differ: 10 on the source, 12 on the target"))));

        assertThat(report.passed()).isFalse();
        assertThat(report.summary()).isEqualTo("2 of 3 tables equal; 1 differ or could not be compared; 30 rows on the source, 30 on the "
                + "target; 1 differed while changes were in flight and were equal on re-check; 0 of 1 invariants hold");
        assertThat(report.problems(10)).isEqualTo("public.c: different (checksums, 10 rows on the source, 10 on the target): 1 changed (keys 9 "
                + "[total])\ninvariant FAIL balance: the sides differ: 10 on the source, 12 on the target");
    }

    // ------------------------------------------------------------------ results

    private static DataItemResult item(int number, DiffedTable... tables) {
        return new DataItemResult(number, 0, List.of(tables));
    }

    private static DiffedTable equal(String table, KeyRange range, long rows) {
        return diffed(result(table, range, rows, List.of()));
    }

    private static DiffedTable changed(String table, KeyRange range, String key) {
        return diffed(result(table, range, 10, List.of(new ChangedRow(Key.of(key), List.of("total")))));
    }

    private static DiffedTable diffed(TableDiffResult result) {
        return DiffedTable.diffed(request(result.sourceTable().substring("public.".length()), result.range()), result);
    }

    private static TableDiffRequest request(String table, KeyRange range) {
        return new TableDiffRequest(new TableName("public", table), new TableName("public", table), range, DiffOptions.defaults());
    }

    private static TableDiffResult result(String table, KeyRange range, long rows, List<ChangedRow> changed) {
        return new TableDiffResult("public." + table, "public." + table, range, ValidationMode.CHECKSUMS, Evidence.CHECKSUMS, changed.isEmpty(),
                rows, rows, 0, 0, changed.size(), List.of(), List.of(), changed, List.of("id"), List.of(),
                changed.isEmpty() ? List.of() : List.of(range), 0, 1, 0, 5);
    }

    private static TableDiffResult recheckedEqual(String table) {
        return new TableDiffResult("public." + table, "public." + table, KeyRange.ALL, ValidationMode.CHECKSUMS, Evidence.CHECKSUMS, true,
                10, 10, 0, 0, 0, List.of(), List.of(), List.of(), List.of("id"), List.of(), List.of(), 1, 2, 4, 9);
    }

    private static TableDiffResult counts(String table, long source, long target) {
        return new TableDiffResult("public." + table, "public." + table, KeyRange.ALL, ValidationMode.COUNTS, Evidence.COUNTS, false,
                source, target, 0, 0, 0, List.of(), List.of(), List.of(), List.of("id"), List.of("counts only"), List.of(), 3, 0, 0, 2);
    }

    private static MigrationSpec spec(double inFlightPercent) {
        LocalSpecs.Side source = new LocalSpecs.Side("postgres", "source.example.internal", 5432, "app", LocalSpecs.unreadSecret("source"));
        LocalSpecs.Side target = new LocalSpecs.Side("postgres", "target.example.internal", 5432, "app", LocalSpecs.unreadSecret("target"));
        ObjectNode json = LocalSpecs.dms("judge", source, target, "public");
        json.putObject("thresholds").put("maxInFlightRowDifferencePercent", inFlightPercent);
        return LocalSpecs.read(json);
    }
}
