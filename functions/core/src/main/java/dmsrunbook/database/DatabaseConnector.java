package dmsrunbook.database;

import dmsrunbook.error.Failures;
import dmsrunbook.spec.DatabaseEngine;
import dmsrunbook.spec.EndpointSpec;
import dmsrunbook.spec.SslMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens JDBC connections to a spec's endpoints with the credentials of their secrets, in the SSL mode DMS will
 * use. URLs never carry credentials, so a failure message can be shown as it is.
 */
public final class DatabaseConnector {

    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    private final SecretReader secrets;

    public DatabaseConnector(SecretReader secrets) {
        this.secrets = secrets;
    }

    public Connection connect(EndpointSpec endpoint) {
        DatabaseSecret secret = secrets.read(endpoint.secretArn());
        Properties properties = new Properties();
        properties.setProperty("user", secret.username());
        properties.setProperty("password", secret.password());
        try {
            return DriverManager.getConnection(url(endpoint), properties);
        } catch (SQLException e) {
            throw Failures.ofSql("Connecting", endpoint.describe(), e);
        }
    }

    /** The user the connections log in as (for privilege checks), from the endpoint's secret. */
    public String username(EndpointSpec endpoint) {
        return secrets.read(endpoint.secretArn()).username();
    }

    public DatabaseSecret secret(EndpointSpec endpoint) {
        return secrets.read(endpoint.secretArn());
    }

    static String url(EndpointSpec endpoint) {
        DatabaseEngine engine = endpoint.engine();
        String address = endpoint.host() + ":" + endpoint.port() + "/" + endpoint.database();
        return switch (engine.family()) {
            case POSTGRES -> "jdbc:postgresql://" + address + "?sslmode=" + postgresSslMode(endpoint.sslMode())
                    + "&connectTimeout=" + CONNECT_TIMEOUT_SECONDS + "&ApplicationName=dms-runbook";
            case MYSQL -> "jdbc:mariadb://" + address + "?sslMode=" + mariaDbSslMode(endpoint.sslMode())
                    + "&connectTimeout=" + CONNECT_TIMEOUT_SECONDS * 1000;
            case OBJECT_STORE -> throw new IllegalArgumentException(endpoint.describe() + " is not a database");
        };
    }

    private static String postgresSslMode(SslMode mode) {
        return switch (mode) {
            case NONE -> "disable";
            case REQUIRE -> "require";
            case VERIFY_CA -> "verify-ca";
            case VERIFY_FULL -> "verify-full";
        };
    }

    private static String mariaDbSslMode(SslMode mode) {
        return switch (mode) {
            case NONE -> "disable";
            case REQUIRE -> "trust";
            case VERIFY_CA -> "verify-ca";
            case VERIFY_FULL -> "verify-full";
        };
    }
}
