package dmsrunbook.database.mysql;

import dmsrunbook.database.DatabaseFamily;
import dmsrunbook.database.SqlDialect;
import dmsrunbook.preflight.SourceChecks;
import dmsrunbook.spec.EndpointSpec;
import dmsrunbook.spec.SslMode;

/**
 * MySQL, MariaDB and Aurora MySQL, through the MariaDB driver: the dialect and the binlog checks. The cutover carries
 * nothing to them (AUTO_INCREMENT counters follow the rows DMS writes), and they keep no replication slots.
 */
public final class MySqlFamily implements DatabaseFamily {

    private final MySqlDialect dialect = new MySqlDialect();

    @Override
    public String jdbcUrl(EndpointSpec endpoint, int connectTimeoutSeconds) {
        return "jdbc:mariadb://" + endpoint.host() + ":" + endpoint.port() + "/" + endpoint.database()
                + "?sslMode=" + sslMode(endpoint.sslMode()) + "&connectTimeout=" + connectTimeoutSeconds * 1000;
    }

    private static String sslMode(SslMode mode) {
        return switch (mode) {
            case NONE -> "disable";
            case REQUIRE -> "trust";
            case VERIFY_CA -> "verify-ca";
            case VERIFY_FULL -> "verify-full";
        };
    }

    @Override
    public SqlDialect dialect() {
        return dialect;
    }

    @Override
    public SourceChecks sourceChecks(int lobScanTimeoutSeconds) {
        return new MySqlSourceChecks(lobScanTimeoutSeconds);
    }
}
