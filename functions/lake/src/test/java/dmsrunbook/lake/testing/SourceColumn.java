package dmsrunbook.lake.testing;

/**
 * A column of the generated source table, by its PostgreSQL type.
 *
 * @param name     column name
 * @param type     PostgreSQL type
 * @param nullable whether the generator leaves it null sometimes
 */
public record SourceColumn(String name, PgType type, boolean nullable) {

    /** The PostgreSQL types the generator writes, each as DMS maps it to Parquet. */
    public enum PgType {
        BIGINT, INTEGER, TEXT, NUMERIC_12_2, DOUBLE, BOOLEAN, TIMESTAMP, DATE
    }
}
