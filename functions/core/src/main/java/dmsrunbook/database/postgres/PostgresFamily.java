package dmsrunbook.database.postgres;

import dmsrunbook.cutover.CutoverObjects;
import dmsrunbook.database.DatabaseConnector;
import dmsrunbook.database.DatabaseFamily;
import dmsrunbook.database.ReplicationSlots;
import dmsrunbook.database.SqlDialect;
import dmsrunbook.mapping.TableName;
import dmsrunbook.preflight.CheckResult;
import dmsrunbook.preflight.PreflightContext;
import dmsrunbook.preflight.SourceChecks;
import dmsrunbook.schema.SourceSchemaFingerprints;
import dmsrunbook.schema.TargetSchemaSteps;
import dmsrunbook.spec.DatabaseEngine;
import dmsrunbook.spec.EndpointSpec;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.spec.SslMode;
import dmsrunbook.database.DatabaseIdentity;
import dmsrunbook.validation.diff.ChecksumDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * PostgreSQL and Aurora PostgreSQL: the JDBC driver, the dialect, the checks, the diff's SQL, logical slots, the schema
 * built from a PostgreSQL source's catalog and its fingerprints, and what the cutover carries to a PostgreSQL target
 * (sequences and materialized views).
 */
public final class PostgresFamily implements DatabaseFamily {

    private final PostgresDialect dialect = new PostgresDialect();
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

    /**
     * The cluster's system identifier with the postmaster's start time (a clone restored from a snapshot shares the
     * identifier, never the start), and the database. pg_control_system() is open to every role on vanilla
     * PostgreSQL; where a platform closes it, the start time and the database's oid stand in.
     */
    @Override
    public DatabaseIdentity identity(Connection connection) throws SQLException {
        String system;
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT system_identifier::text FROM pg_control_system()")) {
            system = row.next() ? row.getString(1) : "?";
        } catch (SQLException e) {
            if (!"42501".equals(e.getSQLState())) {
                throw e;
            }
            system = "unreadable";
        }
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(
                "SELECT pg_postmaster_start_time()::text, d.oid::text, current_database() FROM pg_database d WHERE d.datname = current_database()")) {
            row.next();
            return new DatabaseIdentity("system " + system + ", started " + row.getString(1), row.getString(3) + " (oid " + row.getString(2) + ")");
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
        return new PostgresSourceChecks(lobScanTimeoutSeconds);
    }

    @Override
    public List<CheckResult> targetTableChecks(Connection target, List<TableName> tables, PreflightContext context) throws SQLException {
        return new PostgresTargetChecks().run(target, tables, context);
    }

    @Override
    public Optional<TargetSchemaSteps> targetSchemaFrom(DatabaseEngine source, DatabaseConnector connector) {
        return source.family() == DatabaseEngine.Family.POSTGRES ? Optional.of(new PostgresTargetSchema(connector)) : Optional.empty();
    }

    @Override
    public Optional<SourceSchemaFingerprints> schemaFingerprints(DatabaseConnector connector) {
        return Optional.of(new PostgresSchemaFingerprints(connector));
    }

    @Override
    public CutoverObjects carryOverToTarget(DatabaseConnector connector, MigrationSpec spec) {
        return new PostgresCutoverObjects(connector).carryOver(spec);
    }

    @Override
    public Optional<ReplicationSlots> replicationSlots() {
        return Optional.of(slots);
    }
}
