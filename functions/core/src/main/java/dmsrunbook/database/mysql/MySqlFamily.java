package dmsrunbook.database.mysql;

import dmsrunbook.database.DatabaseConnector;
import dmsrunbook.database.DatabaseFamily;
import dmsrunbook.database.DatabaseIdentity;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import dmsrunbook.database.SqlDialect;
import dmsrunbook.preflight.SourceChecks;
import dmsrunbook.schema.SourceSchemaFingerprints;
import dmsrunbook.schema.TargetSchemaSteps;
import dmsrunbook.spec.DatabaseEngine;
import dmsrunbook.spec.EndpointSpec;
import java.util.Optional;
import dmsrunbook.spec.SslMode;
import dmsrunbook.validation.diff.ChecksumDialect;

/**
 * MySQL, MariaDB and Aurora MySQL, through the MariaDB driver: the dialect, the binlog checks, the diff's SQL, schema
 * fingerprints, and the conversion of a source's schema for a PostgreSQL target. The cutover carries nothing to them
 * (AUTO_INCREMENT counters follow the rows DMS writes), and they keep no replication slots.
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

    /**
     * MySQL's server_uuid where the server has one (MariaDB has none), with what tells servers apart on either: the
     * server id, host name, port and data directory. The catalog is the whole server: its databases are schemas.
     */
    @Override
    public DatabaseIdentity identity(Connection connection) throws SQLException {
        String uuid;
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("SELECT @@server_uuid")) {
            uuid = row.next() ? row.getString(1) : "";
        } catch (SQLException e) {
            if (e.getErrorCode() != 1193) { // unknown system variable: MariaDB
                throw e;
            }
            uuid = "none";
        }
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT @@server_id, @@hostname, @@port, @@datadir")) {
            row.next();
            return new DatabaseIdentity("uuid " + uuid + ", server_id " + row.getString(1) + ", host " + row.getString(2) + ":" + row.getString(3)
                    + ", datadir " + row.getString(4), "");
        }
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

    /** A PostgreSQL target gets the source's schema converted ({@link MySqlTargetSchema}). */
    @Override
    public Optional<TargetSchemaSteps> targetSchemaTo(DatabaseEngine target, DatabaseConnector connector) {
        return target.family() == DatabaseEngine.Family.POSTGRES ? Optional.of(new MySqlTargetSchema(connector)) : Optional.empty();
    }

    @Override
    public Optional<SourceSchemaFingerprints> schemaFingerprints(DatabaseConnector connector) {
        return Optional.of(new MySqlSchemaFingerprints(connector));
    }
}
