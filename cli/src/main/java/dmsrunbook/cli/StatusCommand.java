package dmsrunbook.cli;

import dmsrunbook.deploy.Executions;
import java.util.List;
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
        var sfn = aws.clients().sfn();
        var execution = sfn.describeExecution(b -> b.executionArn(executionArn));
        List<String> entered = new Executions(sfn, execution.stateMachineArn()).enteredStates(executionArn);
        var out = command.commandLine().getOut();
        out.println("status: " + execution.status());
        out.println("phase:  " + (entered.isEmpty() ? "-" : entered.get(entered.size() - 1)));
        if (execution.error() != null) {
            out.println("error:  " + execution.error());
            out.println("cause:  " + execution.cause());
        }
        return 0;
    }
}
