package dmsrunbook.cli;

import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.spec.SpecReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code runbook validate spec.json}: the workflow's first phase, on this machine, before anything is deployed or started. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a migration spec the way the workflow's first phase does; list every problem with its fix.")
final class ValidateCommand implements Callable<Integer> {

    /** What this machine cannot know: the stack's environment tells it to the deployed ValidateMigrationSpec. */
    static final String NOT_CHECKED_HERE = "Not checked here: that the ARNs are in the stack's region and account, and that the "
            + "secrets, alert topic and roles start with its SecretNamePrefix, AlertTopicNamePrefix and PassRoleNamePrefix "
            + "(the deployed workflow's ValidateMigrationSpec checks them).";

    @Parameters(paramLabel = "SPEC", description = "The migration spec (JSON file).")
    Path specFile;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        MigrationSpec spec = SpecReader.read(Files.readString(specFile));
        command.commandLine().getOut().println("OK: " + spec.migrationId() + " (" + spec.engine().value() + ", "
                + spec.migrationType().value() + ") from " + spec.source().describe() + " to " + spec.target().describe());
        command.commandLine().getOut().println(NOT_CHECKED_HERE);
        return 0;
    }
}
