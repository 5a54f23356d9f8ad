package dmsrunbook.cli;

import dmsrunbook.database.DatabaseConnector;
import dmsrunbook.database.SecretReader;
import dmsrunbook.internal.Json;
import dmsrunbook.schema.assessment.AssessedObject;
import dmsrunbook.schema.assessment.AssessmentHtml;
import dmsrunbook.schema.assessment.SchemaAssessment;
import dmsrunbook.schema.assessment.SchemaAssessmentService;
import dmsrunbook.schema.assessment.SchemaAssessor;
import dmsrunbook.schema.proposal.BedrockConversionModel;
import dmsrunbook.schema.proposal.ConversionCandidates;
import dmsrunbook.schema.proposal.ConversionModel;
import dmsrunbook.schema.proposal.ConversionProposals;
import dmsrunbook.schema.proposal.ConversionProposer;
import dmsrunbook.spec.AiAssistSpec;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.spec.SpecReader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code runbook assess spec.json}: the workflow's schema assessment, from the operator's machine, written as one
 * self-contained HTML page (and optionally the JSON report). Exits 0 when nothing fails, 3 when something cannot work.
 */
@Command(name = "assess", mixinStandardHelpOptions = true,
        description = "Classify every object of the spec's schemas for its target and write the report as one HTML page.")
final class AssessCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SPEC", description = "The migration spec (JSON file).")
    Path specFile;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "The HTML report [<migrationId>-assessment.html].")
    Path output;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the full report as JSON.")
    Path json;

    @Option(names = "--source-url", paramLabel = "JDBC_URL",
            description = "Reach the source at this JDBC URL (with user and password) instead of the spec's host and secret.")
    String sourceUrl;

    @Option(names = "--target-url", paramLabel = "JDBC_URL",
            description = "Reach the target at this JDBC URL instead of the spec's host and secret. Without it, a target the spec "
                    + "declares (assessment.targetPlatform and targetVersion) is judged without being reached.")
    String targetUrl;

    @Option(names = "--propose",
            description = "With schema.aiAssist in the spec: also ask its Bedrock model for a PostgreSQL version of each view, "
                    + "routine and trigger that needs a person, shown beside its source text in the report. Nothing is applied.")
    boolean propose;

    @Mixin
    AwsOptions aws;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        MigrationSpec spec = SpecReader.read(Files.readString(specFile));
        DatabaseConnector connector = sourceUrl != null && targetUrl != null ? null
                : new DatabaseConnector(new SecretReader(aws.clients().secretsManager()));
        if (propose && spec.schema().aiAssist() == null) {
            throw new picocli.CommandLine.ParameterException(command.commandLine(),
                    "--propose asks the model the spec names in schema.aiAssist, and this spec names none: add schema.aiAssist, or drop --propose");
        }
        SchemaAssessmentService service = new SchemaAssessmentService(connector, new SchemaAssessor());
        SchemaAssessment report = service.assess(spec, sourceUrl, targetUrl, Instant.now());
        if (propose) {
            AiAssistSpec assist = spec.schema().aiAssist();
            ConversionModel model = new BedrockConversionModel(aws.clients().bedrockRuntime(assist.region()), assist.modelId());
            ConversionProposer.Progress proposed = new ConversionProposer(model, Clock.systemUTC()).propose(
                    ConversionCandidates.of(service.sourceConversion(spec, sourceUrl)), ConversionProposals.none(spec.migrationId(), assist.modelId()),
                    p -> { }, Instant.MAX);
            report = report.withProposals(proposed.proposals().byKey());
            command.commandLine().getOut().println(proposed.proposals().proposals().size() + " conversion proposals by " + assist.modelId()
                    + " in the report, none applied");
        }
        Path html = output != null ? output : Path.of(spec.migrationId() + "-assessment.html");
        Files.writeString(html, AssessmentHtml.render(report));
        if (json != null) {
            Files.writeString(json, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        }
        PrintWriter out = command.commandLine().getOut();
        out.println("Schema assessment of " + spec.migrationId() + ": " + report.objects().size() + " objects, "
                + report.totalUnits() + " units of effort; target " + report.target());
        report.counts().forEach((c, n) -> out.println("  " + c.words() + ": " + n));
        report.failures().forEach(f -> out.println(f.line()));
        report.warnings().stream().map(AssessedObject::line).forEach(out::println);
        out.println("Report: " + html.toAbsolutePath());
        return report.passed() ? 0 : FailureExitCodes.MIGRATION_FAILED;
    }
}
