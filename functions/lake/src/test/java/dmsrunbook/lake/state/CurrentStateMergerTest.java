package dmsrunbook.lake.state;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.lake.compaction.CompactedFile;
import dmsrunbook.lake.layout.DmsLayout;
import dmsrunbook.lake.parquet.WriterSettings;
import dmsrunbook.lake.schema.TableSchema;
import dmsrunbook.lake.testing.DmsEndpointShape;
import dmsrunbook.lake.testing.DmsFileGenerator;
import dmsrunbook.lake.testing.DmsWorkload;
import dmsrunbook.lake.testing.GeneratedFile;
import dmsrunbook.lake.testing.LakeRows;
import dmsrunbook.lake.testing.LocalChanges;
import dmsrunbook.lake.testing.SourceColumn;
import dmsrunbook.lake.testing.SourceTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CurrentStateMergerTest {

    private static final SourceTable ORDERS = SourceTable.orders();
    private static final DmsLayout LAYOUT = new DmsLayout("dms", null);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} bucket(s)")
    @ValueSource(ints = {1, 4})
    void fullLoadThenChangesInOneRound_leaveExactlyTheSourceTablesFinalRows(int buckets) throws IOException {
        DmsFileGenerator.Generated generated = generate(DmsWorkload.small());
        TableSchema schema = LocalChanges.schemaOf(generated.files());

        State state = new State(schema, List.of("id"), buckets);
        state.apply(compact(generated.files(), schema));

        Map<Object, Map<String, Object>> rows = state.rows();
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(expected(generated).keySet());
        assertThat(rows).isEqualTo(expected(generated));
    }

    @Test
    void changesArrivingInSeveralRoundsOutOfOrder_endInTheSameState_asInOrder() throws IOException {
        // GIVEN changes with deletes, re-inserts and several changes to one key per file
        DmsFileGenerator.Generated generated = generate(new DmsWorkload(11, 300, 100, 12, 80, 0.25, 0.3, 0.4));
        TableSchema schema = LocalChanges.schemaOf(generated.files());
        List<GeneratedFile> shuffled = new ArrayList<>(generated.files());
        Collections.shuffle(shuffled, new Random(5));

        // WHEN every file is applied as its own round, in a shuffled order (the full load last but one)
        State state = new State(schema, List.of("id"), 3);
        for (GeneratedFile file : shuffled) {
            state.apply(compact(List.of(file), schema));
        }

        // THEN the result is the source's final contents: deletes stayed deleted even when older changes came later
        assertThat(state.rows()).isEqualTo(expected(generated));
        assertThat(state.tombstones).isPositive();
    }

    @Test
    void compositeTextKey_isMergedThroughTheGenericIndex() throws IOException {
        SourceTable lines = new SourceTable("sales", "lines", List.of(
                new SourceColumn("line", SourceColumn.PgType.BIGINT, false),
                new SourceColumn("order_ref", SourceColumn.PgType.TEXT, false),
                new SourceColumn("amount", SourceColumn.PgType.NUMERIC_12_2, false)), 2);
        DmsFileGenerator.Generated generated = new DmsFileGenerator(DmsEndpointShape.defaults(), lines, true)
                .generate(DmsWorkload.small(), dir.resolve("in"));
        TableSchema schema = LocalChanges.schemaOf(generated.files());

        State state = new State(schema, List.of("line", "order_ref"), 2);
        List<GeneratedFile> files = generated.files();
        state.apply(compact(files.subList(0, files.size() / 2), schema));
        state.apply(compact(files.subList(files.size() / 2, files.size()), schema));

        Map<Object, Map<String, Object>> expected = new HashMap<>();
        generated.contents().forEach((id, values) -> expected.put(id, LakeRows.sourceRow(lines, values)));
        Map<Object, Map<String, Object>> actual = new HashMap<>();
        for (Map<String, Object> row : state.liveRows()) {
            actual.put(row.get("line"), LakeRows.project(lines, row));
        }
        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(actual).isEqualTo(expected);
    }

    private DmsFileGenerator.Generated generate(DmsWorkload workload) throws IOException {
        return new DmsFileGenerator(DmsEndpointShape.defaults(), ORDERS, true).generate(workload, dir.resolve("in-" + UUID.randomUUID()));
    }

    private List<Path> compact(List<GeneratedFile> files, TableSchema schema) throws IOException {
        return LocalChanges.compact(LAYOUT, files, schema, dir, WriterSettings.defaults(), 1L << 30).stream()
                .map(CompactedFile::file).toList();
    }

    private static Map<Object, Map<String, Object>> expected(DmsFileGenerator.Generated generated) {
        Map<Object, Map<String, Object>> expected = new HashMap<>();
        generated.contents().forEach((id, values) -> expected.put(id, LakeRows.sourceRow(ORDERS, values)));
        return expected;
    }

    /** A table's state kept in local files, bucket by bucket, as the manifest would keep it in S3. */
    private final class State {
        final CurrentStateMerger merger;
        final Map<Integer, StateBucketFiles> buckets = new HashMap<>();
        long tombstones;

        State(TableSchema schema, List<String> key, int bucketCount) {
            merger = new CurrentStateMerger(schema, key, bucketCount, WriterSettings.defaults());
        }

        void apply(List<Path> changes) throws IOException {
            ChangedKeys keys = merger.scan(changes);
            Map<Integer, StateBucketFiles> previous = new HashMap<>();
            for (int bucket : keys.touchedBuckets()) {
                if (buckets.containsKey(bucket)) {
                    previous.put(bucket, buckets.get(bucket));
                }
            }
            for (MergedBucket merged : merger.merge(keys, previous, () -> dir.resolve("state-" + UUID.randomUUID() + ".parquet"))) {
                buckets.put(merged.bucket(), new StateBucketFiles(merged.live(), merged.tombstones()));
            }
            tombstones = 0;
            for (StateBucketFiles files : buckets.values()) {
                if (files.tombstones() != null) {
                    tombstones += LakeRows.read(files.tombstones()).size();
                }
            }
        }

        List<Map<String, Object>> liveRows() throws IOException {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (StateBucketFiles files : buckets.values()) {
                if (files.live() != null && Files.exists(files.live())) {
                    rows.addAll(LakeRows.read(files.live()));
                }
            }
            return rows;
        }

        Map<Object, Map<String, Object>> rows() throws IOException {
            Map<Object, Map<String, Object>> rows = new HashMap<>();
            for (Map<String, Object> row : liveRows()) {
                assertThat(rows.put(row.get("id"), LakeRows.project(ORDERS, row))).as("key %s twice", row.get("id")).isNull();
            }
            return rows;
        }
    }
}
