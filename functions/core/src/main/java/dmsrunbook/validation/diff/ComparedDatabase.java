package dmsrunbook.validation.diff;

import dmsrunbook.database.DatabaseConnector;
import dmsrunbook.database.DatabaseFamilies;
import dmsrunbook.error.Failures;
import dmsrunbook.spec.DatabaseEngine;
import dmsrunbook.spec.EndpointSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * One side of a comparison: its engine, a name for messages (never a URL with credentials), and how to connect.
 * Every connection opened here is read-only before it runs anything: the diff and the invariants must not be able
 * to change the source.
 */
public record ComparedDatabase(DatabaseEngine engine, String description, Opener opener) {

    /** Opens a new JDBC connection. */
    @FunctionalInterface
    public interface Opener {
        Connection open() throws SQLException;
    }

    /** The spec's endpoint, with the credentials of its secret. */
    public static ComparedDatabase of(DatabaseConnector connector, EndpointSpec endpoint) {
        return new ComparedDatabase(endpoint.engine(), endpoint.describe(), () -> connector.connect(endpoint));
    }

    public ChecksumDialect dialect() {
        return DatabaseFamilies.of(engine).checksums();
    }

    /** A read-only session in UTC and UTF-8, each statement limited to {@code statementTimeout}. */
    public Connection openReadOnly(Duration statementTimeout) {
        Connection connection = null;
        try {
            connection = opener.open();
            dialect().prepareSession(connection, statementTimeout);
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw Failures.ofSql("Opening a read-only session", description, e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing after the work is done or failed: nothing left to report.
        }
    }
}
