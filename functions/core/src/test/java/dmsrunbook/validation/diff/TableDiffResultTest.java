package dmsrunbook.validation.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.internal.Json;
import dmsrunbook.spec.ValidationMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Results of a table's key ranges add up to one result, and any result survives a trip through JSON. */
class TableDiffResultTest {

    @Test
    void rangeResults_combine_countsAddUp_keysKeepTheFirstN_evidenceIsTheWeakest() {
        TableDiffResult first = result(new KeyRange(null, Key.of("100")), Evidence.CHECKSUMS, 100, List.of(Key.of("3"), Key.of("4")),
                List.of(new ChangedRow(Key.of("50"), List.of("qty"))), List.of(new KeyRange(Key.of("2"), Key.of("4"))));
        TableDiffResult second = result(new KeyRange(Key.of("100"), null), Evidence.ROWS, 40, List.of(Key.of("150")), List.of(),
                List.of(new KeyRange(Key.of("149"), Key.of("150"))));

        TableDiffResult combined = TableDiffResult.combine(List.of(first, second), 2, 64);

        assertThat(combined.range()).isEqualTo(KeyRange.ALL);
        assertThat(combined.sourceRows()).isEqualTo(140);
        assertThat(combined.missingOnTarget()).isEqualTo(3);
        assertThat(combined.missingKeys()).containsExactly(Key.of("3"), Key.of("4"));
        assertThat(combined.changedRows()).hasSize(1);
        assertThat(combined.equal()).isFalse();
        assertThat(combined.evidence()).isEqualTo(Evidence.CHECKSUMS);
        assertThat(combined.recheckRanges()).hasSize(2);
        assertThat(combined.millis()).isEqualTo(20);
    }

    @Test
    void result_readsBackFromItsJson() {
        TableDiffResult result = result(new KeyRange(Key.of("a b", "7"), null), Evidence.CHECKSUMS, 5, List.of(Key.of("x", "1")),
                List.of(new ChangedRow(Key.of("y", "2"), List.of("total", "note"))), List.of(new KeyRange(null, Key.of("z", "3"))));

        String json = Json.write(result);

        assertThat(json).contains("\"range\":{\"after\":[\"a b\",\"7\"]}", "\"evidence\":\"checksums\"", "\"mode\":\"checksums\"");
        assertThat(Json.convert(Json.tree(json), TableDiffResult.class)).isEqualTo(result);
    }

    @Test
    void request_readsBackFromItsJson_asAMapItemCarriesIt() {
        TableDiffRequest request = new TableDiffRequest(new dmsrunbook.mapping.TableName("public", "orders"),
                new dmsrunbook.mapping.TableName("app", "orders"), new KeyRange(Key.of("1000"), Key.of("2000")),
                DiffOptions.defaults().withMode(ValidationMode.ROWS).withFloatTolerance(1e-9));

        String json = Json.write(request);

        assertThat(json).contains("\"mode\":\"rows\"", "\"range\":{\"after\":[\"1000\"],\"through\":[\"2000\"]}");
        assertThat(Json.convert(Json.tree(json), TableDiffRequest.class)).isEqualTo(request);
    }

    private static TableDiffResult result(KeyRange range, Evidence evidence, long rows, List<Key> missing, List<ChangedRow> changed,
                                          List<KeyRange> recheck) {
        return new TableDiffResult("public.t", "public.t", range, ValidationMode.CHECKSUMS, evidence, missing.isEmpty() && changed.isEmpty(),
                rows, rows - missing.size(), missing.size(), 0, changed.size(), missing, List.of(), changed, List.of("id"), List.of(),
                recheck, 0, 3, 10, 10);
    }
}
