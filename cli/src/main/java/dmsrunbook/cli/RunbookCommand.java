package dmsrunbook.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code runbook}: rehearse a migration locally, check a spec, diff the data, and drive migrations on AWS. */
@Command(name = "runbook", mixinStandardHelpOptions = true, version = "dms-runbook 0.1.0",
        description = "Runs database migrations with AWS DMS the way a migration engineer would, and rehearses them locally.",
        subcommands = {RehearseCommand.class, ValidateCommand.class, PreflightCommand.class, AssessCommand.class, PlanCommand.class,
                StartCommand.class, StatusCommand.class, WatchCommand.class, ApproveCommand.class, ReportCommand.class, CleanupCommand.class,
                DiffCommand.class, LocalCommand.class})
public final class RunbookCommand implements Runnable {

    /**
     * The terminal: stdout as the process started, before the handlers' own output is sent to a file. Set by {@link
     * #main}; in-process callers (tests) that never ran main get whatever {@code System.out} is when they print.
     */
    private static PrintStream console;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) throws IOException {
        // Before anything logs: the handlers' JSON logs to a file, not over the rehearsal's progress.
        System.setProperty("log4j2.configurationFile", "log4j2-cli.xml");
        console = System.out;
        PrintWriter out = new PrintWriter(console, true);
        // What the in-process handlers print themselves (their CloudWatch metrics, as EMF lines) goes beside their logs.
        Path handlerOutput = Path.of(System.getProperty("java.io.tmpdir"), "dms-runbook", "handlers-stdout.log");
        Files.createDirectories(handlerOutput.getParent());
        System.setOut(new PrintStream(Files.newOutputStream(handlerOutput), true, StandardCharsets.UTF_8));
        System.exit(run(out, new PrintWriter(System.err, true), args));
    }

    /** Where commands print live progress (the terminal, whatever {@code System.out} has become). */
    static PrintStream console() {
        return console != null ? console : System.out;
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
