package dmsrunbook.validation.diff;

/**
 * A column's type as one database declares it: the declared name (e.g. {@code numeric(14,2)}, {@code tinyint(1)}),
 * its {@link TypeFamily}, the declared scale of exact numerics (null when unconstrained or not numeric), and whether
 * the database has a native hash function for it (PostgreSQL's hash opclasses; the same-engine checksum uses them).
 */
public record ColumnType(String declared, TypeFamily family, Integer scale, boolean hashable) {
}
