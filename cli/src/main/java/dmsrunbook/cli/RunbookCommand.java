package dmsrunbook.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code runbook}: rehearse a migration locally, check a spec, and drive migrations on AWS. */
@Command(name = "runbook", mixinStandardHelpOptions = true, version = "dms-runbook 0.1.0",
        description = "Runs database migrations with AWS DMS the way a migration engineer would, and rehearses them locally.",
        subcommands = {RehearseCommand.class, ValidateCommand.class, StartCommand.class, StatusCommand.class,
                ApproveCommand.class, CleanupCommand.class})
public final class RunbookCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Before anything logs: the handlers' JSON logs to a file, not over the rehearsal's progress.
        System.setProperty("log4j2.configurationFile", "log4j2-cli.xml");
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line; returns the exit code (testable without a process). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new RunbookCommand()).setOut(out).setErr(err)
                .setExecutionExceptionHandler(new FailureExitCodes());
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
