package dmsrunbook.database;

import dmsrunbook.cutover.CutoverObjects;
import dmsrunbook.mapping.TableName;
import dmsrunbook.preflight.CheckResult;
import dmsrunbook.preflight.PreflightContext;
import dmsrunbook.preflight.SourceChecks;
import dmsrunbook.schema.SourceSchemaFingerprints;
import dmsrunbook.schema.TargetSchemaSteps;
import dmsrunbook.spec.DatabaseEngine;
import dmsrunbook.spec.EndpointSpec;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.validation.diff.ChecksumDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * What the rest of the runbook asks of one database family (PostgreSQL, MySQL...): how to connect, its SQL dialect,
 * its source preflight checks, the SQL of the data diff, and the family's own facts where it has them (replication
 * slots, schema steps and fingerprints, what a target of the family needs carried over at cutover). Each
 * family lives in its own package; {@link DatabaseFamilies} picks the one of an endpoint's engine.
 */
public interface DatabaseFamily {

    /** The JDBC URL of the endpoint, in its SSL mode, without credentials (they go in the connection properties). */
    String jdbcUrl(EndpointSpec endpoint, int connectTimeoutSeconds);

    /** Which server and catalog the connection reached, as the server itself says (not as host names say). */
    DatabaseIdentity identity(Connection connection) throws SQLException;

    /** How to list, find, count and quote tables. */
    SqlDialect dialect();

    /** How the data diff counts, checksums and reads rows of this family's tables (read-only). */
    ChecksumDialect checksums();

    /** What a source of this family must have for the migration (change capture, privileges, LOB sizes...). */
    SourceChecks sourceChecks(int lobScanTimeoutSeconds);

    /**
     * The family's own checks of the target tables that exist already ({@code tables}, never empty); none by
     * default.
     */
    default List<CheckResult> targetTableChecks(Connection target, List<TableName> tables, PreflightContext context)
            throws SQLException {
        return List.of();
    }

    /**
     * Carries to a target of this family, at cutover, what replication does not (PostgreSQL: sequence values and
     * materialized view contents), reading the source through {@code connector} where it needs to. Safe to run again:
     * nothing moves back. A family whose targets need nothing carried (MySQL) carries nothing.
     */
    default CutoverObjects carryOverToTarget(DatabaseConnector connector, MigrationSpec spec) {
        return CutoverObjects.none();
    }

    /**
     * How the schema phases prepare and check a target of this family from a source of {@code source}'s engine, if
     * they can (PostgreSQL from PostgreSQL); empty otherwise.
     */
    default Optional<TargetSchemaSteps> targetSchemaFrom(DatabaseEngine source, DatabaseConnector connector) {
        return Optional.empty();
    }

    /**
     * How the schema phases prepare and check a target of another family ({@code target}'s engine) from a source of
     * this one, by converting its schema (MySQL to PostgreSQL); empty when this family converts to none. Asked when
     * the target's family has no {@link #targetSchemaFrom} for this source.
     */
    default Optional<TargetSchemaSteps> targetSchemaTo(DatabaseEngine target, DatabaseConnector connector) {
        return Optional.empty();
    }

    /** How the workflow fingerprints a source of this family's schema to notice DDL during the migration, if it can. */
    default Optional<SourceSchemaFingerprints> schemaFingerprints(DatabaseConnector connector) {
        return Optional.empty();
    }

    /** The slots a source of this family keeps for change capture, if it keeps any. */
    default Optional<ReplicationSlots> replicationSlots() {
        return Optional.empty();
    }
}
