package dmsrunbook.lake;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.lake.parquet.ParquetBatchReader;
import dmsrunbook.lake.testing.DmsEndpointShape;
import dmsrunbook.lake.testing.DmsFileGenerator;
import dmsrunbook.lake.testing.SourceTable;
import dmsrunbook.lake.testing.WarmUpSamples;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warm-up SnapStart runs before its snapshot: real compaction and merge on real DMS-shaped files, nothing left behind. */
class LakeWarmUpTest {

    @Test
    void everyRoundCompactsEverySampleRowAndMergesTheTable() throws IOException {
        LakeWarmUp.Summary summary = LakeWarmUp.run(3);

        long changes = WarmUpSamples.WORKLOAD.loadRows() + (long) LakeWarmUp.CDC_FILES_PER_ROUND * WarmUpSamples.WORKLOAD.rowsPerCdcFile();
        assertThat(summary.rowsCompacted()).isEqualTo(3 * changes);
        // Deletes and re-inserts move the count a little; the table is still about its full load.
        assertThat(summary.liveRows()).isBetween(800L, 1_200L);
    }

    @Test
    void leavesNoFilesBehind() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        List<Path> before = warmUpDirs(tmp);

        LakeWarmUp.run(1);

        assertThat(warmUpDirs(tmp)).isEqualTo(before);
    }

    @Test
    void theShippedSamplesAreWhatDmsWritesForTheOrdersTable(@TempDir Path dir) throws IOException {
        DmsFileGenerator generator = new DmsFileGenerator(DmsEndpointShape.defaults(), SourceTable.orders(), false);
        List<String> names = LakeWarmUp.sampleNames();

        assertThat(names).hasSize(1 + WarmUpSamples.WORKLOAD.cdcFiles());
        assertThat(names.get(0)).isEqualTo("public/orders/LOAD00000001.parquet");
        for (String name : names) {
            Path file = dir.resolve(name.replace('/', '_'));
            try (InputStream in = LakeWarmUp.class.getClassLoader().getResourceAsStream("warm-up/" + name)) {
                assertThat(in).as(name).isNotNull();
                Files.copy(in, file);
            }
            boolean cdc = !name.contains("LOAD");
            assertThat(ParquetBatchReader.readSchema(file)).as(name).isEqualTo(generator.fileSchema(cdc));
        }
    }

    private static List<Path> warmUpDirs(Path tmp) throws IOException {
        try (Stream<Path> list = Files.list(tmp)) {
            return list.filter(p -> p.getFileName().toString().startsWith("lake-warm-up-")).sorted().toList();
        }
    }
}
