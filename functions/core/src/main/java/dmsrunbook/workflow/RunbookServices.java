package dmsrunbook.workflow;

import dmsrunbook.schema.proposal.BedrockConversionModel;
import dmsrunbook.schema.proposal.ConversionModel;
import dmsrunbook.schema.proposal.ConversionProposalStore;
import dmsrunbook.spec.AiAssistSpec;
import dmsrunbook.aws.AwsClients;
import dmsrunbook.aws.AwsSettings;
import dmsrunbook.database.DatabaseConnector;
import dmsrunbook.database.DatabaseFamilies;
import dmsrunbook.database.SecretReader;
import dmsrunbook.engine.ReplicationEngine;
import dmsrunbook.engine.dms.CdcLatencyReader;
import dmsrunbook.engine.dms.DmsEngine;
import dmsrunbook.engine.pgnative.NativePostgresEngine;
import dmsrunbook.engine.dms.DmsPremigrationAssessment;
import dmsrunbook.preflight.PreflightService;
import dmsrunbook.schema.SourceSchemaFingerprints;
import dmsrunbook.schema.TargetSchemaSteps;
import dmsrunbook.schema.assessment.AssessmentReports;
import dmsrunbook.schema.assessment.SchemaAssessmentService;
import dmsrunbook.schema.assessment.SchemaAssessor;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.sync.SyncCheck;
import dmsrunbook.validation.DataValidation;
import dmsrunbook.validation.RowCountValidator;
import dmsrunbook.validation.ValidationStore;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the phases use, built once per Lambda sandbox from the function's environment (or, in tests and the
 * local rehearsal, from an explicit environment pointing at the emulated AWS).
 */
public final class RunbookServices {

    private final AwsClients aws;
    private final RunbookSettings settings;
    private final Clock clock;
    private final DatabaseConnector databases;
    private final DmsEngine dms;
    private final NativePostgresEngine nativePostgres;
    private volatile SchemaAssessor schemaAssessor;

    public RunbookServices(AwsClients aws, RunbookSettings settings, Clock clock) {
        this.aws = aws;
        this.settings = settings;
        this.clock = clock;
        this.databases = new DatabaseConnector(new SecretReader(aws.secretsManager()));
        this.dms = new DmsEngine(aws.dms(), new CdcLatencyReader(aws.cloudWatch()), databases, clock, settings.stackName());
        this.nativePostgres = new NativePostgresEngine(databases, clock);
    }

    /** Services for a function whose environment is {@code env} (AWS_REGION, AWS_ENDPOINT_URL, ALERT_TOPIC_ARN...). */
    public static RunbookServices from(Map<String, String> env) {
        return new RunbookServices(new AwsClients(AwsSettings.from(env)), RunbookSettings.from(env), Clock.systemUTC());
    }

    public ReplicationEngine engineFor(MigrationSpec spec) {
        return switch (spec.engine()) {
            case DMS -> dms;
            case POSTGRES_NATIVE -> nativePostgres;
        };
    }

    /** How the schema phases prepare and check the spec's target from its source; empty when its families cannot. */
    public Optional<TargetSchemaSteps> targetSchema(MigrationSpec spec) {
        if (!spec.target().engine().isDatabase()) {
            return Optional.empty();
        }
        return DatabaseFamilies.of(spec.target().engine()).targetSchemaFrom(spec.source().engine(), databases)
                .or(() -> DatabaseFamilies.of(spec.source().engine()).targetSchemaTo(spec.target().engine(), databases));
    }

    /** How the DDL checks fingerprint the spec's source; empty when its family takes no fingerprints. */
    public Optional<SourceSchemaFingerprints> schemaFingerprints(MigrationSpec spec) {
        return DatabaseFamilies.of(spec.source().engine()).schemaFingerprints(databases);
    }

    public AwsClients aws() {
        return aws;
    }

    public RunbookSettings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    public DatabaseConnector databases() {
        return databases;
    }

    public PreflightService preflight() {
        return new PreflightService(databases, settings.lobScanTimeoutSeconds());
    }

    public SyncCheck syncCheck() {
        return new SyncCheck();
    }

    public RowCountValidator rowCounts() {
        return new RowCountValidator(databases);
    }

    /** The schema assessment; its data (extension lists, DMS's type table) is read once per sandbox. */
    public SchemaAssessmentService schemaAssessment() {
        if (schemaAssessor == null) {
            schemaAssessor = new SchemaAssessor();
        }
        return new SchemaAssessmentService(databases, schemaAssessor);
    }

    /** Where an execution's conversion proposals (schema.aiAssist) are kept: the stack's report bucket. */
    public ConversionProposalStore conversionProposals() {
        String bucket = settings.reportBucket();
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalStateException("REPORT_BUCKET is not set: the conversion proposals are kept in the stack's report bucket");
        }
        return new ConversionProposalStore(aws.s3(), bucket);
    }

    /** The model schema.aiAssist names, in its region. */
    public ConversionModel conversionModel(AiAssistSpec assist) {
        return new BedrockConversionModel(aws.bedrockRuntime(assist.region()), assist.modelId());
    }

    /** Where full assessment reports go: the settings' report bucket, or nowhere. */
    public AssessmentReports assessmentReports() {
        if (settings.assessmentReportBucket() == null) {
            return new AssessmentReports(null, null);
        }
        return new AssessmentReports(aws.s3(), settings.assessmentReportBucket());
    }

    public DmsPremigrationAssessment dmsPremigration() {
        return new DmsPremigrationAssessment(aws.dms(), dms);
    }

    /** The data validation's steps, keeping their work in the stack's validation bucket. */
    public DataValidation dataValidation() {
        String bucket = settings.validationBucket();
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalStateException("VALIDATION_BUCKET is not set: the data validation functions need the stack's validation bucket");
        }
        return new DataValidation(databases, new ValidationStore(aws.s3(), bucket));
    }
}
