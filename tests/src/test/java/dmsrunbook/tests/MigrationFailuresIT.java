package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.deploy.AlertInbox.Notice;
import dmsrunbook.local.LocalLambdaGateway;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.rehearsal.CashFlowSchema;
import dmsrunbook.rehearsal.DmsStandIn;
import dmsrunbook.rehearsal.LocalRunbook;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Migrations that must not go ahead: each fails in the phase that catches the problem, with the fix in the
 * execution's cause and in one SNS alert to on-call. Failures moto cannot produce (a DMS connection test or task
 * failing) are injected through {@link dmsrunbook.local.DmsGaps}, as DMS would report them.
 */
class MigrationFailuresIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @RegisterExtension
    static final LocalRunbookExtension runbook = new LocalRunbookExtension();

    @Test
    void sourceWithoutLogicalWal_andATableWithoutPrimaryKey_failsPreflight_withTheFixes() throws Exception {
        try (LocalPostgres source = LocalPostgres.start("source-replica-wal", Map.of("wal_level", "replica"));
             LocalPostgres target = LocalPostgres.start("target", Map.of())) {
            source.createDatabase("shop");
            target.createDatabase("shop");
            source.execute("shop", "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric); "
                    + "CREATE TABLE order_events (order_id bigint, event text)");

            String execution = runbook.executions().start("preflight-fails-run",
                    MigrationSpecs.dmsFullLoadAndCdc(runbook.get(), "preflight-fails", source, target, "shop", "approval"));
            DescribeExecutionResponse result = runbook.executions().awaitEnd(execution, TIMEOUT);

            assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(result.error()).isEqualTo("dmsrunbook.error.PreflightFailedException");
            assertThat(result.cause()).contains("FAIL source wal_level: is replica", "ALTER SYSTEM SET wal_level = logical",
                    "rds.logical_replication = 1", "FAIL source primary keys", "ALTER TABLE \\\"public\\\".\\\"order_events\\\" REPLICA IDENTITY FULL");
            Notice alert = runbook.inbox().await(n -> n.subject().contains("preflight-fails FAILED in RunPreflightChecks"), TIMEOUT);
            assertThat(alert.message()).contains("Error: PreflightFailedException", "wal_level", "REPLICA IDENTITY FULL",
                    "Execution: https://us-east-1.console.aws.amazon.com/states/");
            assertThat(runbook.executions().enteredStates(execution)).doesNotContain("TestEndpointConnections");
            assertThat(dmsRequestsMentioning("preflight-fails")).isEmpty();
        }
    }

    @Test
    void failedConnectionTest_stopsBeforeAnyTask_withDmsMessage() throws Exception {
        try (LocalPostgres source = LocalPostgres.startLogicalSource("source"); LocalPostgres target = LocalPostgres.start("target", Map.of())) {
            CashFlowDatabases.givenOnSourceWithSchemaOnTarget(source, target, 10, 200);
            runbook.aws().dmsGaps().failConnectionTest("unreachable-target-target",
                    "Test connection failed: could not connect to server: Connection timed out");

            String execution = runbook.executions().start("unreachable-target-run",
                    MigrationSpecs.dmsFullLoadAndCdc(runbook.get(), "unreachable-target", source, target, "fluxocaixa", "approval"));
            DescribeExecutionResponse result = runbook.executions().awaitEnd(execution, TIMEOUT);

            assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(result.error()).isEqualTo("dmsrunbook.error.EndpointConnectionFailedException");
            assertThat(result.cause()).contains("DMS could not connect to the target", "Connection timed out", "security group");
            Notice alert = runbook.inbox().await(n -> n.subject().contains("unreachable-target FAILED in CheckEndpointConnections"), TIMEOUT);
            assertThat(alert.message()).contains("Connection timed out");
            assertThat(runbook.aws().dmsGaps().requests("CreateReplicationTask"))
                    .noneMatch(r -> r.path("ReplicationTaskIdentifier").asText().equals("unreachable-target"));
        }
    }

    @Test
    void taskThatFailsDuringFullLoad_isCaughtByCheckReplication_andAlerted() throws Exception {
        try (LocalPostgres source = LocalPostgres.startLogicalSource("source"); LocalPostgres target = LocalPostgres.start("target", Map.of());
             DmsStandIn dms = new DmsStandIn(runbook.aws(), LocalRunbook.INSTANCE_IDENTIFIER, source, "fluxocaixa", target, "fluxocaixa",
                     CashFlowSchema.TABLES)) {
            CashFlowDatabases.givenOnSourceWithSchemaOnTarget(source, target, 10, 200);
            runbook.aws().dmsGaps().onTaskStarted(task -> {
                if (task.equals("failing-task")) {
                    runbook.aws().dmsGaps().failTask(task, "Last Error Task 'failing-task' was suspended due to 6 successive "
                            + "unexpected failures; ERROR: permission denied for table transacoes");
                }
            });

            String execution = runbook.executions().start("failing-task-run",
                    MigrationSpecs.dmsFullLoadAndCdc(runbook.get(), "failing-task", source, target, "fluxocaixa", "approval"));
            DescribeExecutionResponse result = runbook.executions().awaitEnd(execution, TIMEOUT);

            assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(result.error()).isEqualTo("dmsrunbook.error.ReplicationFailedException");
            assertThat(result.cause()).contains("DMS task failing-task failed", "permission denied for table transacoes",
                    "again after this check resumed it", "Fix:");
            Notice alert = runbook.inbox().await(n -> n.subject().contains("failing-task FAILED in CheckReplication"), TIMEOUT);
            assertThat(alert.message()).contains("permission denied for table transacoes");
        }
    }

    @Test
    void dmsTaskThatFailsOnce_isResumedFromItsCheckpoint_andTheMigrationSucceedsWithEveryRow_andNothingLeftOnTheSource() throws Exception {
        try (LocalPostgres source = LocalPostgres.startLogicalSource("source"); LocalPostgres target = LocalPostgres.start("target", Map.of());
             DmsStandIn dms = new DmsStandIn(runbook.aws(), LocalRunbook.INSTANCE_IDENTIFIER, source, "fluxocaixa", target, "fluxocaixa",
                     CashFlowSchema.TABLES).attach("resumed-task")) {
            CashFlowDatabases.givenOnSourceWithSchemaOnTarget(source, target, 10, 200);
            java.util.concurrent.atomic.AtomicBoolean failedOnce = new java.util.concurrent.atomic.AtomicBoolean();
            runbook.aws().dmsGaps().onTaskStarted(task -> {
                if (task.equals("resumed-task") && failedOnce.compareAndSet(false, true)) {
                    runbook.aws().dmsGaps().failTaskUntilResumed(task, "Last Error Load utility network error. Stop Reason RECOVERABLE_ERROR "
                            + "Error Level ERROR Message: Connection to the source was lost: server closed the connection unexpectedly");
                }
            });

            String execution = runbook.executions().start("resumed-task-run",
                    MigrationSpecs.dmsFullLoadAndCdc(runbook.get(), "resumed-task", source, target, "fluxocaixa", "auto"));
            DescribeExecutionResponse result = runbook.executions().awaitEnd(execution, TIMEOUT);

            assertThat(result.status()).as("cause: %s", result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(runbook.aws().dmsGaps().requests("StartReplicationTask")).filteredOn(r -> r.path("ReplicationTaskArn").asText()
                    .endsWith(":resumed-task")).extracting(r -> r.path("StartReplicationTaskType").asText())
                    .containsExactly("start-replication", "resume-processing");
            // what the workflow rode through is the resumed task, never a database it could not reach
            assertThat(dmsrunbook.rehearsal.WorkflowOutageView.unreachableChecks(runbook.executions().history(execution))).isNotEmpty()
                    .allSatisfy(check -> assertThat(check).startsWith("CheckReplication: DMS task resumed-task failed").contains("; resumed at "));
            assertThat(runbook.executions().history(execution).stream().filter(e -> e.stateExitedEventDetails() != null
                    && e.stateExitedEventDetails().name().equals("CheckReplication")).map(e -> e.stateExitedEventDetails().output()))
                    .anyMatch(output -> output.contains("DMS task resumed-task failed: Last Error Load utility network error")
                            && output.contains("resumed at"));
            for (String table : CashFlowSchema.TABLES) {
                assertThat(count(target, table)).as(table).isEqualTo(count(source, table)).isPositive();
            }
            try (Connection connection = source.connect("fluxocaixa");
                 var rows = connection.createStatement().executeQuery("SELECT count(*) FROM pg_replication_slots")) {
                rows.next();
                assertThat(rows.getInt(1)).as("slots left on the source").isZero();
            }
            assertThat(runbook.inbox().notices()).noneMatch(n -> n.subject().contains("resumed-task FAILED"));
        }
    }

    private static long count(LocalPostgres cluster, String table) throws Exception {
        try (Connection connection = cluster.connect("fluxocaixa"); var row = connection.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            row.next();
            return row.getLong(1);
        }
    }

    @Test
    void badSpec_failsFirst_withEveryProblem_beforeAnyAwsOrDatabaseCall() {
        int invocationsBefore = runbook.aws().gateway().invocations().size();
        String spec = """
                {"migrationId": "Bad_ID", "migrationType": "full-load-and-cdc",
                 "source": {"engine": "postgres", "host": "db.example.com", "port": "5432", "database": "app",
                            "secretArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:dms-runbook/app"},
                 "tableMappings": {"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "all",
                     "object-locator": {"schema-name": "public", "table-name": "%"}, "rule-action": "include"}]},
                 "thresholds": {"cdcLatency": 5},
                 "cutover": {"policy": "whenever"}}
                """;

        String execution = runbook.executions().start("bad-spec-run", spec);
        DescribeExecutionResponse result = runbook.executions().awaitEnd(execution, TIMEOUT);

        assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(result.error()).isEqualTo("dmsrunbook.error.InvalidSpecException");
        assertThat(result.cause()).contains("migrationId: is not valid (6 characters, not repeated here in case it is a secret)", "source.port: must be a whole number",
                "target: is required", "dms: is required", "thresholds.cdcLatency: unknown field -> did you mean 'cdcLatencySeconds'?",
                "cutover.policy: is not allowed (8 characters, not repeated here in case it is a secret) -> use one of: approval, auto");
        Notice alert = runbook.inbox().await(n -> n.subject().contains("FAILED in ValidateMigrationSpec"), TIMEOUT);
        assertThat(alert.message()).contains("InvalidSpecException", "target: is required");
        List<String> called = runbook.aws().gateway().invocations().subList(invocationsBefore, runbook.aws().gateway().invocations().size())
                .stream().map(LocalLambdaGateway.Invocation::function).toList();
        assertThat(called).containsExactly("ValidateMigrationSpecFunction", "AlertOnCallFunction");
    }


    private static List<String> dmsRequestsMentioning(String migrationId) {
        return runbook.aws().dmsGaps().calls("CreateEndpoint").stream().map(c -> c.request().toString())
                .filter(r -> r.contains(migrationId)).toList();
    }
}
