package dmsrunbook.database;

import dmsrunbook.mapping.TableName;
import dmsrunbook.preflight.CheckResult;
import dmsrunbook.preflight.PreflightContext;
import dmsrunbook.preflight.SourceChecks;
import dmsrunbook.spec.EndpointSpec;
import dmsrunbook.validation.diff.ChecksumDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * What the rest of the runbook asks of one database family (PostgreSQL, MySQL...): how to connect, its SQL dialect,
 * its source preflight checks, the SQL of the data diff, and the family's own facts where it has them (sequences,
 * replication slots). Each
 * family lives in its own package; {@link DatabaseFamilies} picks the one of an endpoint's engine.
 */
public interface DatabaseFamily {

    /** The JDBC URL of the endpoint, in its SSL mode, without credentials (they go in the connection properties). */
    String jdbcUrl(EndpointSpec endpoint, int connectTimeoutSeconds);

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

    /** How the family's sequences are read and moved, if it has sequences the migration must carry over. */
    default Optional<Sequences> sequences() {
        return Optional.empty();
    }

    /** The slots a source of this family keeps for change capture, if it keeps any. */
    default Optional<ReplicationSlots> replicationSlots() {
        return Optional.empty();
    }
}
