package dmsrunbook.lake.testing;

import dmsrunbook.lake.parquet.ColumnValues;
import dmsrunbook.lake.parquet.ParquetBatchReader;
import dmsrunbook.lake.parquet.RowBatch;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/** Reads Parquet files back as rows of plain Java values (String, BigDecimal, LocalDateTime...), for assertions. */
public final class LakeRows {

    private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);

    private LakeRows() {
    }

    /** Every row of {@code file}, column name to value, in file order. */
    public static List<Map<String, Object>> read(Path file) throws IOException {
        MessageType schema = ParquetBatchReader.readSchema(file);
        List<Map<String, Object>> rows = new ArrayList<>();
        try (ParquetBatchReader reader = ParquetBatchReader.open(file, schema, ParquetBatchReader.MissingColumn.NULLS)) {
            RowBatch batch = new RowBatch(schema, 1024);
            while (reader.next(batch)) {
                for (int r = 0; r < batch.rowCount(); r++) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 0; c < batch.columnCount(); c++) {
                        row.put(schema.getType(c).getName(), javaValue(batch.type(c), batch.column(c), r));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** The source table's row as the generator tracks it (values in column order), as a name to value map. */
    public static Map<String, Object> sourceRow(SourceTable table, Object[] values) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int c = 0; c < values.length; c++) {
            row.put(table.columns().get(c).name(), values[c]);
        }
        return row;
    }

    /** Keeps only the source table's columns of a lake row. */
    public static Map<String, Object> project(SourceTable table, Map<String, Object> row) {
        Map<String, Object> projected = new LinkedHashMap<>();
        for (SourceColumn column : table.columns()) {
            projected.put(column.name(), row.get(column.name()));
        }
        return projected;
    }

    static Object javaValue(PrimitiveType type, ColumnValues values, int row) {
        if (values.isNull(row)) {
            return null;
        }
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        if (logical instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation decimal) {
            return switch (type.getPrimitiveTypeName()) {
                case INT32 -> BigDecimal.valueOf(values.getInt(row), decimal.getScale());
                case INT64 -> BigDecimal.valueOf(values.getLong(row), decimal.getScale());
                default -> new BigDecimal(new BigInteger(values.getBinary(row).getBytes()), decimal.getScale());
            };
        }
        if (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation timestamp) {
            long value = values.getLong(row);
            return switch (timestamp.getUnit()) {
                case MILLIS -> EPOCH.plus(value, ChronoUnit.MILLIS);
                case MICROS -> EPOCH.plus(value, ChronoUnit.MICROS);
                case NANOS -> EPOCH.plus(value, ChronoUnit.NANOS);
            };
        }
        if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
            return LocalDate.ofEpochDay(values.getInt(row));
        }
        Object value = values.get(row);
        if (value instanceof Binary binary) {
            return logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation ? binary.toStringUsingUTF8() : binary.getBytes();
        }
        return value;
    }
}
