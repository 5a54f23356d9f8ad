package dmsrunbook.validation.diff;

import dmsrunbook.database.DatabaseConnector;
import dmsrunbook.database.DatabaseFamilies;
import dmsrunbook.error.Failures;
import dmsrunbook.spec.DatabaseEngine;
import dmsrunbook.spec.EndpointSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

/**
 * One side of a comparison: its engine, a name for messages (never a URL with credentials), and how to connect.
 * Every connection opened here is read-only before it runs anything: the diff and the invariants must not be able
 * to change the source.
 */
public record ComparedDatabase(DatabaseEngine engine, String description, Opener opener) {

    /** What may carry a credential in a JDBC URL: a user-info part, or user / password parameters. */
    private static final Pattern USER_INFO = Pattern.compile("//[^/?#@]*@");
    private static final Pattern CREDENTIAL_PARAMETER = Pattern.compile("(?i)(user|password)=.*");

    /** Opens a new JDBC connection. */
    @FunctionalInterface
    public interface Opener {
        Connection open() throws SQLException;
    }

    /** The spec's endpoint, with the credentials of its secret. */
    public static ComparedDatabase of(DatabaseConnector connector, EndpointSpec endpoint) {
        return new ComparedDatabase(endpoint.engine(), endpoint.describe(), () -> connector.connect(endpoint));
    }

    /**
     * A database named by a JDBC URL (for a diff run from an operator's machine against local databases), logging in
     * as {@code user} with {@code password} when given (null: as the URL says). Its description is the URL without
     * any credential, so no message shows one.
     */
    public static ComparedDatabase ofJdbcUrl(DatabaseEngine engine, String url, String user, String password) {
        return new ComparedDatabase(engine, engine.value() + " " + withoutCredentials(url), () -> {
            Properties properties = new Properties();
            if (user != null) {
                properties.setProperty("user", user);
            }
            if (password != null) {
                properties.setProperty("password", password);
            }
            try {
                return DriverManager.getConnection(url, properties);
            } catch (SQLException e) {
                // A driver may quote the URL it was given; the message must not carry its credentials on.
                String message = String.valueOf(e.getMessage()).replace(url, withoutCredentials(url));
                if (password != null && !password.isEmpty()) {
                    message = message.replace(password, "****");
                }
                throw new SQLException(message, e.getSQLState(), e.getErrorCode());
            }
        });
    }

    /** The URL with its user-info part and user / password parameters taken out. */
    static String withoutCredentials(String url) {
        String bare = USER_INFO.matcher(url).replaceFirst("//");
        int query = bare.indexOf('?');
        if (query < 0) {
            return bare;
        }
        String kept = Arrays.stream(bare.substring(query + 1).split("&"))
                .filter(parameter -> !parameter.isEmpty() && !CREDENTIAL_PARAMETER.matcher(parameter).matches())
                .collect(Collectors.joining("&"));
        return bare.substring(0, query) + (kept.isEmpty() ? "" : "?" + kept);
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
