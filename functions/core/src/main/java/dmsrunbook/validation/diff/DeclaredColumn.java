package dmsrunbook.validation.diff;

/** A column of a table as the catalog lists it. */
public record DeclaredColumn(String name, ColumnType type) {
}
