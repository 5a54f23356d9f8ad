package dmsrunbook.validation.diff;

/**
 * How the values of one column are compared across the two sides, whatever each side declares: numbers by value,
 * timestamps as UTC microseconds, booleans as 0/1 (PostgreSQL {@code boolean} and MySQL {@code tinyint(1)}), text as
 * UTF-8, binary by its bytes, JSON with key order ignored, floats within the spec's tolerance. Only some kinds can
 * order a key: those whose order both databases can produce without a collation of their own.
 */
public enum ValueKind {
    INTEGER(true),
    DECIMAL(true),
    /**
     * Floats cannot be hashed with a tolerance: two values closer than it may straddle any rounding boundary. The
     * checksum takes them as whole numbers of tolerance steps (values within the tolerance nearly always agree; values
     * further apart never do), and the comparison of fetched rows in Java, with the exact tolerance, decides: a value
     * near a step's edge costs a fetch, never a wrong verdict.
     */
    FLOAT(false),
    BOOLEAN(false),
    TEXT(true),
    UUID(true),
    BINARY(true),
    JSON(false),
    DATE(true),
    TIME(false),
    TIMESTAMP(true),
    OTHER(false);

    private final boolean keyable;

    ValueKind(boolean keyable) {
        this.keyable = keyable;
    }

    /** Whether a key column of this kind can split a table into key ranges. */
    public boolean keyable() {
        return keyable;
    }
}
