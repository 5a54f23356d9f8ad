package dmsrunbook.cli;

import dmsrunbook.rehearsal.Fault;
import dmsrunbook.rehearsal.FaultMoment;
import dmsrunbook.plan.MeasuredThroughput;
import dmsrunbook.rehearsal.Rehearsal;
import dmsrunbook.rehearsal.RehearsalInputException;
import dmsrunbook.rehearsal.RehearsalSummary;
import dmsrunbook.rehearsal.UserSpecRehearsal;
import dmsrunbook.rehearsal.UserSpecRehearsalSummary;
import dmsrunbook.spec.SchemaMode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code runbook rehearse}: a whole migration on this machine, data and all; exit 0 only if everything matched. Without
 * {@code --spec} the built-in cash-flow database; with it, the operator's own spec and data.
 */
@Command(name = "rehearse", mixinStandardHelpOptions = true,
        description = "Rehearse a migration locally: two PostgreSQL clusters, an application writing, the real state machine and "
                + "handlers on emulated AWS, an approved cutover, and a summary. Exit 0 only if all matched. Without --spec it "
                + "rehearses the built-in cash-flow database; with --spec, your own migration with --source-dump or --source-url.")
final class RehearseCommand implements Callable<Integer> {

    @Spec
    CommandSpec command;

    @Option(names = "--engine", defaultValue = "postgres-native",
            description = "postgres-native (data really moves) or dms (moto's DMS: nothing moves; a stand-in copies once). Default: ${DEFAULT-VALUE}")
    String engine;

    @Option(names = "--transactions", defaultValue = "300000", description = "Rows of transacoes to start with (cash-flow rehearsal). Default: ${DEFAULT-VALUE}")
    long transactions;

    @Option(names = "--users", defaultValue = "2000", description = "Users to start with (cash-flow rehearsal). Default: ${DEFAULT-VALUE}")
    int users;

    @Option(names = "--writes-per-second", defaultValue = "50", description = "The application's write rate; 0: no writes. Default: ${DEFAULT-VALUE}")
    int writesPerSecond;

    @Option(names = "--timeout-minutes", defaultValue = "20", description = "Give up after this long. Default: ${DEFAULT-VALUE}")
    int timeoutMinutes;

    @Option(names = "--fault", description = "Inject a fault (postgres-native only): target-restart, source-restart, replication-kill "
            + "(all ridden through: the rehearsal must still pass), target-down or apply-error (permanent: it must end with one alert and a "
            + "clean source).")
    String fault;

    @Option(names = "--fault-at", defaultValue = "copy", description = "When to inject it: copy, cdc or final-sync. Default: ${DEFAULT-VALUE}")
    String faultAt;
    @Option(names = "--spec", paramLabel = "SPEC",
            description = "Rehearse this migration spec (JSON): its table mappings, thresholds, validation and cutover policy apply; "
                    + "its hosts and secrets are replaced by the local clusters'. Needs --source-dump or --source-url.")
    Path spec;

    @Option(names = "--source-dump", paramLabel = "FILE",
            description = "The source's data: a pg_dump archive (pg_dump -Fc) or a plain SQL dump, restored into the local source; "
                    + "for a MySQL or MariaDB source, a mysqldump file loaded into a local MariaDB.")
    Path sourceDump;

    @Option(names = "--source-url", paramLabel = "URL",
            description = "The source's data: a PostgreSQL database (postgresql://user:password@host:5432/db, or PGPASSWORD) "
                    + "copied read-only into the local source with pg_dump | pg_restore. Nothing is written to it.")
    String sourceUrl;

    @Option(names = "--schema-mode", paramLabel = "MODE",
            description = "With --spec: apply (the workflow creates the target's schema), verify or none (the rehearsal copies the "
                    + "source's schema to the target first, as you would by hand). Default: the spec's schema.mode.")
    String schemaMode;

    @Option(names = "--throughput-file", paramLabel = "FILE",
            description = "Where the measured initial copy's speed is recorded for runbook plan (a native rehearsal without "
                    + "--fault). Default: ~/.dms-runbook/rehearsal-throughput.json")
    Path throughputFile;

    @Override
    public Integer call() throws Exception {
        if (!engine.equals("postgres-native") && !engine.equals("dms")) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--engine must be postgres-native or dms, not " + engine);
        }
        Fault injected;
        FaultMoment moment;
        try {
            injected = fault == null ? null : Fault.of(fault);
            moment = FaultMoment.of(faultAt);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), e.getMessage());
        }
        if (injected != null && !engine.equals("postgres-native")) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--fault needs --engine postgres-native");
        }
        PrintStream out = RunbookCommand.console();
        if (spec == null) {
            if (sourceDump != null || sourceUrl != null || schemaMode != null) {
                throw new RehearsalInputException("--source-dump, --source-url and --schema-mode rehearse your own migration: "
                        + "add --spec my-spec.json (without them, runbook rehearse plays the built-in cash-flow migration).");
            }
            RehearsalSummary summary = new Rehearsal(out).run(new Rehearsal.Options(engine, users, transactions, writesPerSecond,
                    Duration.ofMinutes(timeoutMinutes), injected, moment,
                    throughputFile != null ? throughputFile : MeasuredThroughput.defaultFile()));
            summary.print(out);
            return summary.passed() ? 0 : FailureExitCodes.MIGRATION_FAILED;
        }
        if (injected != null) {
            throw new RehearsalInputException("--fault rehearses the built-in cash-flow migration: leave out --spec, or --fault.");
        }
        if (engine.equals("dms")) {
            throw new RehearsalInputException("--engine dms cannot rehearse your own spec: moto's DMS moves no data. Leave --engine out: "
                    + "the rehearsal moves your data with PostgreSQL's logical replication (postgres-native).");
        }
        if (writesPerSecond < 0) {
            throw new RehearsalInputException("--writes-per-second must be 0 (no writes) or more, not " + writesPerSecond);
        }
        boolean writesGiven = command.commandLine().getParseResult().hasMatchedOption("--writes-per-second");
        UserSpecRehearsal.Prepared prepared = UserSpecRehearsal.prepare(new UserSpecRehearsal.Options(spec, sourceDump, sourceUrl,
                writesPerSecond, writesGiven, schemaMode(), Duration.ofMinutes(timeoutMinutes),
                throughputFile != null ? throughputFile : MeasuredThroughput.defaultFile()));
        UserSpecRehearsalSummary summary = new UserSpecRehearsal(out).run(prepared);
        summary.print(out);
        return summary.passed() ? 0 : FailureExitCodes.MIGRATION_FAILED;
    }

    private SchemaMode schemaMode() {
        if (schemaMode == null) {
            return null;
        }
        return Arrays.stream(SchemaMode.values()).filter(m -> m.value().equals(schemaMode)).findFirst()
                .orElseThrow(() -> new RehearsalInputException("--schema-mode must be apply, verify or none, not " + schemaMode));
    }
}
