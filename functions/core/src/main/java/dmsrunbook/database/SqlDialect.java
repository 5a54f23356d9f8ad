package dmsrunbook.database;

import dmsrunbook.mapping.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** How a database family lists, finds, counts and quotes tables: the SQL the family-neutral steps run. */
public interface SqlDialect {

    /** The character that quotes identifiers ({@code "} or {@code `}). */
    char identifierQuote();

    /** The query that lists every user table: two columns, schema and table. */
    String listTablesQuery();

    /** Every user table the connection can see (apply the mappings to pick the selected ones). */
    default List<TableName> listTables(Connection connection) throws SQLException {
        List<TableName> tables = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(listTablesQuery()); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                tables.add(new TableName(rows.getString(1), rows.getString(2)));
            }
        }
        return tables;
    }

    default String quoted(TableName table) {
        return table.quoted(identifierQuote());
    }

    /** One identifier (a column), quoted. */
    default String quoted(String identifier) {
        String q = String.valueOf(identifierQuote());
        return q + identifier.replace(q, q + q) + q;
    }

    /** Whether the table exists on this connection's database. */
    default boolean exists(Connection connection, TableName table) throws SQLException {
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
    default long countRows(Connection connection, TableName table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM " + quoted(table));
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
