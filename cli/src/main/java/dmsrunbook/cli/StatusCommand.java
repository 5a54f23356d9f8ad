package dmsrunbook.cli;

import dmsrunbook.deploy.ExecutionStanding;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code runbook status <execution-arn>}: where a migration stands. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show a migration execution's status and current phase.")
final class StatusCommand implements Callable<Integer> {

    @Parameters(paramLabel = "EXECUTION_ARN")
    String executionArn;

    @picocli.CommandLine.Mixin
    AwsOptions aws;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        ExecutionStanding standing = ExecutionStanding.of(aws.clients().sfn(), executionArn);
        var out = command.commandLine().getOut();
        out.println("status: " + standing.status());
        out.println("phase:  " + standing.phase().orElse("-"));
        if (standing.error() != null) {
            out.println("error:  " + standing.error());
            out.println("cause:  " + standing.cause());
        }
        return 0;
    }
}
