package dmsrunbook.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.database.DatabaseFamilies;
import dmsrunbook.database.SqlDialect;
import dmsrunbook.database.postgres.PostgresQuoting;
import dmsrunbook.deploy.AlertInbox;
import dmsrunbook.deploy.CutoverApproval;
import dmsrunbook.deploy.Executions;
import dmsrunbook.deploy.LocalSecrets;
import dmsrunbook.internal.Json;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.mapping.TableName;
import dmsrunbook.plan.MeasuredThroughput;
import dmsrunbook.spec.DatabaseEngine;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.spec.ReplicationEngineKind;
import dmsrunbook.spec.SchemaMode;
import dmsrunbook.spec.SpecReader;
import dmsrunbook.workflow.MigrationCleanup;
import dmsrunbook.workflow.RunbookServices;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * The operator's own migration rehearsed on this machine: their spec, their data (a dump, or a read-only copy of
 * their source), two local PostgreSQL clusters and the real state machine on the emulated AWS. The spec's table
 * mappings, thresholds, validation and cutover policy apply as written; its hosts and secrets are replaced by the local
 * clusters', and the data moves with PostgreSQL's logical replication (moto's DMS moves none). A MySQL or MariaDB
 * source's mysqldump file is rehearsed by {@link MariaDbSpecRehearsal} instead. Everything the operator gave is
 * checked by {@link #prepare} before a server starts.
 */
public final class UserSpecRehearsal {

    /**
     * @param sourceDump      a dump of the source (or null)
     * @param sourceUrl       the source to copy read-only (or null); exactly one of the two
     * @param writesPerSecond row updates per second while it migrates; 0: none
     * @param writesGiven     whether the operator set the rate (else it is the default)
     * @param schemaMode      overrides the spec's schema.mode (null: the spec's)
     * @param throughputFile  where the measured full-load speed is recorded
     */
    public record Options(Path specFile, Path sourceDump, String sourceUrl, int writesPerSecond, boolean writesGiven, SchemaMode schemaMode,
                          Duration timeout, Path throughputFile) {
    }

    /** The operator's inputs, checked: what {@link #run} starts from. */
    public record Prepared(Options options, MigrationSpec spec, JsonNode specJson, SourceDump dump, SourceUrlCopy copy) {

        String sourceName() {
            return dump != null ? dump.format().words() + " " + dump.file().getFileName() : copy.url().toString();
        }
    }

    private static final String SECRET_PLACEHOLDER = "arn:aws:secretsmanager:us-east-1:123456789012:secret:dms-runbook/rehearsal-";

    private final PrintStream out;
    private final RehearsalConsole console;

    public UserSpecRehearsal(PrintStream out) {
        this.out = out;
        this.console = new RehearsalConsole(out);
    }

    /** Reads the spec and the source's data given: every mistake found here, before anything starts. */
    public static Prepared prepare(Options options) {
        if ((options.sourceDump() == null) == (options.sourceUrl() == null)) {
            throw new RehearsalInputException("--spec needs the data to rehearse with: exactly one of --source-dump FILE "
                    + "(a pg_dump archive or plain SQL dump, or a mysqldump file for a MySQL or MariaDB source) or --source-url URL "
                    + "(a PostgreSQL source copied read-only).");
        }
        String text;
        try {
            text = Files.readString(options.specFile());
        } catch (IOException e) {
            throw new RehearsalInputException("--spec " + options.specFile() + " cannot be read (" + e.getMessage()
                    + "): give the path of your migration spec (JSON).");
        }
        // SpecReader reports every problem with its fix (exit code 2), also for text that is not JSON.
        MigrationSpec spec = SpecReader.read(text);
        JsonNode json = Json.tree(text);
        if (spec.target().engine().family() != DatabaseEngine.Family.POSTGRES) {
            throw new RehearsalInputException("--spec " + options.specFile() + ": the target is " + spec.target().engine().value()
                    + ", but the local rehearsal migrates into PostgreSQL. Rehearse a spec whose target is postgres or aurora-postgresql; "
                    + "check other targets with runbook preflight and runbook assess.");
        }
        if (spec.source().engine().family() == DatabaseEngine.Family.MYSQL) {
            return prepareFromMySqlDump(options, spec, json);
        }
        // The spec as the rehearsal will run it, checked now with stand-in addresses.
        SpecReader.read(localSpec(json, spec, options.schemaMode(), endpoint(spec.source().engine(), "127.0.0.1", 5432,
                spec.source().database(), SECRET_PLACEHOLDER + "source"), endpoint(spec.target().engine(), "127.0.0.1", 5433,
                spec.source().database(), SECRET_PLACEHOLDER + "target")));
        Path binaries = LocalPostgres.findBinaries();
        SourceDump dump = options.sourceDump() == null ? null : SourceDump.inspect(options.sourceDump(), binaries);
        if (dump != null && dump.format() == SourceDump.Format.MYSQLDUMP) {
            throw new RehearsalInputException(dump.named() + " is a mysqldump file, but the spec's source is "
                    + spec.source().engine().value() + ". Give a pg_dump of the source (pg_dump -Fc -f source.dump), or a spec whose "
                    + "source is mysql or mariadb.");
        }
        SourceUrlCopy copy = options.sourceUrl() == null ? null : SourceUrlCopy.check(options.sourceUrl());
        return new Prepared(options, spec, json, dump, copy);
    }

    /**
     * A MySQL or MariaDB source: only a mysqldump file, with the workflow converting the schema (schema.mode apply), and
     * no application writes (the local DMS stand-in reads no binlog, so they would never reach the target).
     */
    private static Prepared prepareFromMySqlDump(Options options, MigrationSpec spec, JsonNode json) {
        if (options.sourceUrl() != null) {
            throw new RehearsalInputException("--source-url copies a PostgreSQL source only. Dump your " + spec.source().engine().value()
                    + " source (mysqldump --single-transaction --routines --triggers " + spec.source().database() + " > source.sql) "
                    + "and give --source-dump source.sql.");
        }
        SchemaMode mode = options.schemaMode() != null ? options.schemaMode() : spec.schema().mode();
        if (mode != SchemaMode.APPLY) {
            throw new RehearsalInputException((options.schemaMode() != null ? "--schema-mode " : "the spec's schema.mode ") + mode.value()
                    + ": a MySQL source is rehearsed into an empty PostgreSQL database whose schema the workflow converts and "
                    + "creates. Use schema.mode apply (or --schema-mode apply).");
        }
        if (options.writesGiven() && options.writesPerSecond() > 0) {
            throw new RehearsalInputException("--writes-per-second " + options.writesPerSecond() + ": the local DMS stand-in loads a "
                    + "MySQL source once and reads no binlog, so writes during the migration would never reach the target. "
                    + "Use --writes-per-second 0 (or leave it out).");
        }
        if (options.schemaMode() != null) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) json).set("schema", Json.MAPPER.createObjectNode().put("mode", mode.value()));
        }
        SourceDump dump = SourceDump.inspect(options.sourceDump(), LocalPostgres.findBinaries());
        if (dump.format() != SourceDump.Format.MYSQLDUMP) {
            throw new RehearsalInputException(dump.named() + " is a " + dump.format().words() + ", but the spec's source is "
                    + spec.source().engine().value() + ". Give a mysqldump file of it (mysqldump --single-transaction --routines "
                    + "--triggers " + spec.source().database() + " > source.sql).");
        }
        return new Prepared(options, spec, json, dump, null);
    }

    public UserSpecRehearsalSummary run(Prepared prepared) throws SQLException {
        if (prepared.spec().source().engine().family() == DatabaseEngine.Family.MYSQL) {
            return new MariaDbSpecRehearsal(out).run(prepared);
        }
        Instant started = Instant.now();
        Options options = prepared.options();
        MigrationSpec userSpec = prepared.spec();
        String database = userSpec.source().database();
        SchemaMode schemaMode = options.schemaMode() != null ? options.schemaMode() : userSpec.schema().mode();
        say("dms-runbook rehearsal of " + userSpec.migrationId() + " from " + prepared.sourceName());
        if (userSpec.engine() != ReplicationEngineKind.POSTGRES_NATIVE) {
            say("NOTE: the spec's engine is " + userSpec.engine().value() + "; the rehearsal moves the data with PostgreSQL's "
                    + "logical replication (postgres-native): moto's DMS moves no data.");
        }
        try (LocalPostgres source = LocalPostgres.startLogicalSource("source");
             LocalPostgres target = LocalPostgres.start("target", Map.of("wal_receiver_status_interval", "1s"))) {
            say("source PostgreSQL on port " + source.port() + " (wal_level=logical), target on port " + target.port());
            source.createDatabase(PostgresQuoting.identifier(database));
            target.createDatabase(PostgresQuoting.identifier(database));
            if (prepared.dump() != null) {
                prepared.dump().restoreInto(source, database);
            } else {
                say("copying " + prepared.copy().url() + " (read-only: pg_dump | pg_restore)");
                prepared.copy().copyInto(source, database);
            }
            SqlDialect dialect = DatabaseFamilies.of(userSpec.source().engine()).dialect();
            List<TableName> tables;
            try (Connection connection = source.connect(database)) {
                List<TableName> all = dialect.listTables(connection);
                tables = userSpec.mappings().select(all);
                if (tables.isEmpty()) {
                    throw new RehearsalInputException("--spec " + options.specFile() + ": its table mappings select none of the "
                            + all.size() + " tables of " + prepared.sourceName() + " (" + all.stream().limit(10).map(TableName::toString).toList()
                            + (all.size() > 10 ? ", ..." : "") + "). Fix the selection rules' schema-name and table-name.");
                }
                execute(connection, "ANALYZE");
            }
            SourceSize size = SourceSize.of(source, database, tables, dialect);
            say("loaded the source: " + tables.size() + " selected table(s), " + size.rows() + " rows, " + size.bytes() + " bytes");
            if (schemaMode == SchemaMode.APPLY) {
                say("the target database is empty: the workflow creates its schema from the source's (schema.mode apply)");
            } else {
                SchemaCopy.apply(source, target, database);
                say("copied the source's schema to the target with pg_dump --schema-only (schema.mode " + schemaMode.value()
                        + ": the workflow does not create it)");
            }

            try (LocalRunbook runbook = LocalRunbook.start();
                 RowTouchWorkload workload = new RowTouchWorkload(source, database, tables, options.writesPerSecond())) {
                say("deployed template.yaml on the emulated AWS: state machine " + runbook.deployment().physicalId("MigrationStateMachine"));
                String migrationId = userSpec.migrationId();
                String specJson = Json.write(localSpec(prepared.specJson(), userSpec, options.schemaMode(),
                        endpoint(userSpec.source().engine(), runbook, migrationId + "-source", source, database),
                        endpoint(userSpec.target().engine(), runbook, migrationId + "-target", target, database)));
                workload.start();
                if (options.writesPerSecond() > 0) {
                    say("the application re-writes about " + options.writesPerSecond() + " rows/s of " + workload.touchedTables()
                            + " during the migration");
                }
                String execution = runbook.executions().start(migrationId + "-" + started.getEpochSecond(), specJson);
                say("started execution " + execution);
                Watch watch = watch(runbook, execution, source, target, database, SpecReader.read(specJson), workload, tables.size(),
                        options.timeout());
                DescribeExecutionResponse result = runbook.executions().describe(execution);
                workload.stop();
                if (result.status() != ExecutionStatus.SUCCEEDED) {
                    cleanUp(runbook, specJson);
                }
                Optional<MeasuredThroughput> throughput = watch.copySeconds() <= 0 ? Optional.empty()
                        : Optional.of(new MeasuredThroughput(Instant.now(), "postgres-native", prepared.sourceName(), size.rows(),
                                size.bytes(), watch.copySeconds()));
                throughput.ifPresent(t -> t.save(options.throughputFile()));
                return summarise(userSpec, result, source, target, database, tables, dialect, watch.lastLag(), workload.describe(),
                        throughput, options.throughputFile(), Duration.between(started, Instant.now()));
            }
        }
    }

    /** The user's spec as the rehearsal runs it: local endpoints, the native engine, the stack's alert topic. */
    static ObjectNode localSpec(JsonNode userJson, MigrationSpec spec, SchemaMode schemaMode, ObjectNode source, ObjectNode target) {
        ObjectNode local = userJson.deepCopy();
        local.put("engine", ReplicationEngineKind.POSTGRES_NATIVE.value());
        local.remove("dms");
        local.remove("alertTopicArn");
        if (local.path("assessment").isObject()) {
            ((ObjectNode) local.get("assessment")).remove("dmsPremigration");
        }
        if (spec.target().allowsNonEmptyTables()) {
            target.put("allowNonEmptyTables", true);
        }
        local.set("source", source);
        local.set("target", target);
        if (schemaMode != null) {
            local.set("schema", Json.MAPPER.createObjectNode().put("mode", schemaMode.value()));
        }
        return local;
    }

    private static ObjectNode endpoint(DatabaseEngine engine, String host, int port, String database, String secretArn) {
        return Json.MAPPER.createObjectNode().put("engine", engine.value()).put("host", host).put("port", port)
                .put("database", database).put("sslMode", "none").put("secretArn", secretArn);
    }

    private static ObjectNode endpoint(DatabaseEngine engine, LocalRunbook runbook, String secretName, LocalPostgres cluster, String database) {
        String secretArn = LocalSecrets.put(runbook.aws(), "dms-runbook/" + secretName, LocalPostgres.SUPERUSER, LocalPostgres.PASSWORD,
                cluster.host(), cluster.port());
        return endpoint(engine, cluster.host(), cluster.port(), database, secretArn);
    }

    /** What watching the execution saw: the last apply lag, and how long the initial copy took (0 when not seen). */
    private record Watch(String lastLag, double copySeconds) {
    }

    /** Follows the execution to its end, approving the cutover once the application is read-only. */
    private Watch watch(LocalRunbook runbook, String execution, LocalPostgres source, LocalPostgres target, String database,
                        MigrationSpec spec, RowTouchWorkload workload, int tableCount, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        java.util.Set<String> phasesShown = new java.util.HashSet<>();
        ReplicationProgressDisplay display = new ReplicationProgressDisplay(
                new PolledDatabase("source", source, database, java.time.Clock.systemUTC()),
                new PolledDatabase("target", target, database, java.time.Clock.systemUTC()));
        InitialCopyClock copy = new InitialCopyClock(tableCount);
        String lastProgress = "";
        String lastLag = "n/a";
        boolean approved = false;
        while (System.nanoTime() < deadline) {
            DescribeExecutionResponse status = runbook.executions().describe(execution);
            List<HistoryEvent> history = runbook.executions().history(execution);
            List<String> entered = Executions.enteredStates(history);
            // Each phase once, in order, even when it ran between two polls; the loops' repeats are not news.
            for (String phase : entered) {
                if (phasesShown.add(phase)) {
                    say("phase: " + phase);
                }
            }
            ReplicationView view = display.view(spec.objectName());
            display.news().forEach(this::say);
            copy.observe(history, view.tablesReady(), Instant.now())
                    .ifPresent(took -> say("  initial copy done in about " + Math.max(1, Math.round(took.toMillis() / 1000.0)) + " s"));
            if (view.lag() != null) {
                lastLag = view.lag();
            }
            String progress = view.describe();
            if (!progress.isEmpty() && !progress.equals(lastProgress)) {
                say("  " + progress);
                lastProgress = progress;
            }
            if (status.status() != ExecutionStatus.RUNNING) {
                say("execution " + status.status() + (status.cause() == null ? "" : ": " + status.cause()));
                return new Watch(lastLag, copy.seconds().orElse(0.0));
            }
            if (entered.contains("IsCutoverApprovalRequired?")) {
                workload.stop();
            }
            if (!approved) {
                Optional<AlertInbox.Notice> request = runbook.inbox().notices().stream()
                        .filter(n -> n.subject().contains(spec.migrationId() + " is in sync")).findFirst();
                if (request.isPresent()) {
                    workload.stop();
                    say("cutover requested: the application is read-only now (" + workload.describe() + " during the migration)");
                    String token = CutoverApproval.taskToken(request.get().message()).orElseThrow(() ->
                            new IllegalStateException("the approval request carries no task token"));
                    CutoverApproval.approve(runbook.aws().sfn(), token, "runbook rehearse");
                    say("cutover approved");
                    approved = true;
                }
            }
            RehearsalConsole.pause(copy.waiting() ? 250 : 1_000);
        }
        throw new IllegalStateException("the rehearsal did not finish within " + timeout.toMinutes() + " minutes (--timeout-minutes)");
    }

    /** A failed rehearsal must not leave a slot retaining WAL: the same stop the workflow's last phase runs. */
    private void cleanUp(LocalRunbook runbook, String specJson) {
        try {
            if (new MigrationCleanup(RunbookServices.from(runbook.aws().functionEnvironment()))
                    .stop(SpecReader.read(specJson), Duration.ofSeconds(30), Duration.ofSeconds(1), stillStopping -> { }).isPresent()) {
                say("cleaned up the replication after the failure");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private UserSpecRehearsalSummary summarise(MigrationSpec spec, DescribeExecutionResponse result, LocalPostgres source,
                                               LocalPostgres target, String database, List<TableName> tables, SqlDialect dialect,
                                               String lastLag, String writes, Optional<MeasuredThroughput> throughput,
                                               Path throughputFile, Duration duration) throws SQLException {
        List<RehearsalSummary.TableRows> rows = new ArrayList<>();
        try (Connection from = source.connect(database); Connection to = target.connect(database)) {
            for (TableName table : tables) {
                TableName onTarget = spec.mappings().targetName(table);
                long targetRows = dialect.exists(to, onTarget) ? dialect.countRows(to, onTarget) : -1;
                rows.add(new RehearsalSummary.TableRows(table.toString(), dialect.countRows(from, table), targetRows));
            }
        }
        JsonNode output = result.output() == null ? null : Json.tree(result.output());
        return new UserSpecRehearsalSummary(spec.migrationId(), "postgres-native", result.status().toString(), result.cause(), rows,
                validation(output, "dataValidation"), validation(output, "finalDataValidation"),
                list(source, database, "SELECT slot_name FROM pg_replication_slots"),
                list(source, database, "SELECT pubname FROM pg_publication"),
                list(target, database, "SELECT subname FROM pg_subscription"), lastLag, writes, throughput,
                throughputFile, duration);
    }

    /** The summary line of one of the execution's data validations, from its output. */
    static String validation(JsonNode output, String field) {
        return output == null || !output.path(field).hasNonNull("summary") ? null : output.path(field).path("summary").asText();
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.execute();
        }
    }

    private void say(String line) {
        console.say(line);
    }

    /** The first column of every row of {@code sql}. */
    private static List<String> list(LocalPostgres cluster, String database, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = cluster.connect(database); PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
