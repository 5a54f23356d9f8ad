package dmsrunbook.database;

import dmsrunbook.error.Failures;
import dmsrunbook.spec.EndpointSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens JDBC connections to a spec's endpoints with the credentials of their secrets, in the SSL mode DMS will
 * use. URLs never carry credentials, so a failure message can be shown as it is. A refused login reads the secret
 * once more before failing: it may have been rotated since it was read.
 */
public final class DatabaseConnector {

    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    private final SecretReader secrets;

    public DatabaseConnector(SecretReader secrets) {
        this.secrets = secrets;
    }

    public Connection connect(EndpointSpec endpoint) {
        return connect(endpoint, new Properties());
    }

    /** A connection with driver properties of the caller's added (e.g. a replication connection's). */
    public Connection connect(EndpointSpec endpoint, Properties driverProperties) {
        try {
            return open(endpoint, driverProperties);
        } catch (SQLException e) {
            throw Failures.ofSql("Connecting", endpoint.describe(), e);
        }
    }

    /**
     * Like {@link #connect(EndpointSpec, Properties)}, but a refusal is the driver's own exception, for callers that
     * judge it themselves (connection tests). Secrets that cannot be read still fail as the runbook's errors.
     */
    public Connection open(EndpointSpec endpoint, Properties driverProperties) throws SQLException {
        DatabaseSecret secret = secrets.read(endpoint.secretArn());
        try {
            return login(endpoint, driverProperties, secret);
        } catch (SQLException e) {
            if (!refusedLogin(e)) {
                throw e;
            }
            // The password may have been rotated since the secret was read: read it once more, and retry if it changed.
            DatabaseSecret current = secrets.refresh(endpoint.secretArn());
            if (current.equals(secret)) {
                throw e;
            }
            return login(endpoint, driverProperties, current);
        }
    }

    private static Connection login(EndpointSpec endpoint, Properties driverProperties, DatabaseSecret secret) throws SQLException {
        Properties properties = new Properties();
        properties.putAll(driverProperties);
        properties.setProperty("user", secret.username());
        properties.setProperty("password", secret.password());
        return DriverManager.getConnection(url(endpoint), properties);
    }

    /** SQLSTATE class 28, invalid authorization (PostgreSQL's 28P01, MySQL's 28000), or MySQL's access denied (1045). */
    private static boolean refusedLogin(SQLException e) {
        return (e.getSQLState() != null && e.getSQLState().startsWith("28")) || e.getErrorCode() == 1045;
    }

    /** The user the connections log in as (for privilege checks), from the endpoint's secret. */
    public String username(EndpointSpec endpoint) {
        return secrets.read(endpoint.secretArn()).username();
    }

    public DatabaseSecret secret(EndpointSpec endpoint) {
        return secrets.read(endpoint.secretArn());
    }

    private static String url(EndpointSpec endpoint) {
        return DatabaseFamilies.of(endpoint.engine()).jdbcUrl(endpoint, CONNECT_TIMEOUT_SECONDS);
    }
}
