package dmsrunbook.cli;

import dmsrunbook.engine.StopResult;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.spec.SpecReader;
import dmsrunbook.workflow.MigrationCleanup;
import dmsrunbook.workflow.RunbookServices;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code runbook cleanup spec.json}: after a failed or abandoned migration, stops its replication and drops what it
 * left on the source (slot, publication) — the same step the workflow ends with — so nothing retains WAL.
 */
@Command(name = "cleanup", mixinStandardHelpOptions = true,
        description = "Stop a failed migration's replication and drop its replication slot and publication from the source.")
final class CleanupCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SPEC", description = "The migration spec (JSON file).")
    Path specFile;

    @Option(names = "--timeout-seconds", defaultValue = "300")
    int timeoutSeconds;

    @picocli.CommandLine.Mixin
    AwsOptions aws;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        MigrationSpec spec = SpecReader.read(Files.readString(specFile));
        PrintWriter out = command.commandLine().getOut();
        Optional<StopResult> stopped = new MigrationCleanup(RunbookServices.from(aws.functionEnvironment()))
                .stop(spec, Duration.ofSeconds(timeoutSeconds), Duration.ofSeconds(5), waiting -> out.println("waiting: " + waiting.detail()));
        if (stopped.isEmpty()) {
            command.commandLine().getErr().println("the replication did not stop within " + timeoutSeconds + " s");
            return FailureExitCodes.FAILED;
        }
        StopResult result = stopped.get();
        out.println("stopped: " + result.detail() + "; slots dropped " + result.droppedSlots()
                + ", publications dropped " + result.droppedPublications());
        return 0;
    }
}
