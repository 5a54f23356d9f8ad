package dmsrunbook.database.mysql;

import dmsrunbook.database.SqlDialect;
import dmsrunbook.mapping.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

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
    public List<TableName> listTables(Connection connection) throws SQLException {
        List<TableName> tables = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(LIST_TABLES); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                tables.add(new TableName(rows.getString(1), rows.getString(2)));
            }
        }
        return tables;
    }
}
