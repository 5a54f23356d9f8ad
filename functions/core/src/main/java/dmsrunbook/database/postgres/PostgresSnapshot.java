package dmsrunbook.database.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Reads done in one read-only REPEATABLE READ transaction: one snapshot of the catalog, nothing written (safe on a production source). */
final class PostgresSnapshot {

    /** What is read inside the snapshot. */
    @FunctionalInterface
    interface Read<T> {
        T read(Connection connection) throws SQLException;
    }

    private PostgresSnapshot() {
    }

    /** Runs {@code reads} in the snapshot, then ends it; the connection's auto-commit is as it was afterwards. */
    static <T> T read(Connection connection, Read<T> reads) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement setup = connection.createStatement()) {
            setup.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            T result = reads.read(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
