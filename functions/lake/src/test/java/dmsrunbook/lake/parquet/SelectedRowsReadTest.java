package dmsrunbook.lake.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading only some rows of each chunk gives exactly those rows, whatever the encoding of the pages they sit in. */
class SelectedRowsReadTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "every {0}th row or so")
    @ValueSource(ints = {1, 3, 50})
    void someRowsOfEveryChunk_readBackAsThoseRows_inEveryInputShape(int spacing) throws IOException {
        Random random = new Random(spacing);
        for (ParquetJavaInputs.Shape shape : ParquetJavaInputs.SHAPES) {
            // GIVEN a file parquet-java wrote in this shape
            List<Object[]> written = new ArrayList<>();
            Path file = ParquetJavaInputs.write(dir, shape, random, written);

            // WHEN each chunk's rows are read selectively (some chunks none, the last row always)
            List<Object[]> expected = new ArrayList<>();
            List<Object[]> actual = new ArrayList<>();
            try (ParquetBatchReader reader = ParquetBatchReader.open(file, ParquetJavaInputs.SCHEMA, ParquetBatchReader.MissingColumn.NULLS)) {
                RowBatch batch = new RowBatch(ParquetJavaInputs.SCHEMA, 16);
                int[] selected = new int[ParquetBatchReader.CHUNK_ROWS];
                long first = 0;
                int rows;
                while ((rows = reader.beginChunk()) > 0) {
                    int count = 0;
                    for (int r = 0; r < rows; r++) {
                        if (random.nextInt(spacing) == 0 || r == rows - 1) {
                            selected[count++] = r;
                            expected.add(written.get((int) first + r));
                        }
                    }
                    batch.clear();
                    reader.readSelectedRows(batch, selected, count);
                    for (int r = 0; r < batch.rowCount(); r++) {
                        actual.add(row(batch, r));
                    }
                    first += rows;
                }
            }

            // THEN exactly the selected rows come back, in order
            assertThat(actual).as(shape.name()).hasSize(expected.size());
            for (int r = 0; r < expected.size(); r++) {
                assertThat(actual.get(r)).as("%s, selected row %d", shape.name(), r).containsExactly(expected.get(r));
            }
        }
    }

    private static Object[] row(RowBatch batch, int r) {
        Object[] row = new Object[batch.columnCount()];
        for (int c = 0; c < row.length; c++) {
            Object value = batch.column(c).get(r);
            if (value instanceof org.apache.parquet.io.api.Binary binary) {
                boolean fixed = batch.type(c).getPrimitiveTypeName() == org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
                value = fixed ? binary.getBytes() : binary.toStringUsingUTF8();
            }
            row[c] = value;
        }
        return row;
    }
}
