package dmsrunbook.validation.diff;

/**
 * One compared column as one side queries it: its name and declared type there, the {@link ValueKind} both sides
 * compare it as, the exact-numeric scale both render it at ({@code scale}; null: trailing zeros trimmed), whether
 * floats are compared at single precision ({@code single}), and how it enters the checksum.
 */
public record SideColumn(String name, ColumnType type, ValueKind kind, Integer scale, boolean single, HashForm hash) {
}
