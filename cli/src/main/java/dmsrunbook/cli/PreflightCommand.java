package dmsrunbook.cli;

import dmsrunbook.preflight.CheckResult;
import dmsrunbook.preflight.PreflightReport;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.spec.SpecReader;
import dmsrunbook.workflow.RunbookServices;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code runbook preflight spec.json}: the workflow's preflight phase run from the operator's machine against the spec's
 * own databases (credentials from the spec's secrets), before anything is deployed or started. Exits 0 when nothing
 * fails, 3 when a check fails (each with its fix).
 */
@Command(name = "preflight", mixinStandardHelpOptions = true,
        description = "Run the workflow's preflight checks against the spec's source and target (credentials from the spec's "
                + "secrets); print every check with its fix. Exit 0 when none fails, 3 when one does.")
final class PreflightCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SPEC", description = "The migration spec (JSON file).")
    Path specFile;

    @Mixin
    AwsOptions aws;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        MigrationSpec spec = SpecReader.read(Files.readString(specFile));
        RunbookServices services = RunbookServices.from(aws.functionEnvironment());
        // As the workflow does: a replication that exists already is a re-run, checked as one.
        PreflightReport report = services.preflight().run(spec, services.engineFor(spec).exists(spec));
        PrintWriter out = command.commandLine().getOut();
        out.println("Preflight of " + spec.migrationId() + " (" + spec.engine().value() + ") from " + spec.source().describe()
                + " to " + spec.target().describe() + ": " + report.checks().size() + " checks, " + report.failures().size()
                + " failed, " + report.warnings().size() + " warning(s)");
        report.checks().stream().map(CheckResult::line).forEach(line -> out.println("  " + line));
        out.println(report.passed() ? "PREFLIGHT PASSED" : "PREFLIGHT FAILED: fix what the FAIL lines say, then run it again.");
        return report.passed() ? 0 : FailureExitCodes.MIGRATION_FAILED;
    }
}
