package dmsrunbook.schema.assessment;

import dmsrunbook.database.DatabaseConnector;
import dmsrunbook.database.mysql.MySqlTargetSchema;
import dmsrunbook.schema.SchemaConversion;
import dmsrunbook.error.Failures;
import dmsrunbook.spec.AssessmentOptions;
import dmsrunbook.spec.MigrationSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The schema assessment of a spec's own endpoints: connects to the source and (when it is a database) the target
 * with their secrets, as every phase does, and runs the {@link SchemaAssessor}. From an operator's machine, JDBC URLs
 * may stand in for either side (local databases, or a tunnel), and a target the spec declares (platform and version)
 * need not be reached at all.
 */
public final class SchemaAssessmentService {

    private final DatabaseConnector connector;
    private final SchemaAssessor assessor;

    /** @param connector reads the endpoints' secrets; may be null when URLs stand in for both sides */
    public SchemaAssessmentService(DatabaseConnector connector, SchemaAssessor assessor) {
        this.connector = connector;
        this.assessor = assessor;
    }

    /** The assessment between the spec's endpoints, both reached with their secrets (the workflow's: the preflight reached them). */
    public SchemaAssessment assess(MigrationSpec spec, Instant now) {
        return assess(spec, null, null, spec.target().engine().isDatabase(), now);
    }

    /**
     * The assessment with {@code sourceUrl} / {@code targetUrl} (JDBC URLs with their credentials; null: the spec's
     * endpoint and secret) standing in for the endpoints. Without a target URL, a target the spec declares in full
     * ({@code assessment.targetPlatform} and {@code targetVersion}) is judged without being reached.
     */
    public SchemaAssessment assess(MigrationSpec spec, String sourceUrl, String targetUrl, Instant now) {
        AssessmentOptions declared = spec.assessmentOptions();
        return assess(spec, sourceUrl, targetUrl, spec.target().engine().isDatabase()
                && (targetUrl != null || declared.targetPlatform() == null || declared.targetVersion() == null), now);
    }

    /**
     * The MySQL or MariaDB source's conversion for its PostgreSQL target (every object, what needs a person with its
     * source text, the converted tables), read through {@code sourceUrl} or, when null, the spec's endpoint. Read only.
     */
    public SchemaConversion sourceConversion(MigrationSpec spec, String sourceUrl) {
        try (Connection source = sourceUrl != null ? open(sourceUrl) : connector.connect(spec.source())) {
            return MySqlTargetSchema.convert(source, spec.mappings(), spec.conversion());
        } catch (SQLException e) {
            throw Failures.ofSql("Reading the schema", spec.source().describe(), e);
        }
    }

    private SchemaAssessment assess(MigrationSpec spec, String sourceUrl, String targetUrl, boolean reachTarget, Instant now) {
        try (Connection source = sourceUrl != null ? open(sourceUrl) : connector.connect(spec.source());
             Connection target = !reachTarget ? null : targetUrl != null ? open(targetUrl) : connector.connect(spec.target())) {
            return assessor.assess(spec, source, target, now);
        } catch (SQLException e) {
            throw Failures.ofSql("Assessing the schema", spec.source().describe() + " and " + spec.target().describe(), e);
        }
    }

    private static Connection open(String url) throws SQLException {
        return DriverManager.getConnection(url);
    }
}
