package dmsrunbook.lake.layout;

/** The two kinds of file DMS writes for a table on an S3 target. */
public enum DmsFileKind {
    /** {@code LOAD0000000A.parquet}: full-load rows, no {@code Op} column, named by a hex counter. */
    FULL_LOAD,
    /** {@code 20241031-1134010000.parquet}: changes, {@code Op} (I/U/D) first, named by the time DMS wrote them. */
    CDC
}
