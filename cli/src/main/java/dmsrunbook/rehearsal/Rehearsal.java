package dmsrunbook.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import dmsrunbook.deploy.AlertInbox;
import dmsrunbook.deploy.CutoverApproval;
import dmsrunbook.deploy.Executions;
import dmsrunbook.database.DatabaseFamilies;
import dmsrunbook.internal.Json;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.mapping.TableName;
import dmsrunbook.plan.MeasuredThroughput;
import dmsrunbook.spec.DatabaseEngine;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.spec.SpecReader;
import dmsrunbook.workflow.MigrationCleanup;
import dmsrunbook.workflow.RunbookServices;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * A real migration on one machine: two PostgreSQL clusters, the cash-flow example database with an application
 * writing to it, and the real state machine running the real handlers in the emulated AWS. The rehearsal plays the
 * on-call engineer: it watches the progress, puts the application read-only when the cutover is requested, approves
 * it, and checks the result.
 */
public final class Rehearsal {

    private static final String DATABASE = "fluxocaixa";

    /**
     * @param engine          "postgres-native" (data really moves) or "dms" (moto's DMS: nothing moves)
     * @param transactions    rows of {@code transacoes} to start with
     * @param writesPerSecond the application's write rate during the migration
     * @param fault           a fault to inject ({@code postgres-native} only), or null
     * @param faultAt         when to inject it
     * @param throughputFile  where the measured initial copy's speed is recorded for {@code runbook plan}, or null
     */
    public record Options(String engine, int users, long transactions, int writesPerSecond, Duration timeout, Fault fault,
                          FaultMoment faultAt, Path throughputFile) {
        public Options(String engine, int users, long transactions, int writesPerSecond, Duration timeout) {
            this(engine, users, transactions, writesPerSecond, timeout, null, null, null);
        }
    }

    /** How long a restarted database stays down in a fault rehearsal: long enough for every poll to notice. */
    private static final Duration FAULT_DOWNTIME = Duration.ofSeconds(5);

    private final PrintStream out;
    private final RehearsalConsole console;

    public Rehearsal(PrintStream out) {
        this.out = out;
        this.console = new RehearsalConsole(out);
    }

    public RehearsalSummary run(Options options) throws SQLException {
        Instant started = Instant.now();
        boolean dms = options.engine().equals("dms");
        if (dms && options.fault() != null) {
            throw new IllegalArgumentException("--fault needs --engine postgres-native: moto's DMS moves no data to disturb");
        }
        say("dms-runbook rehearsal: " + options.engine() + ", " + options.users() + " users, " + options.transactions() + " transactions");
        // A fault kills servers (pg_ctl -m immediate): they must keep every commit as a real server does. The local
        // clusters' usual synchronous_commit=off would lose the last ones (the replication role's new password, say).
        Map<String, String> durable = options.fault() == null ? Map.of() : Map.of("synchronous_commit", "on");
        Map<String, String> targetSettings = new java.util.HashMap<>(durable);
        targetSettings.put("wal_receiver_status_interval", "1s");
        try (LocalPostgres source = LocalPostgres.startLogicalSource("source", durable);
             LocalPostgres target = LocalPostgres.start("target", targetSettings)) {
            say("source PostgreSQL on port " + source.port() + " (wal_level=logical), target on port " + target.port());
            source.createDatabase(DATABASE);
            target.createDatabase(DATABASE);
            try (Connection connection = source.connect(DATABASE)) {
                CashFlowSchema.create(connection);
                CashFlowSchema.seed(connection, options.users(), options.transactions());
            }
            say("seeded the source: " + rows(source, "transacoes") + " transactions, " + rows(source, "usuarios") + " users");
            List<TableName> tables = CashFlowSchema.TABLES.stream().map(table -> new TableName("public", table)).toList();
            SourceSize size = SourceSize.of(source, DATABASE, tables, DatabaseFamilies.of(DatabaseEngine.POSTGRES).dialect());
            say("the target database is empty: the workflow creates its schema from the source's catalog (schema.mode apply)");

            try (LocalRunbook runbook = LocalRunbook.start();
                 WriteWorkload workload = new WriteWorkload(source, DATABASE, options.writesPerSecond());
                 DmsStandIn standIn = dms ? new DmsStandIn(runbook.aws(), LocalRunbook.INSTANCE_IDENTIFIER, source, DATABASE,
                         target, DATABASE, CashFlowSchema.TABLES) : null) {
                say("deployed template.yaml on the emulated AWS (moto " + dmsrunbook.local.MotoServer.PINNED_VERSION + "): state machine "
                        + runbook.deployment().physicalId("MigrationStateMachine"));
                String migrationId = dms ? "rehearsal-dms" : "rehearsal-native";
                String spec = RehearsalSpec.of(runbook, migrationId, options.engine(), source, target, DATABASE, "approval");
                if (dms) {
                    say("NOTE: moto's DMS moves no data. A stand-in copies the tables once when the task starts and reports them "
                            + "loaded; changes after that are NOT replicated, so the application stops writing before the start.");
                    standIn.attach(migrationId);
                    workload.start();
                    RehearsalConsole.pause(2_000);
                    workload.stop();
                } else {
                    workload.start();
                    say("the application writes about " + options.writesPerSecond() + " changes/s to the source during the migration");
                }
                ReplicationProgressDisplay display = new ReplicationProgressDisplay(
                        new PolledDatabase("source", source, DATABASE, java.time.Clock.systemUTC()),
                        new PolledDatabase("target", target, DATABASE, java.time.Clock.systemUTC()));
                String execution = runbook.executions().start(migrationId + "-" + started.getEpochSecond(), spec);
                say("started execution " + execution);
                try (FaultInjection injection = options.fault() == null ? null : new FaultInjection(options.fault(),
                        options.faultAt() == null ? FaultMoment.COPY : options.faultAt(), source, target, DATABASE,
                        "dmsrunbook_" + migrationId.replace('-', '_'), FAULT_DOWNTIME, this::say).start()) {
                    Watch watch = watch(runbook, execution, display, migrationId, workload, injection, options.timeout(), dms);
                    DescribeExecutionResponse result = runbook.executions().describe(execution);
                    if (result.status() != ExecutionStatus.SUCCEEDED) {
                        workload.stop();
                        cleanUp(runbook, spec);
                        if (injection != null && injection.bringBack()) {
                            // What the cleanup could not reach while the database was down (the subscription), it drops now.
                            cleanUp(runbook, spec);
                        }
                    }
                    List<String> alerts = runbook.inbox().notices().stream().map(AlertInbox.Notice::subject)
                            .filter(subject -> subject.contains(" FAILED ")).toList();
                    List<String> unreachableChecks = WorkflowOutageView.unreachableChecks(runbook.executions().history(execution));
                    String report = RehearsalReport.save(runbook.aws().clients(), execution);
                    String initialCopy = recordThroughput(options, injection, size, watch.copySeconds());
                    return summarise(options.engine(), result, source, target, watch.lastLag(), workload.describe(), report, initialCopy,
                            Duration.between(started, Instant.now()), injection == null ? null : injection.report(), display.outages(),
                            unreachableChecks, alerts);
                }
            }
        }
    }

