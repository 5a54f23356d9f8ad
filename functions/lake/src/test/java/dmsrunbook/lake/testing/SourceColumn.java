package dmsrunbook.lake.testing;

/**
 * A column of the generated source table, by its PostgreSQL type.
 *
 * @param name     column name
 * @param type     PostgreSQL type
 * @param nullable whether the column may be null (the generator leaves it null sometimes); a NOT NULL column is
 *                 REQUIRED in DMS's Parquet files
 */
public record SourceColumn(String name, PgType type, boolean nullable) {

    /**
     * The PostgreSQL types the generator writes, each as DMS maps it to Parquet: {@code bigint} INT64,
     * {@code integer} INT32 (INT_32), {@code smallint} INT32 (INT_16), {@code text} BINARY (UTF8), {@code numeric(p,s)}
     * FIXED_LEN_BYTE_ARRAY of the fewest bytes that hold p digits (DECIMAL(p,s)), {@code double precision} DOUBLE,
     * {@code boolean} BOOLEAN, {@code timestamp} INT64 (TIMESTAMP micros, or millis), {@code date} INT32 (DATE).
     */
    public enum PgType {
        BIGINT, INTEGER, SMALLINT, TEXT, NUMERIC_12_2, NUMERIC_38_4, DOUBLE, BOOLEAN, TIMESTAMP, DATE
    }
}
