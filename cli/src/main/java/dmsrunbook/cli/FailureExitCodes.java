package dmsrunbook.cli;

import dmsrunbook.error.InvalidSpecException;
import dmsrunbook.error.RunbookException;
import dmsrunbook.rehearsal.RehearsalInputException;
import picocli.CommandLine;

/**
 * Maps failures to exit codes and one clear message instead of a stack trace: 2 for a bad spec, usage or input,
 * 3 for a migration failure the runbook explains, 1 for anything unexpected. ({@code runbook diff} exits 4 by itself
 * when the data differs.)
 */
final class FailureExitCodes implements CommandLine.IExecutionExceptionHandler {

    static final int FAILED = 1;
    static final int BAD_INPUT = 2;
    static final int MIGRATION_FAILED = 3;

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        var err = commandLine.getErr();
        if (e instanceof InvalidSpecException invalid) {
            err.println("The spec has " + invalid.problems().size() + " problem(s):");
            invalid.problems().forEach(p -> err.println("  " + p));
            return BAD_INPUT;
        }
        if (e instanceof RehearsalInputException input) {
            err.println(input.getMessage());
            return BAD_INPUT;
        }
        if (e instanceof RunbookException runbook) {
            err.println(runbook.getMessage());
            return MIGRATION_FAILED;
        }
        err.println("runbook " + commandLine.getCommandName() + " failed: " + e);
        return FAILED;
    }
}
