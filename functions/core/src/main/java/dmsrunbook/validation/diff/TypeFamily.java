package dmsrunbook.validation.diff;

/**
 * What a column's declared type is, as far as comparing values goes; each database maps its own type names onto
 * these (e.g. MySQL {@code tinyint(1)} is {@link #TINYINT_ONE}, PostgreSQL {@code jsonb} and {@code json} are
 * {@link #JSON}). {@link ColumnKinds} pairs the two sides' families into one {@link ValueKind}.
 */
public enum TypeFamily {
    INTEGER,
    /** MySQL's {@code tinyint(1)}: an integer that usually holds a boolean. */
    TINYINT_ONE,
    DECIMAL,
    FLOAT4,
    FLOAT8,
    BOOLEAN,
    TEXT,
    UUID,
    BINARY,
    JSON,
    DATE,
    TIME,
    TIMESTAMP,
    OTHER
}
