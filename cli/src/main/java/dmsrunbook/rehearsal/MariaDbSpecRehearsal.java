package dmsrunbook.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.database.DatabaseFamilies;
import dmsrunbook.database.SqlDialect;
import dmsrunbook.database.postgres.PostgresQuoting;
import dmsrunbook.deploy.AlertInbox;
import dmsrunbook.deploy.CutoverApproval;
import dmsrunbook.deploy.LocalSecrets;
import dmsrunbook.internal.Json;
import dmsrunbook.local.LocalMariaDb;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.mapping.TableName;
import dmsrunbook.spec.DatabaseEngine;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.spec.SpecReader;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The operator's MySQL or MariaDB migration to PostgreSQL rehearsed on this machine: their mysqldump file loaded into a
 * local MariaDB, an empty local PostgreSQL target, and the real state machine on the emulated AWS with their spec (its
 * hosts and secrets replaced by the local servers'). The workflow converts the schema and applies it (schema.mode
 * apply), and the DMS stand-in ({@link DmsStandIn#fromMariaDb}) does the full load into it, as DMS would; the row-level
 * diff across the two engines, the invariants and the cutover follow as written in the spec. The stand-in reads no
 * binlog: change data capture is NOT rehearsed, so nothing writes to the source while it runs.
 */
final class MariaDbSpecRehearsal {

    private final PrintStream out;
    private final RehearsalConsole console;

    MariaDbSpecRehearsal(PrintStream out) {
        this.out = out;
        this.console = new RehearsalConsole(out);
    }

    UserSpecRehearsalSummary run(UserSpecRehearsal.Prepared prepared) throws SQLException {
        Instant started = Instant.now();
        MigrationSpec userSpec = prepared.spec();
        String sourceDatabase = userSpec.source().database();
        String targetDatabase = userSpec.target().database();
        say("dms-runbook rehearsal of " + userSpec.migrationId() + " from " + prepared.sourceName());
        if (userSpec.source().engine() != DatabaseEngine.MARIADB) {
            say("NOTE: the local source is MariaDB (the machine has no MySQL server): the spec's source engine "
                    + userSpec.source().engine().value() + " is rehearsed as mariadb.");
        }
        say("NOTE: moto's DMS moves no data. A stand-in loads the converted tables once when the task starts, as DMS's full "
                + "load would; it reads no binlog, so change data capture is not rehearsed and nothing writes to the source.");
        // Configured as DMS needs a CDC source (the preflight checks it), although the stand-in reads no binlog.
        try (LocalMariaDb source = LocalMariaDb.startBinlogSource("source");
             LocalPostgres target = LocalPostgres.start("target", Map.of())) {
            say("source MariaDB on port " + source.port() + " (binlog_format ROW), target PostgreSQL on port " + target.port());
            source.createDatabase(sourceDatabase);
            target.createDatabase(PostgresQuoting.identifier(targetDatabase));
            prepared.dump().restoreInto(source, sourceDatabase);
            SqlDialect sourceDialect = DatabaseFamilies.of(DatabaseEngine.MARIADB).dialect();
            List<TableName> tables;
            try (Connection connection = source.connect(sourceDatabase)) {
                List<TableName> all = sourceDialect.listTables(connection);
                tables = userSpec.mappings().select(all);
                if (tables.isEmpty()) {
                    throw new RehearsalInputException("--spec " + prepared.options().specFile() + ": its table mappings select none of the "
                            + all.size() + " tables of " + prepared.sourceName() + " (" + all.stream().limit(10).map(TableName::toString).toList()
                            + (all.size() > 10 ? ", ..." : "") + "). Fix the selection rules' schema-name and table-name.");
                }
            }
            say("loaded the source: " + tables.size() + " selected table(s)");
            say("the target database is empty: the workflow converts the source's schema and creates it (schema.mode apply)");

            try (LocalRunbook runbook = LocalRunbook.start();
                 DmsStandIn standIn = DmsStandIn.fromMariaDb(runbook.aws(), LocalRunbook.INSTANCE_IDENTIFIER, source, sourceDatabase,
                         target, targetDatabase, userSpec.mappings())) {
                say("deployed template.yaml on the emulated AWS: state machine " + runbook.deployment().physicalId("MigrationStateMachine"));
                String migrationId = userSpec.migrationId();
                standIn.attach(migrationId);
                String specJson = Json.write(localSpec(prepared.specJson(), runbook, migrationId, source, target));
                String execution = runbook.executions().start(migrationId + "-" + started.getEpochSecond(), specJson);
                say("started execution " + execution);
                DescribeExecutionResponse result = follow(runbook, execution, migrationId, prepared.options().timeout());
                return summarise(SpecReader.read(specJson), result, source, target, tables, sourceDialect,
                        Duration.between(started, Instant.now()));
            }
        }
    }

    /**
     * The operator's spec as the rehearsal runs it: the local servers and their secrets in the emulated Secrets Manager,
     * the emulation's replication instance; DMS's own premigration assessment is left out (it needs a results bucket
     * and a role the local stack does not have). Everything else as written.
     */
    static ObjectNode localSpec(JsonNode userJson, LocalRunbook runbook, String migrationId, LocalMariaDb source, LocalPostgres target) {
        ObjectNode local = userJson.deepCopy();
        String sourceSecret = LocalSecrets.put(runbook.aws(), "dms-runbook/" + migrationId + "-source", LocalMariaDb.ROOT, LocalMariaDb.PASSWORD,
                source.host(), source.port());
        String targetSecret = LocalSecrets.put(runbook.aws(), "dms-runbook/" + migrationId + "-target", LocalPostgres.SUPERUSER,
                LocalPostgres.PASSWORD, target.host(), target.port());
        local.set("source", endpoint((ObjectNode) userJson.get("source"), DatabaseEngine.MARIADB.value(), source.host(), source.port(), sourceSecret));
        local.set("target", endpoint((ObjectNode) userJson.get("target"), userJson.path("target").path("engine").asText(), target.host(),
                target.port(), targetSecret));
        ObjectNode dms = local.has("dms") && local.get("dms").isObject() ? (ObjectNode) local.get("dms") : local.putObject("dms");
        dms.put("replicationInstanceArn", runbook.replicationInstanceArn());
        if (!dms.has("secretsAccessRoleArn")) {
            dms.put("secretsAccessRoleArn", "arn:aws:iam::123456789012:role/dms-runbook-secrets-access");
        }
        local.remove("alertTopicArn");
        if (local.path("assessment").isObject()) {
            ((ObjectNode) local.get("assessment")).remove("dmsPremigration");
        }
        return local;
    }

    private static ObjectNode endpoint(ObjectNode user, String engine, String host, int port, String secretArn) {
        ObjectNode endpoint = Json.MAPPER.createObjectNode().put("engine", engine).put("host", host).put("port", port)
                .put("database", user.path("database").asText()).put("sslMode", "none").put("secretArn", secretArn);
        if (user.path("allowNonEmptyTables").asBoolean(false)) {
            endpoint.put("allowNonEmptyTables", true);
        }
        return endpoint;
    }

    /** Follows the execution to its end, approving the cutover when asked (the source takes no writes to stop). */
    private DescribeExecutionResponse follow(LocalRunbook runbook, String execution, String migrationId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> phasesShown = new HashSet<>();
        boolean approved = false;
        while (System.nanoTime() < deadline) {
            DescribeExecutionResponse status = runbook.executions().describe(execution);
            for (String phase : runbook.executions().enteredStates(execution)) {
                if (phasesShown.add(phase)) {
                    say("phase: " + phase);
                }
            }
            if (status.status() != ExecutionStatus.RUNNING) {
                say("execution " + status.status() + (status.cause() == null ? "" : ": " + ExecutionFailure.message(status.cause())));
                return status;
            }
            if (!approved) {
                Optional<AlertInbox.Notice> request = runbook.inbox().notices().stream()
                        .filter(n -> n.subject().contains(migrationId + " is in sync")).findFirst();
                if (request.isPresent()) {
                    String token = CutoverApproval.taskToken(request.get().message()).orElseThrow(() ->
                            new IllegalStateException("the approval request carries no task token"));
                    CutoverApproval.approve(runbook.aws().sfn(), token, "runbook rehearse");
                    say("cutover approved");
                    approved = true;
                }
            }
            RehearsalConsole.pause(1_000);
        }
        throw new IllegalStateException("the rehearsal did not finish within " + timeout.toMinutes() + " minutes (--timeout-minutes)");
    }

    private UserSpecRehearsalSummary summarise(MigrationSpec spec, DescribeExecutionResponse result, LocalMariaDb source, LocalPostgres target,
                                               List<TableName> tables, SqlDialect sourceDialect, Duration duration) throws SQLException {
        SqlDialect targetDialect = DatabaseFamilies.of(spec.target().engine()).dialect();
        List<RehearsalSummary.TableRows> rows = new ArrayList<>();
        try (Connection from = source.connect(spec.source().database()); Connection to = target.connect(spec.target().database())) {
            for (TableName table : tables) {
                TableName onTarget = spec.mappings().targetName(table);
                long targetRows = targetDialect.exists(to, onTarget) ? targetDialect.countRows(to, onTarget) : -1;
                rows.add(new RehearsalSummary.TableRows(table + " -> " + onTarget, sourceDialect.countRows(from, table), targetRows));
            }
        }
        JsonNode output = result.output() == null ? null : Json.tree(result.output());
        // DMS leaves nothing on a MySQL source that retains its log (no slot, no publication): the lists are empty by nature.
        return new UserSpecRehearsalSummary(spec.migrationId(), "dms, its full load by the local stand-in", result.status().toString(),
                ExecutionFailure.message(result.cause()), rows, UserSpecRehearsal.validation(output, "dataValidation"),
                UserSpecRehearsal.validation(output, "finalDataValidation"), List.of(), List.of(), List.of(), "n/a (no CDC rehearsed)",
                "none (change data capture from the binlog is not rehearsed)", Optional.empty(), null, duration);
    }

    private void say(String line) {
        console.say(line);
    }
}
