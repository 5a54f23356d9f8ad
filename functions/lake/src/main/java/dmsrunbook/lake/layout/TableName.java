package dmsrunbook.lake.layout;

import java.util.Objects;

/**
 * A source table's name as DMS's folders carry it ({@code <folder>/<schema>/<table>/}): schema and table kept apart,
 * so a dot in either ({@code "my.schema".orders}) never moves the line between them. Written for people and in
 * {@code LAKE_TABLES} as {@code schema.table}, a part quoted in double quotes when it holds a dot, a quote or one of
 * the list's separators ({@code : ; ,}), with a quote inside doubled ({@code "a""b"}).
 *
 * @param schema the source schema
 * @param table  the source table
 */
public record TableName(String schema, String table) {

    public TableName {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(table, "table");
    }

    /** {@code name}, quoted as {@code LAKE_TABLES} needs it when it holds a dot, a quote, a separator or blanks at its ends. */
    public static String quoted(String name) {
        boolean plain = !name.isEmpty() && name.strip().equals(name) && name.chars().noneMatch(c -> ".\":;,".indexOf(c) >= 0);
        return plain ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** {@code schema.table}, each part quoted when it needs to be: the form {@code LAKE_TABLES} takes. */
    @Override
    public String toString() {
        return quoted(schema) + "." + quoted(table);
    }
}