    /** What watching the execution saw: the last apply lag, and how long the initial copy took (empty when not seen). */
    private record Watch(String lastLag, Optional<Double> copySeconds) {
    }

    /**
     * Records the initial copy's measured speed for {@code runbook plan} and says it in a line for the summary. Only a
     * native copy undisturbed by a fault measures a speed: the DMS stand-in's copy and a restarted one do not.
     */
    private String recordThroughput(Options options, FaultInjection injection, SourceSize size, Optional<Double> copySeconds) {
        if (!options.engine().equals("postgres-native")) {
            return "not measured (the DMS stand-in's copy is not DMS's)";
        }
        if (injection != null) {
            return "not measured (a fault was injected)";
        }
        if (copySeconds.isEmpty()) {
            return "not measured (its end was not seen)";
        }
        MeasuredThroughput measured = new MeasuredThroughput(Instant.now(), "postgres-native", "the cash-flow rehearsal ("
                + options.transactions() + " transactions)", size.rows(), size.bytes(), copySeconds.get());
        String line = String.format("%d rows, %d bytes in %.1f s: %.0f rows/s, %.0f bytes/s", measured.rows(), measured.bytes(),
                measured.seconds(), measured.rowsPerSecond(), measured.bytesPerSecond());
        if (options.throughputFile() == null) {
            return line;
        }
        measured.save(options.throughputFile());
        return line + " (recorded in " + options.throughputFile() + " for runbook plan)";
    }

