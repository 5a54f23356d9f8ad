package dmsrunbook.database.mysql;

import dmsrunbook.database.DatabaseFamily;
import dmsrunbook.database.SqlDialect;
import dmsrunbook.preflight.SourceChecks;
import dmsrunbook.spec.EndpointSpec;
import dmsrunbook.spec.SslMode;
import dmsrunbook.validation.diff.ChecksumDialect;

/**
 * MySQL, MariaDB and Aurora MySQL, through the MariaDB driver: the dialect, the binlog checks and the diff's SQL. The cutover moves
 * no sequences for them, and they keep no replication slots.
 */
public final class MySqlFamily implements DatabaseFamily {

    private final MySqlDialect dialect = new MySqlDialect();
    private final MySqlChecksums checksums = new MySqlChecksums();

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
    public ChecksumDialect checksums() {
        return checksums;
    }

    @Override
    public SourceChecks sourceChecks(int lobScanTimeoutSeconds) {
        return new MySqlSourceChecks(lobScanTimeoutSeconds);
    }
}
