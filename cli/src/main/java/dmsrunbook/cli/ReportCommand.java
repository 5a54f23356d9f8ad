package dmsrunbook.cli;

import dmsrunbook.aws.AwsClients;
import dmsrunbook.report.DmsInstancePrices;
import dmsrunbook.report.ExecutionHistory;
import dmsrunbook.report.MigrationReports;
import dmsrunbook.report.RetrievedReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code runbook report <execution-arn> -o report.html [--json report.json]}: the execution's migration report, fetched
 * from where the execution wrote it (the report bucket), or rebuilt from its history when it wrote none (still
 * running, or ended before the report was written).
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Save a migration execution's report (HTML, and its JSON with --json): fetched from the report bucket, or rebuilt from the execution's history.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "EXECUTION_ARN")
    String executionArn;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "Where to write the HTML page.")
    Path output;

    @Option(names = "--json", paramLabel = "FILE", description = "Where to write the report's JSON (its SHA-256 is printed).")
    Path json;

    @picocli.CommandLine.Mixin
    AwsOptions aws;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws IOException {
        AwsClients clients = aws.clients();
        MigrationReports reports = new MigrationReports(new ExecutionHistory(clients.sfn()), clients.s3(), clients.dms(), null,
                DmsInstancePrices.load(), Clock.systemUTC());
        RetrievedReport report = reports.fetchOrRebuild(executionArn);
        write(output, report.files().html().getBytes(StandardCharsets.UTF_8));
        if (json != null) {
            write(json, report.files().json());
        }
        var out = command.commandLine().getOut();
        out.println("report:  " + output + (report.rebuilt() ? " (" + report.origin() + ")" : " (from " + report.origin().replaceFirst("report\\.json$", "report.html") + ")"));
        if (json != null) {
            out.println("json:    " + json);
        }
        out.println("sha256:  " + report.files().sha256() + " (of the report's JSON)");
        return 0;
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.write(file, bytes);
    }
}
