package dmsrunbook.database.postgres;

import dmsrunbook.database.SqlDialect;

/** PostgreSQL's way of listing and quoting tables. */
public final class PostgresDialect implements SqlDialect {

    // From the catalog, not information_schema: that view hides tables the user may not read, and a table DMS cannot
    // read must show up in the preflight (as a missing grant) rather than silently drop out of the selection.
    private static final String LIST_TABLES = """
            SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND c.relpersistence <> 't'
              AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
            """;

    @Override
    public char identifierQuote() {
        return '"';
    }

    @Override
    public String listTablesQuery() {
        return LIST_TABLES;
    }
}
