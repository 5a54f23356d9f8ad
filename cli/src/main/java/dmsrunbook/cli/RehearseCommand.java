package dmsrunbook.cli;

import dmsrunbook.rehearsal.Rehearsal;
import dmsrunbook.rehearsal.RehearsalSummary;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code runbook rehearse}: a whole migration on this machine, data and all; exit 0 only if everything matched. */
@Command(name = "rehearse", mixinStandardHelpOptions = true,
        description = "Rehearse the cash-flow migration locally: two PostgreSQL clusters, an application writing, the real "
                + "state machine and handlers on emulated AWS, an approved cutover, and a summary. Exit 0 only if all matched.")
final class RehearseCommand implements Callable<Integer> {

    @Option(names = "--engine", defaultValue = "postgres-native",
            description = "postgres-native (data really moves) or dms (moto's DMS: nothing moves; a stand-in copies once). Default: ${DEFAULT-VALUE}")
    String engine;

    @Option(names = "--transactions", defaultValue = "300000", description = "Rows of transacoes to start with. Default: ${DEFAULT-VALUE}")
    long transactions;

    @Option(names = "--users", defaultValue = "2000", description = "Users to start with. Default: ${DEFAULT-VALUE}")
    int users;

    @Option(names = "--writes-per-second", defaultValue = "50", description = "The application's write rate. Default: ${DEFAULT-VALUE}")
    int writesPerSecond;

    @Option(names = "--timeout-minutes", defaultValue = "20", description = "Give up after this long. Default: ${DEFAULT-VALUE}")
    int timeoutMinutes;

    @Override
    public Integer call() throws Exception {
        if (!engine.equals("postgres-native") && !engine.equals("dms")) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--engine must be postgres-native or dms, not " + engine);
        }
        PrintStream out = RunbookCommand.console();
        RehearsalSummary summary = new Rehearsal(out).run(new Rehearsal.Options(engine, users, transactions, writesPerSecond,
                Duration.ofMinutes(timeoutMinutes)));
        summary.print(out);
        return summary.passed() ? 0 : FailureExitCodes.MIGRATION_FAILED;
    }
}
