package dmsrunbook.mapping;

/** A table by schema and name (for MySQL sources the schema is the database), as it is written in the catalog. */
public record TableName(String schema, String table) implements Comparable<TableName> {

    /** The name quoted for SQL in the given quote character ({@code "} for PostgreSQL, {@code `} for MySQL). */
    public String quoted(char quote) {
        return quote(schema, quote) + "." + quote(table, quote);
    }

    /**
     * {@code schema.table}, a part holding a dot or a quote in double quotes ({@code "my.schema".orders}), so the text
     * names one table and reads back with {@link QualifiedNameText#parse}.
     */
    @Override
    public String toString() {
        return QualifiedNameText.write(this);
    }

    @Override
    public int compareTo(TableName other) {
        int bySchema = schema.compareTo(other.schema);
        return bySchema != 0 ? bySchema : table.compareTo(other.table);
    }

    private static String quote(String identifier, char quote) {
        String q = String.valueOf(quote);
        return q + identifier.replace(q, q + q) + q;
    }
}
