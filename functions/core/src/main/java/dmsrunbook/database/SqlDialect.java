package dmsrunbook.database;

import dmsrunbook.mapping.TableName;
import dmsrunbook.spec.DatabaseEngine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** What differs between PostgreSQL and MySQL for listing and counting tables. */
public enum SqlDialect {

    // From the catalog, not information_schema: that view hides tables the user may not read, and a table DMS cannot
    // read must show up in the preflight (as a missing grant) rather than silently drop out of the selection.
    POSTGRES('"', """
            SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND c.relpersistence <> 't'
              AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
            """),
    MYSQL('`', """
            SELECT table_schema, table_name FROM information_schema.tables
            WHERE table_type = 'BASE TABLE'
              AND table_schema NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')
            """);

    private final char quote;
    private final String listTables;

    SqlDialect(char quote, String listTables) {
        this.quote = quote;
        this.listTables = listTables;
    }

    public static SqlDialect of(DatabaseEngine engine) {
        return switch (engine.family()) {
            case POSTGRES -> POSTGRES;
            case MYSQL -> MYSQL;
            case OBJECT_STORE -> throw new IllegalArgumentException("s3 has no SQL dialect");
        };
    }

    public String quoted(TableName table) {
        return table.quoted(quote);
    }

    /** Every user table the connection can see (apply the mappings to pick the selected ones). */
    public List<TableName> listTables(Connection connection) throws SQLException {
        List<TableName> tables = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(listTables); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                tables.add(new TableName(rows.getString(1), rows.getString(2)));
            }
        }
        return tables;
    }

    /** Whether the table exists on this connection's database. */
    public boolean exists(Connection connection, TableName table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?")) {
            statement.setString(1, table.schema());
            statement.setString(2, table.table());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** The exact number of rows (a full count, not the planner's estimate). */
    public long countRows(Connection connection, TableName table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM " + quoted(table));
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
