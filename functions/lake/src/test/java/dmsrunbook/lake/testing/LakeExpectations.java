package dmsrunbook.lake.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.lake.layout.ChangeSequence;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The checks every lake test ends with: the current table is the source's contents, every change is there once. */
public final class LakeExpectations {

    private LakeExpectations() {
    }

    public static void currentTableEqualsSource(MotoLake.Stack lake, SourceTable table, Map<Long, Object[]> contents, Path work)
            throws IOException {
        Map<Object, Map<String, Object>> current = new HashMap<>();
        for (Map<String, Object> row : lake.rowsBehind("lake/tables/" + table.schema() + "/" + table.table() + "_current/manifest", work)) {
            assertThat(current.put(row.get(table.key().get(0)), LakeRows.project(table, row))).as("key %s twice", row.get("id")).isNull();
        }
        Map<Object, Map<String, Object>> expected = new HashMap<>();
        contents.forEach((id, values) -> expected.put(id, LakeRows.sourceRow(table, values)));
        assertThat(current.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(current).isEqualTo(expected);
    }

    /** Every row of the changes table (all partitions, as Athena would list them). */
    public static List<Map<String, Object>> changesTable(MotoLake.Stack lake, SourceTable table, Path work) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String key : lake.keys("lake/tables/" + table.schema() + "/" + table.table() + "_changes/")) {
            rows.addAll(lake.rowsBehind(key, work));
        }
        return rows;
    }

    /** How many rows of the changes table each epoch ({@code dms_epoch}) holds. */
    public static Map<Object, Long> changesByEpoch(MotoLake.Stack lake, SourceTable table, Path work) throws IOException {
        return changesTable(lake, table, work).stream().collect(java.util.stream.Collectors.groupingBy(
                row -> row.get(dmsrunbook.lake.schema.TableSchema.EPOCH), java.util.stream.Collectors.counting()));
    }

    /** The DMS rows in {@code files}. */
    public static long rows(List<GeneratedFile> files) {
        return files.stream().mapToLong(GeneratedFile::rows).sum();
    }

    public static void changesTableHoldsEveryDmsRowOnce(MotoLake.Stack lake, SourceTable table, List<GeneratedFile> files, Path work)
            throws IOException {
        List<Map<String, Object>> rows = changesTable(lake, table, work);
        long dmsRows = rows(files);
        assertThat(rows.stream().map(r -> r.get(ChangeSequence.COLUMN)).distinct().count()).as("distinct changes").isEqualTo(dmsRows);
        assertThat(rows).as("changes, duplicates included").hasSize((int) dmsRows);
    }
}
