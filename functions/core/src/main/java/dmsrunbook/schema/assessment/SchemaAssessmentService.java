package dmsrunbook.schema.assessment;

import dmsrunbook.database.DatabaseConnector;
import dmsrunbook.error.Failures;
import dmsrunbook.spec.MigrationSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The schema assessment of a spec's own endpoints: connects to the source and (when it is a database) the target
 * with their secrets, as every phase does, and runs the {@link SchemaAssessor}.
 */
public final class SchemaAssessmentService {

    private final DatabaseConnector connector;
    private final SchemaAssessor assessor;

    public SchemaAssessmentService(DatabaseConnector connector, SchemaAssessor assessor) {
        this.connector = connector;
        this.assessor = assessor;
    }

    public SchemaAssessment assess(MigrationSpec spec, Instant now) {
        try (Connection source = connector.connect(spec.source());
             Connection target = spec.target().engine().isDatabase() ? connector.connect(spec.target()) : null) {
            return assessor.assess(spec, source, target, now);
        } catch (SQLException e) {
            throw Failures.ofSql("Assessing the schema", spec.source().describe() + " and " + spec.target().describe(), e);
        }
    }
}
