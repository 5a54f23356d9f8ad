package dmsrunbook.database.mysql;

import dmsrunbook.database.SqlDialect;

/** MySQL's and MariaDB's way of listing and quoting tables (a table's schema is its database). */
public final class MySqlDialect implements SqlDialect {

    private static final String LIST_TABLES = """
            SELECT table_schema, table_name FROM information_schema.tables
            WHERE table_type = 'BASE TABLE'
              AND table_schema NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')
            """;

    @Override
    public char identifierQuote() {
        return '`';
    }

    @Override
    public String listTablesQuery() {
        return LIST_TABLES;
    }
}
