package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.deploy.AlertInbox.Notice;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.rehearsal.CashFlowSchema;
import dmsrunbook.rehearsal.DmsStandIn;
import dmsrunbook.rehearsal.LocalRunbook;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The migration workflow end to end: the real state machine (statemachine/migration.asl.json, deployed from
 * template.yaml) runs the real Java handlers against real PostgreSQL clusters and moto. moto's DMS moves no data,
 * so a {@link DmsStandIn} copies the tables, opens a slot and reports latency when the task starts, as DMS would.
 */
class MigrationWorkflowIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @RegisterExtension
    static final LocalRunbookExtension runbook = new LocalRunbookExtension();

    @Test
    void fullLoadAndCdc_visitsEveryPhaseInOrder_cutsOverAfterApproval_andLeavesNoSlotBehind() throws Exception {
        try (LocalPostgres source = LocalPostgres.startLogicalSource("source");
             LocalPostgres target = LocalPostgres.start("target", Map.of())) {
            // Given the cash-flow example database on the source, its schema applied on the target, and a slot of another application.
            CashFlowDatabases.givenOnSourceWithSchemaOnTarget(source, target, 40, 2_000);
            source.execute("fluxocaixa", "SELECT pg_create_logical_replication_slot('other_app_slot', 'test_decoding')");
            String spec = MigrationSpecs.dmsFullLoadAndCdc(runbook.get(), "cashflow-e2e", source, target, "fluxocaixa", "approval");

            try (DmsStandIn dms = new DmsStandIn(runbook.aws(), LocalRunbook.INSTANCE_IDENTIFIER, source, "fluxocaixa",
                    target, "fluxocaixa", CashFlowSchema.TABLES).attach("cashflow-e2e")) {
                // When the migration runs and on-call approves the cutover from the SNS message
                String execution = runbook.executions().start("cashflow-e2e-run", spec);
                String approval = runbook.approveWhenAsked("cashflow-e2e", TIMEOUT);
                assertThat(approval).contains("Put the application in read-only mode", "send-task-success");

                // Then it succeeds, through every phase in the runbook's order
                var result = runbook.executions().awaitEnd(execution, TIMEOUT);
                assertThat(result.status()).as("cause: %s", result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
                assertThat(runbook.executions().enteredStates(execution)).containsSubsequence(
                        "ValidateMigrationSpec", "RunPreflightChecks", "ReportPreflightWarnings", "TestEndpointConnections",
                        "CheckEndpointConnections", "StartReplication", "CheckReplication", "IsReplicationInSync?",
                        "PlanDataValidation", "DiffDataItems", "ConcludeDataValidation", "IsDataValidated?", "RequestCutoverApproval",
                        "CheckFinalSync", "PlanFinalDataValidation", "DiffFinalDataItems", "ConcludeFinalDataValidation",
                        "CarryOverSequencesAndViews", "StopReplication", "NotifyMigrationComplete", "MigrationSucceeded");

                // and SNS told on-call what happened
                List<Notice> notices = runbook.inbox().notices();
                Notice warnings = notices.stream().filter(n -> n.subject().contains("cashflow-e2e preflight passed with warnings"))
                        .findFirst().orElseThrow();
                assertThat(warnings.message()).contains("WARN source ssl", "WARN target triggers", "trg_transacoes_atualizacao");
                Notice report = runbook.inbox().await(n -> n.subject().contains("cashflow-e2e migration complete"), TIMEOUT);
                assertThat(report.message()).contains("3 of 3 tables equal", "2046 rows on the source, 2046 on the target",
                        "Replication slots dropped on the source: dms_stand_in_cashflow_e2e");

                // and the source keeps only the slot that was there before; the target's sequences are past every key
                assertThat(slots(source)).containsExactly("other_app_slot");
                try (Connection t = target.connect("fluxocaixa"); Statement statement = t.createStatement();
                     ResultSet row = statement.executeQuery("SELECT nextval('transacoes_id_seq') > (SELECT max(id) FROM transacoes)")) {
                    row.next();
                    assertThat(row.getBoolean(1)).isTrue();
                }
                // and DMS was started once, as a first start
                assertThat(runbook.aws().dmsGaps().requests("StartReplicationTask"))
                        .extracting(r -> r.path("StartReplicationTaskType").asText()).containsExactly("start-replication");
            }
        }
    }

    @Test
    void fullLoadOnly_withAutoCutover_finishesWithoutAskingAnyone() throws Exception {
        try (LocalPostgres source = LocalPostgres.startLogicalSource("source");
             LocalPostgres target = LocalPostgres.start("target", Map.of());
             DmsStandIn dms = new DmsStandIn(runbook.aws(), LocalRunbook.INSTANCE_IDENTIFIER, source, "fluxocaixa",
                     target, "fluxocaixa", CashFlowSchema.TABLES).attach("one-off-copy")) {
            CashFlowDatabases.givenOnSourceWithSchemaOnTarget(source, target, 10, 500);
            String spec = MigrationSpecs.dms(runbook.get(), "one-off-copy", "full-load", source, target, "fluxocaixa", "auto");

            String execution = runbook.executions().start("one-off-copy-run", spec);
            var result = runbook.executions().awaitEnd(execution, TIMEOUT);

            // DMS stops a full-load task by itself once every table is loaded; nobody is asked to approve
            assertThat(result.status()).as("cause: %s", result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
            List<String> entered = runbook.executions().enteredStates(execution);
            assertThat(entered).containsSubsequence("CheckReplication", "PlanDataValidation", "ConcludeDataValidation",
                    "IsCutoverApprovalRequired?", "CheckFinalSync", "PlanFinalDataValidation", "ConcludeFinalDataValidation",
                    "StopReplication", "MigrationSucceeded");
            assertThat(entered).doesNotContain("RequestCutoverApproval");
            assertThat(runbook.inbox().await(n -> n.subject().contains("one-off-copy migration complete"), TIMEOUT).message())
                    .contains("(dms, full-load)", "516 rows on the source, 516 on the target");
        }
    }

    private static List<String> slots(LocalPostgres source) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = source.connect("fluxocaixa"); Statement statement = c.createStatement();
             ResultSet rows = statement.executeQuery("SELECT slot_name FROM pg_replication_slots ORDER BY 1")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
