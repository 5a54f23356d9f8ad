package dmsrunbook.rehearsal;

import dmsrunbook.database.SqlDialect;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.mapping.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** The selected tables' rows and on-disk size on the local source: what the initial copy moves. */
record SourceSize(long rows, long bytes) {

    static SourceSize of(LocalPostgres source, String database, List<TableName> tables, SqlDialect dialect) throws SQLException {
        long rows = 0;
        long bytes = 0;
        try (Connection connection = source.connect(database);
             PreparedStatement size = connection.prepareStatement("SELECT pg_table_size((quote_ident(?) || '.' || quote_ident(?))::regclass)")) {
            for (TableName table : tables) {
                rows += dialect.countRows(connection, table);
                size.setString(1, table.schema());
                size.setString(2, table.table());
                try (ResultSet row = size.executeQuery()) {
                    row.next();
                    bytes += row.getLong(1);
                }
            }
        }
        return new SourceSize(rows, bytes);
    }
}
