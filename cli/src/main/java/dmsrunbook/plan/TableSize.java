package dmsrunbook.plan;

import dmsrunbook.mapping.TableName;
import dmsrunbook.spec.DatabaseEngine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One selected source table's size as its catalog reports it: the rows (the planner's estimate), the bytes a full load
 * reads ({@code dataBytes}: PostgreSQL's {@code pg_table_size}, heap and TOAST; MySQL's {@code data_length}) and the
 * bytes with its indexes ({@code totalBytes}: {@code pg_total_relation_size}; {@code data_length + index_length}).
 * Read from the catalog only: nothing is scanned, locked or written.
 */
public record TableSize(TableName table, long rows, long dataBytes, long totalBytes) {

    private static final String POSTGRES = """
            SELECT c.reltuples::bigint, pg_table_size(c.oid), pg_total_relation_size(c.oid)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname = ?""";
    private static final String MYSQL = """
            SELECT table_rows, data_length, data_length + index_length
            FROM information_schema.tables WHERE table_schema = ? AND table_name = ?""";

    /** The sizes of {@code tables}, in the order given; a table the catalog does not know counts 0. */
    public static List<TableSize> read(Connection connection, DatabaseEngine.Family family, List<TableName> tables) throws SQLException {
        List<TableSize> sizes = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(family == DatabaseEngine.Family.MYSQL ? MYSQL : POSTGRES)) {
            for (TableName table : tables) {
                statement.setString(1, table.schema());
                statement.setString(2, table.table());
                try (ResultSet row = statement.executeQuery()) {
                    sizes.add(row.next()
                            // PostgreSQL says -1 rows for a table never analyzed: unknown, shown as 0.
                            ? new TableSize(table, Math.max(0, row.getLong(1)), row.getLong(2), row.getLong(3))
                            : new TableSize(table, 0, 0, 0));
                }
            }
        }
        return sizes;
    }
}
