package dmsrunbook.database.postgres;

import dmsrunbook.database.DatabaseConnector;
import dmsrunbook.error.Failures;
import dmsrunbook.schema.SchemaApplyResult;
import dmsrunbook.schema.SchemaPlan;
import dmsrunbook.schema.SchemaSection;
import dmsrunbook.schema.SchemaSlice;
import dmsrunbook.schema.TargetSchemaSteps;
import dmsrunbook.spec.MigrationSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The schema steps' applying half for a PostgreSQL target, whichever family the source is: the family makes the
 * {@link #plan} (from a PostgreSQL source's catalog, or a MySQL-family source's conversion); its sections are applied
 * here, pre-data in one transaction, post-data in slices whose index builds and validations share
 * {@link #POST_DATA_JOBS} connections.
 */
public abstract class PostgresTargetSections implements TargetSchemaSteps {

    /**
     * Connections the post-data part's index builds and validations share (pg_restore --jobs, pgcopydb --index-jobs):
     * each build is mostly one backend's CPU and its maintenance_work_mem, and four stay well inside an RDS or Aurora
     * instance's connections and memory while the replication goes on.
     */
    public static final int POST_DATA_JOBS = 4;

    protected final DatabaseConnector connector;

    protected PostgresTargetSections(DatabaseConnector connector) {
        this.connector = connector;
    }

    /** The plan to apply, rebuilt from the source (deterministic); refused, naming each problem and its fix, when it cannot load. */
    public abstract SchemaPlan plan(MigrationSpec spec);

    /** Applies one section of the spec's plan to its target, in one transaction. */
    public SchemaApplyResult apply(MigrationSpec spec, SchemaSection section) {
        SchemaPlan plan = plan(spec);
        try (Connection target = connector.connect(spec.target())) {
            return PostgresSchemaApplier.apply(target, section, plan.section(section));
        } catch (SQLException e) {
            throw Failures.ofSql("Creating the schema's " + section.name().toLowerCase().replace('_', '-') + " part", spec.target().describe(), e);
        }
    }

    @Override
    public SchemaApplyResult applyPreData(MigrationSpec spec) {
        return apply(spec, SchemaSection.PRE_DATA);
    }

    @Override
    public SchemaSlice applyPostData(MigrationSpec spec, int from, Instant deadline) {
        SchemaPlan plan = plan(spec);
        try (Connection target = connector.connect(spec.target())) {
            return PostgresSchemaApplier.applyEach(target, () -> connector.connect(spec.target()), POST_DATA_JOBS, plan.postData(), from, deadline);
        } catch (SQLException e) {
            throw Failures.ofSql("Creating the schema's post-data part", spec.target().describe(), e);
        }
    }
}
