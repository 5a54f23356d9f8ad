package dmsrunbook.lake.catalog;

import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * The Athena (Hive DDL) type for each Parquet column DMS writes. DMS maps source types to Parquet as: INT1/INT2/INT4
 * to INT32 (INT(8/16/32)), INT8 to INT64, NUMERIC to DECIMAL, REAL4/REAL8 to FLOAT/DOUBLE, STRING/WSTRING/CLOB to
 * BINARY (STRING), BYTES/BLOB to BINARY, DATE to INT32 (DATE), TIME to INT32/INT64 (TIME), DATETIME to INT64
 * (TIMESTAMP micros, or millis with {@code ParquetTimestampInMillisecond}), BOOLEAN to BOOLEAN.
 */
public final class AthenaTypes {

    private AthenaTypes() {
    }

    public static String of(PrimitiveType type) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        if (logical instanceof DecimalLogicalTypeAnnotation decimal) {
            return "decimal(" + decimal.getPrecision() + "," + decimal.getScale() + ")";
        }
        return switch (type.getPrimitiveTypeName()) {
            case BOOLEAN -> "boolean";
            case INT32 -> int32(logical);
            case INT64 -> int64(logical);
            case INT96 -> "timestamp";
            case FLOAT -> "float";
            case DOUBLE -> "double";
            case BINARY -> logical == null ? "binary" : "string";
            case FIXED_LEN_BYTE_ARRAY -> "binary";
        };
    }

    private static String int32(LogicalTypeAnnotation logical) {
        if (logical instanceof IntLogicalTypeAnnotation integer) {
            return switch (integer.getBitWidth()) {
                case 8 -> integer.isSigned() ? "tinyint" : "smallint";
                case 16 -> integer.isSigned() ? "smallint" : "int";
                default -> integer.isSigned() ? "int" : "bigint";
            };
        }
        if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
            return "date";
        }
        // TIME(MILLIS) has no Athena type: milliseconds since midnight as int.
        return "int";
    }

    private static String int64(LogicalTypeAnnotation logical) {
        if (logical instanceof TimestampLogicalTypeAnnotation) {
            return "timestamp";
        }
        if (logical instanceof IntLogicalTypeAnnotation integer && !integer.isSigned()) {
            return "decimal(20,0)";
        }
        // TIME(MICROS) has no Athena type: microseconds since midnight as bigint.
        if (logical instanceof TimeLogicalTypeAnnotation) {
            return "bigint";
        }
        return "bigint";
    }
}
