package dmsrunbook.cli;

import dmsrunbook.deploy.Executions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code runbook start spec.json --state-machine-arn ...}: validates here, then starts the migration on AWS. */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Validate a spec, then start a migration execution of the deployed state machine (AWS credentials and region from the environment).")
final class StartCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SPEC", description = "The migration spec (JSON file).")
    Path specFile;

    @Option(names = "--state-machine-arn", required = true, description = "The stack's StateMachineArn output.")
    String stateMachineArn;

    @Option(names = "--name", description = "Execution name (default: <migrationId>-<epoch seconds>).")
    String name;

    @picocli.CommandLine.Mixin
    AwsOptions aws;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        String arn = new Executions(aws.clients().sfn(), stateMachineArn).startMigration(Files.readString(specFile), name);
        command.commandLine().getOut().println(arn);
        return 0;
    }
}