    /** Follows the execution to its end, approving the cutover once the application is read-only. */
    private Watch watch(LocalRunbook runbook, String execution, ReplicationProgressDisplay display, String migrationId,
                         WriteWorkload workload, FaultInjection injection, Duration timeout, boolean writesStoppedBeforeStart) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastPhase = "";
        String lastProgress = "";
        String lastLag = "n/a";
        InitialCopyClock copy = new InitialCopyClock(CashFlowSchema.TABLES.size());
        boolean approved = false;
        while (System.nanoTime() < deadline) {
            DescribeExecutionResponse status = runbook.executions().describe(execution);
            List<HistoryEvent> history = runbook.executions().history(execution);
            List<String> entered = Executions.enteredStates(history);
            String phase = entered.isEmpty() ? "" : entered.get(entered.size() - 1);
            if (!phase.equals(lastPhase)) {
                say("phase: " + phase);
                lastPhase = phase;
            }
            ReplicationView view = display.view("dmsrunbook_" + migrationId.replace('-', '_'));
            String progress = view.describe();
            display.news().forEach(this::say);
            if (!writesStoppedBeforeStart) {
                copy.observe(history, view.tablesReady(), Instant.now())
                        .ifPresent(took -> say("  initial copy done in about " + Math.max(1, Math.round(took.toMillis() / 1000.0)) + " s"));
            }
            if (view.lag() != null) {
                lastLag = view.lag();
            }
            if (!progress.equals(lastProgress) && !progress.isEmpty()) {
                say("  " + progress);
                lastProgress = progress;
            }
            if (status.status() != ExecutionStatus.RUNNING) {
                say("execution " + status.status() + (status.cause() == null ? "" : ": " + ExecutionFailure.message(status.cause())));
                return new Watch(lastLag, copy.seconds());
            }
            if (!approved) {
                Optional<AlertInbox.Notice> request = runbook.inbox().notices().stream()
                        .filter(n -> n.subject().contains(migrationId + " is in sync")).findFirst();
                if (request.isPresent()) {
                    workload.stop();
                    say("cutover requested: the application is read-only now (" + workload.describe()
                            + (writesStoppedBeforeStart ? " written before the task started)" : " written during the migration)"));
                    String token = CutoverApproval.taskToken(request.get().message()).orElseThrow(() ->
                            new IllegalStateException("the approval request carries no task token: " + request.get().message()));
                    CutoverApproval.approve(runbook.aws().sfn(), token, "runbook rehearse");
                    say("cutover approved");
                    approved = true;
                    if (injection != null) {
                        injection.cutoverApproved();
                    }
                }
            }
            RehearsalConsole.pause(!writesStoppedBeforeStart && copy.waiting() ? 250 : 1_000);
        }
        throw new IllegalStateException("the rehearsal did not finish within " + timeout.toMinutes() + " minutes");
    }

    /** A failed rehearsal must not leave a slot retaining WAL: the same stop the workflow's last phase runs. */
    private void cleanUp(LocalRunbook runbook, String specJson) {
        MigrationSpec spec = SpecReader.read(specJson);
        List<String> stillStopping = new ArrayList<>();
        try {
            if (new MigrationCleanup(RunbookServices.from(runbook.aws().functionEnvironment()))
                    .stop(spec, Duration.ofSeconds(30), Duration.ofSeconds(1), result -> stillStopping.add(result.detail())).isPresent()) {
                say("cleaned up the replication after the failure");
            } else if (!stillStopping.isEmpty()) {
                say("cleanup not finished: " + stillStopping.get(stillStopping.size() - 1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private RehearsalSummary summarise(String engine, DescribeExecutionResponse result, LocalPostgres source, LocalPostgres target,
                                       String lastLag, String writes, String report, String initialCopy, Duration duration, FaultInjection.Report fault,
                                       List<PolledDatabase.Outage> outages, List<String> unreachableChecks, List<String> alerts)
            throws SQLException {
        List<RehearsalSummary.TableRows> tables = new ArrayList<>();
        for (String table : CashFlowSchema.TABLES) {
            tables.add(new RehearsalSummary.TableRows(table, rows(source, table), rows(target, table)));
        }
        String balances = "SELECT usuario_id, nome, saldo FROM vw_saldo_atual ORDER BY usuario_id";
        boolean balancesMatch = list(source, balances).equals(list(target, balances));
        JsonNode output = result.output() == null ? null : Json.tree(result.output());
        return new RehearsalSummary(engine, result.status().toString(), ExecutionFailure.message(result.cause()), tables, balancesMatch,
                validation(output, "dataValidation"), validation(output, "finalDataValidation"),
                list(source, "SELECT slot_name FROM pg_replication_slots"), list(source, "SELECT pubname FROM pg_publication"),
                list(target, "SELECT subname FROM pg_subscription"), lastLag, writes, initialCopy, report, duration, fault, outages, unreachableChecks,
                alerts);
    }

    /** The summary line of one of the execution's data validations, from its output. */
    private static String validation(JsonNode output, String field) {
        return output == null || !output.path(field).hasNonNull("summary") ? null : output.path(field).path("summary").asText();
    }

    private static long rows(LocalPostgres cluster, String table) throws SQLException {
        try (Connection connection = cluster.connect(DATABASE); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM " + table)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static List<String> list(LocalPostgres cluster, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = cluster.connect(DATABASE); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(rows.getString(i));
                }
                values.add(row.toString());
            }
        }
        return values;
    }

    private void say(String line) {
        console.say(line);
    }
}
