package dmsrunbook.lake.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole row groups copied page by page ({@link ParquetBatchWriter#appendRowGroup}) from files parquet-java wrote in
 * every shape a copy treats differently, checked by parquet-java's reader: every value, null, chunk statistic and
 * page index entry.
 */
class RowGroupCopyTest {

    @TempDir
    Path dir;

    @Test
    void inputsOfEveryShape_copiedInOrder_readBackExactlyWithParquetJava() throws IOException {
        // GIVEN inputs with small pages (gathered, dictionary ids renumbered, booleans shifted), pages big enough to
        // be copied whole, v2 pages, compressed pages, and a file lacking a column
        Random random = new Random(11);
        List<Object[]> expected = new ArrayList<>();
        List<Path> inputs = new ArrayList<>();
        for (ParquetJavaInputs.Shape shape : ParquetJavaInputs.SHAPES) {
            inputs.add(ParquetJavaInputs.write(dir, shape, random, expected));
        }

        // WHEN they are copied one after the other, whole row groups at a time, into row groups of 256 KB
        Path out = dir.resolve("copy.parquet");
        WriterSettings settings = WriterSettings.defaults().withRowGroupBytes(256 << 10);
        settings = new WriterSettings(settings.codec(), settings.rowGroupBytes(), 64 << 10, settings.version());
        ParquetBatchWriter writer = null;
        for (Path input : inputs) {
            try (ParquetBatchReader reader = ParquetBatchReader.open(input, ParquetJavaInputs.SCHEMA, ParquetBatchReader.MissingColumn.NULLS)) {
                if (writer == null) {
                    writer = ParquetBatchWriter.forCopiesOf(out, ParquetJavaInputs.SCHEMA, settings, reader);
                }
                while (reader.nextRowGroup() > 0) {
                    writer.appendRowGroup(reader, -1, null);
                }
            }
        }
        writer.close();

        // THEN parquet-java reads every row back, in order, with exact statistics and page indexes
        List<Object[]> actual = ParquetJavaReadBack.rows(out, ParquetJavaInputs.SCHEMA);
        assertThat(actual).hasSize(expected.size());
        for (int r = 0; r < expected.size(); r++) {
            assertThat(actual.get(r)).as("row %d", r).containsExactly(expected.get(r));
        }
        assertThat(writer.rowGroupRows()).hasSizeGreaterThan(1);
    }
}
