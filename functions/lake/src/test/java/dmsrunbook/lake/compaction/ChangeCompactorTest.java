package dmsrunbook.lake.compaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dmsrunbook.lake.layout.ChangeSequence;
import dmsrunbook.lake.layout.DatePartitioning;
import dmsrunbook.lake.layout.DmsLayout;
import dmsrunbook.lake.parquet.WriterSettings;
import dmsrunbook.lake.schema.TableSchema;
import dmsrunbook.lake.testing.DmsEndpointShape;
import dmsrunbook.lake.testing.DmsFileGenerator;
import dmsrunbook.lake.testing.DmsWorkload;
import dmsrunbook.lake.testing.GeneratedFile;
import dmsrunbook.lake.testing.LakeRows;
import dmsrunbook.lake.testing.LocalChanges;
import dmsrunbook.lake.testing.SourceTable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChangeCompactorTest {

    private static final SourceTable ORDERS = SourceTable.orders();

    @TempDir
    Path dir;

    static List<Arguments> dmsShapes() {
        DmsEndpointShape defaults = DmsEndpointShape.defaults();
        return List.of(
                Arguments.of("defaults: Parquet 1.0, micros, uncompressed", defaults),
                Arguments.of("Parquet 2.0, millis, gzip", defaults.withVersion(WriterVersion.PARQUET_2_0).withTimestampMillis(true)
                        .withCompression(CompressionCodecName.GZIP)),
                Arguments.of("date folders and a commit timestamp column", defaults
                        .withPartitioning(new DatePartitioning("YYYYMMDD", "SLASH")).withTimestampColumn("commit_ts")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dmsShapes")
    void manySmallDmsFiles_compactIntoOneFile_withEveryChangeOnceInChangeOrder(String name, DmsEndpointShape shape) throws IOException {
        // GIVEN a full load and CDC files as DMS writes them
        DmsFileGenerator.Generated generated = new DmsFileGenerator(shape, ORDERS, true).generate(DmsWorkload.small(), dir.resolve("in"));
        DmsLayout layout = new DmsLayout(shape.folder(), shape.partitioning());
        TableSchema schema = LocalChanges.schemaOf(generated.files());
        List<GeneratedFile> shuffled = new ArrayList<>(generated.files());
        Collections.shuffle(shuffled, new java.util.Random(7));

        // WHEN they are compacted (handed over in any order)
        List<CompactedFile> out = LocalChanges.compact(layout, shuffled, schema, dir, WriterSettings.defaults(), 128L << 20);

        // THEN one file holds every row, in file order then row order, Op 'I' for the full load
        assertThat(out).hasSize(1);
        List<Map<String, Object>> rows = LakeRows.read(out.get(0).file());
        long expectedRows = generated.files().stream().mapToLong(GeneratedFile::rows).sum();
        assertThat(rows).hasSize((int) expectedRows);
        assertThat(out.get(0).rows()).isEqualTo(expectedRows);
        List<Long> seqs = rows.stream().map(r -> (Long) r.get(ChangeSequence.COLUMN)).toList();
        assertThat(seqs).isSorted().doesNotHaveDuplicates();
        int at = 0;
        for (GeneratedFile file : generated.files()) {
            List<Map<String, Object>> original = LakeRows.read(file.file());
            for (Map<String, Object> originalRow : original) {
                Map<String, Object> row = rows.get(at++);
                assertThat(LakeRows.project(ORDERS, row)).isEqualTo(LakeRows.project(ORDERS, originalRow));
                assertThat(row.get("Op")).isEqualTo(originalRow.getOrDefault("Op", "I"));
            }
        }
        if (shape.timestampColumnName() != null) {
            // DMS writes the commit time as text, microseconds always.
            List<LocalDateTime> commitTimes = rows.stream()
                    .map(r -> LocalDateTime.parse((String) r.get(shape.timestampColumnName()), DmsFileGenerator.COMMIT_TIMESTAMP)).toList();
            assertThat(commitTimes).isSorted();
        }
    }

    @Test
    void outputOverTheTargetSize_rollsIntoSeveralFiles_andKeepsTheOrderAcrossThem() throws IOException {
        DmsEndpointShape shape = DmsEndpointShape.defaults();
        DmsFileGenerator.Generated generated = new DmsFileGenerator(shape, ORDERS, false)
                .generate(new DmsWorkload(3, 20_000, 5_000, 10, 2_000, 0.1, 0.3, 0.1), dir.resolve("in"));
        TableSchema schema = LocalChanges.schemaOf(generated.files());

        List<CompactedFile> out = LocalChanges.compact(new DmsLayout("dms", null), generated.files(), schema, dir,
                WriterSettings.defaults().withRowGroupBytes(256 << 10), 300 << 10);

        assertThat(out).hasSizeGreaterThan(1);
        assertThat(out.stream().mapToLong(CompactedFile::rows).sum()).isEqualTo(40_000);
        for (int i = 1; i < out.size(); i++) {
            assertThat(out.get(i).minSeq()).isGreaterThan(out.get(i - 1).maxSeq());
        }
        assertThat(out.get(0).rowGroupRows()).hasSizeGreaterThan(1);
    }

    @Test
    void sameDmsFileHandedOverTwice_isRefused_insteadOfDuplicatingItsChanges() throws IOException {
        DmsEndpointShape shape = DmsEndpointShape.defaults();
        DmsFileGenerator.Generated generated = new DmsFileGenerator(shape, ORDERS, false).generate(DmsWorkload.small(), dir.resolve("in"));
        TableSchema schema = LocalChanges.schemaOf(generated.files());
        List<GeneratedFile> twice = new ArrayList<>(generated.files());
        twice.add(generated.files().get(generated.files().size() - 1));

        assertThatThrownBy(() -> LocalChanges.compact(new DmsLayout("dms", null), twice, schema, dir, WriterSettings.defaults(), 128L << 20))
                .isInstanceOf(ChangeOrderException.class).hasMessageContaining("merged twice");
    }
}
