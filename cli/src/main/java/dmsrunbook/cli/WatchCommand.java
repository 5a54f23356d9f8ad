package dmsrunbook.cli;

import dmsrunbook.error.RetryableException;
import dmsrunbook.report.ExecutionHistory;
import dmsrunbook.report.ExecutionProgress;
import dmsrunbook.report.ProgressReader;
import dmsrunbook.watch.ProgressDisplay;
import dmsrunbook.workflow.RunbookServices;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code runbook watch <execution-arn>}: follows a migration until it ends: each phase with its duration, a bar per
 * table, the replication lag as a small chart, the time left. Redraws on a terminal, prints plain lines otherwise. An
 * endpoint it cannot reach is reported and polled again, never fatal. Exits 0 when the execution succeeded (or the
 * watch's own {@code --timeout} ran out first), 3 when it failed.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Follow a migration execution live: phases, per-table progress, replication lag, time left.")
final class WatchCommand implements Callable<Integer> {

    @Parameters(paramLabel = "EXECUTION_ARN")
    String executionArn;

    @Option(names = "--interval", defaultValue = "10", paramLabel = "SECONDS", description = "Seconds between polls (default: ${DEFAULT-VALUE}).")
    int intervalSeconds;

    @Option(names = "--timeout", defaultValue = "0", paramLabel = "SECONDS",
            description = "Stop watching after this many seconds (the execution goes on); 0 watches until it ends.")
    int timeoutSeconds;

    @Option(names = "--plain", description = "Plain lines even on a terminal (each said once), as when output goes to a file.")
    boolean plain;

    @picocli.CommandLine.Mixin
    AwsOptions aws;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws InterruptedException {
        var out = command.commandLine().getOut();
        // Java 17's console exists only when both stdin and stdout are a terminal: a file or a pipe gets plain lines.
        boolean terminal = !plain && System.console() != null;
        ProgressDisplay display = new ProgressDisplay(out, terminal);
        ProgressReader reader = new ProgressReader(new ExecutionHistory(aws.clients().sfn()), RunbookServices.from(aws.functionEnvironment()));
        long deadline = timeoutSeconds <= 0 ? Long.MAX_VALUE : System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
        while (true) {
            try {
                ExecutionProgress progress = reader.read(executionArn);
                display.show(progress);
                if (!progress.running()) {
                    return "SUCCEEDED".equals(progress.status()) ? 0 : FailureExitCodes.MIGRATION_FAILED;
                }
            } catch (RetryableException e) {
                display.say("Step Functions could not be reached: " + e.getMessage() + "; polling again every " + intervalSeconds + " s");
            }
            if (System.nanoTime() + Duration.ofSeconds(intervalSeconds).toNanos() > deadline) {
                display.say("stopped watching after " + timeoutSeconds + " s; the execution goes on");
                return 0;
            }
            Thread.sleep(Duration.ofSeconds(intervalSeconds).toMillis());
        }
    }
}
