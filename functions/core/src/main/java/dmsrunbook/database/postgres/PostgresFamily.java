package dmsrunbook.database.postgres;

import dmsrunbook.database.DatabaseFamily;
import dmsrunbook.database.ReplicationSlots;
import dmsrunbook.database.Sequences;
import dmsrunbook.database.SqlDialect;
import dmsrunbook.mapping.TableName;
import dmsrunbook.preflight.CheckResult;
import dmsrunbook.preflight.PreflightContext;
import dmsrunbook.preflight.SourceChecks;
import dmsrunbook.spec.EndpointSpec;
import dmsrunbook.spec.SslMode;
import dmsrunbook.validation.diff.ChecksumDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** PostgreSQL and Aurora PostgreSQL: the JDBC driver, the dialect, the checks, the diff's SQL, sequences and logical slots. */
public final class PostgresFamily implements DatabaseFamily {

    private final PostgresDialect dialect = new PostgresDialect();
    private final PostgresSequences sequences = new PostgresSequences();
    private final PostgresReplicationSlots slots = new PostgresReplicationSlots();
    private final PostgresChecksums checksums = new PostgresChecksums();

    @Override
    public String jdbcUrl(EndpointSpec endpoint, int connectTimeoutSeconds) {
        return "jdbc:postgresql://" + endpoint.host() + ":" + endpoint.port() + "/" + endpoint.database()
                + "?sslmode=" + sslMode(endpoint.sslMode()) + "&connectTimeout=" + connectTimeoutSeconds + "&ApplicationName=dms-runbook";
    }

    /** The libpq (and JDBC driver) spelling of an SSL mode. */
    public static String sslMode(SslMode mode) {
        return switch (mode) {
            case NONE -> "disable";
            case REQUIRE -> "require";
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
        return new PostgresSourceChecks(lobScanTimeoutSeconds);
    }

    @Override
    public List<CheckResult> targetTableChecks(Connection target, List<TableName> tables, PreflightContext context) throws SQLException {
        return new PostgresTargetChecks().run(target, tables, context);
    }

    @Override
    public Optional<Sequences> sequences() {
        return Optional.of(sequences);
    }

    @Override
    public Optional<ReplicationSlots> replicationSlots() {
        return Optional.of(slots);
    }
}
