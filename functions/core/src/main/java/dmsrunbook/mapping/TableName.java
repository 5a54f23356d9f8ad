package dmsrunbook.mapping;

/** A table by schema and name (for MySQL sources the schema is the database), as it is written in the catalog. */
public record TableName(String schema, String table) implements Comparable<TableName> {

    /** The name quoted for SQL in the given quote character ({@code "} for PostgreSQL, {@code `} for MySQL). */
    public String quoted(char quote) {
        return quote(schema, quote) + "." + quote(table, quote);
    }

    @Override
    public String toString() {
        return schema + "." + table;
    }

    @Override
    public int compareTo(TableName other) {
        return toString().compareTo(other.toString());
    }

    private static String quote(String identifier, char quote) {
        String q = String.valueOf(quote);
        return q + identifier.replace(q, q + q) + q;
    }
}
