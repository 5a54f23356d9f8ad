package dmsrunbook.spec;

/**
 * The spec's {@code schema} section: what the workflow does about the target's schema. The default is {@code verify}
 * between two PostgreSQL databases and {@code none} otherwise (a MySQL source's schema cannot be compared with a
 * PostgreSQL target's, and an S3 target has none).
 */
public record SchemaSpec(SchemaMode mode) {
}
