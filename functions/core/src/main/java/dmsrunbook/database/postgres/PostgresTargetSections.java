package dmsrunbook.database.postgres;

import dmsrunbook.database.DatabaseConnector;
import dmsrunbook.error.Failures;
import dmsrunbook.schema.SchemaApplyResult;
import dmsrunbook.schema.SchemaPlan;
import dmsrunbook.schema.SchemaSection;
import dmsrunbook.schema.SchemaSlice;
import dmsrunbook.spec.MigrationSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * A schema plan's sections applied to the spec's PostgreSQL target, whichever family the plan was made from (a
 * PostgreSQL source's catalog, or a MySQL-family source's conversion): pre-data in one transaction, post-data in
 * slices with its index builds and validations shared among {@link #POST_DATA_JOBS} connections.
 */
public final class PostgresTargetSections {

    /**
     * Connections the post-data part's index builds and validations share (pg_restore --jobs, pgcopydb --index-jobs):
     * each build is mostly one backend's CPU and its maintenance_work_mem, and four stay well inside an RDS or Aurora
     * instance's connections and memory while the replication goes on.
     */
    public static final int POST_DATA_JOBS = 4;

    private final DatabaseConnector connector;

    public PostgresTargetSections(DatabaseConnector connector) {
        this.connector = connector;
    }

    /** Applies one section of {@code plan} to the spec's target, in one transaction. */
    public SchemaApplyResult apply(MigrationSpec spec, SchemaPlan plan, SchemaSection section) {
        try (Connection target = connector.connect(spec.target())) {
            return PostgresSchemaApplier.apply(target, section, plan.section(section));
        } catch (SQLException e) {
            throw Failures.ofSql("Creating the schema's " + section.name().toLowerCase().replace('_', '-') + " part", spec.target().describe(), e);
        }
    }

    /** Applies {@code plan}'s post-data section from statement {@code from} on, while {@code deadline} allows (see {@link SchemaSlice}). */
    public SchemaSlice applyPostData(MigrationSpec spec, SchemaPlan plan, int from, Instant deadline) {
        try (Connection target = connector.connect(spec.target())) {
            return PostgresSchemaApplier.applyEach(target, () -> connector.connect(spec.target()), POST_DATA_JOBS, plan.postData(), from, deadline);
        } catch (SQLException e) {
            throw Failures.ofSql("Creating the schema's post-data part", spec.target().describe(), e);
        }
    }
}
