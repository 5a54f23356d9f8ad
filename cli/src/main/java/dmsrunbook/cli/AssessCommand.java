package dmsrunbook.cli;

import dmsrunbook.database.DatabaseConnector;
import dmsrunbook.database.SecretReader;
import dmsrunbook.internal.Json;
import dmsrunbook.schema.assessment.AssessedObject;
import dmsrunbook.schema.assessment.AssessmentHtml;
import dmsrunbook.schema.assessment.SchemaAssessment;
import dmsrunbook.schema.assessment.SchemaAssessmentService;
import dmsrunbook.schema.assessment.SchemaAssessor;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.spec.SpecReader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Mixin
    AwsOptions aws;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        MigrationSpec spec = SpecReader.read(Files.readString(specFile));
        DatabaseConnector connector = sourceUrl != null && targetUrl != null ? null
                : new DatabaseConnector(new SecretReader(aws.clients().secretsManager()));
        SchemaAssessment report = new SchemaAssessmentService(connector, new SchemaAssessor()).assess(spec, sourceUrl, targetUrl, Instant.now());
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
