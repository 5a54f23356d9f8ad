package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.deploy.AlertInbox.Notice;
import dmsrunbook.internal.Json;
import dmsrunbook.local.DmsGaps.Validation;
import dmsrunbook.local.LocalLambdaGateway.Invocation;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.rehearsal.CashFlowSchema;
import dmsrunbook.rehearsal.DmsStandIn;
import dmsrunbook.rehearsal.LocalRunbook;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * AWS DMS's own row-by-row validation, when the task settings enable it: the sync check reads each table's validation
 * state, waits while records are pending, and stops the migration when DMS found records that differ. moto's DMS has
 * no DescribeTableStatistics, so no validation states: {@link dmsrunbook.local.DmsGaps} reports them here as DMS would
 * (and a {@link DmsStandIn} copies the tables, as DMS's full load would).
 */
class DmsValidationIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @RegisterExtension
    static final LocalRunbookExtension runbook = new LocalRunbookExtension();

    @Test
    void tablePendingDmsValidation_keepsTheCutoverWaiting_namingIt_untilDmsValidatedIt() throws Exception {
        try (LocalPostgres source = LocalPostgres.startLogicalSource("source"); LocalPostgres target = LocalPostgres.start("target", Map.of());
             DmsStandIn dms = new DmsStandIn(runbook.aws(), LocalRunbook.INSTANCE_IDENTIFIER, source, "fluxocaixa", target, "fluxocaixa",
                     CashFlowSchema.TABLES).attach("dms-validating")) {
            CashFlowDatabases.givenOnSourceWithSchemaOnTarget(source, target, 10, 300);
            runbook.aws().dmsGaps().onTaskStarted(task -> {
                if (task.equals("dms-validating")) {
                    runbook.aws().dmsGaps().reportValidation(task, "public.usuarios", new Validation("Validated", 0, 0, 0));
                    runbook.aws().dmsGaps().reportValidation(task, "public.categorias", new Validation("Validated", 0, 0, 0));
                    runbook.aws().dmsGaps().reportValidation(task, "public.transacoes", new Validation("Pending records", 0, 0, 120));
                }
            });

            String execution = runbook.executions().start("dms-validating-run", validating("dms-validating", source, target));

            // WHEN DMS still has records of transacoes to validate THEN replication is not in sync, and the check says why
            Invocation waiting = awaitCheck("dms-validating-run", "DMS validation not finished: public.transacoes (Pending records: 120 pending)");
            assertThat(Json.tree(waiting.output()).path("status").asText()).isEqualTo("syncing");
            assertThat(runbook.executions().enteredStates(execution)).doesNotContain("PlanDataValidation");

            // WHEN DMS has validated them THEN the migration goes on and completes
            runbook.aws().dmsGaps().reportValidation("dms-validating", "public.transacoes", new Validation("Validated", 0, 0, 0));
            DescribeExecutionResponse result = runbook.executions().awaitEnd(execution, TIMEOUT);
            assertThat(result.status()).as("cause: %s", result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(runbook.executions().enteredStates(execution)).containsSubsequence("CheckReplication", "PlanDataValidation",
                    "CheckFinalSync", "PlanFinalDataValidation", "MigrationSucceeded");
        }
    }

    @Test
    void recordsDmsValidationFound_different_stopTheMigrationInTheSyncCheck_andTheAlertNamesTheTable() throws Exception {
        try (LocalPostgres source = LocalPostgres.startLogicalSource("source"); LocalPostgres target = LocalPostgres.start("target", Map.of());
             DmsStandIn dms = new DmsStandIn(runbook.aws(), LocalRunbook.INSTANCE_IDENTIFIER, source, "fluxocaixa", target, "fluxocaixa",
                     CashFlowSchema.TABLES).attach("dms-mismatch")) {
            CashFlowDatabases.givenOnSourceWithSchemaOnTarget(source, target, 10, 300);
            runbook.aws().dmsGaps().onTaskStarted(task -> {
                if (task.equals("dms-mismatch")) {
                    runbook.aws().dmsGaps().reportValidation(task, "public.usuarios", new Validation("Validated", 0, 0, 0));
                    runbook.aws().dmsGaps().reportValidation(task, "public.transacoes", new Validation("Validated", 0, 0, 0));
                    runbook.aws().dmsGaps().failValidation(task, "public.categorias", 3);
                }
            });

            String execution = runbook.executions().start("dms-mismatch-run", validating("dms-mismatch", source, target));
            DescribeExecutionResponse result = runbook.executions().awaitEnd(execution, TIMEOUT);

            assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(result.error()).isEqualTo("dmsrunbook.error.DataMismatchException");
            assertThat(result.cause()).contains("AWS DMS validation found records that differ between the source and the target in 1 table: "
                    + "public.categorias (Mismatched records: 3 failed)", "awsdms_validation_failures_v1");
            Notice alert = runbook.inbox().await(n -> n.subject().contains("dms-mismatch FAILED in CheckReplication"), TIMEOUT);
            assertThat(alert.message()).contains("Error: DataMismatchException", "public.categorias");
            assertThat(runbook.executions().enteredStates(execution)).doesNotContain("PlanDataValidation", "RequestCutoverApproval");
        }
    }

    /** A DMS migration with automatic cutover whose task settings turn DMS's validation on. */
    private static String validating(String migrationId, LocalPostgres source, LocalPostgres target) {
        ObjectNode spec = (ObjectNode) Json.tree(MigrationSpecs.dmsFullLoadAndCdc(runbook.get(), migrationId, source, target, "fluxocaixa", "auto"));
        ((ObjectNode) spec.get("dms").get("taskSettings")).putObject("ValidationSettings").put("EnableValidation", true);
        return spec.toString();
    }

    /** Waits for a CheckReplication answer of the execution whose detail contains {@code detail}. */
    private static Invocation awaitCheck(String executionName, String detail) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (Invocation invocation : runbook.aws().gateway().invocations()) {
                if (invocation.function().equals("CheckReplicationFunction") && invocation.input().contains(executionName)
                        && invocation.output() != null && invocation.output().contains(detail)) {
                    return invocation;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no CheckReplication answer of " + executionName + " said: " + detail);
    }
}
