package dmsrunbook.validation.diff;

/**
 * A row fetched for comparison in Java: its key, and one cell per compared column in the order asked for. Cells are
 * canonical text (MD5 of text and binary values, so large values do not travel), a {@link Double} for floats, or
 * JSON text; null for SQL NULL.
 */
public record FetchedRow(Key key, Object[] cells) {
}
