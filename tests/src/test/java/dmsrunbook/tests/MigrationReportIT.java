package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dmsrunbook.deploy.AlertInbox.Notice;
import dmsrunbook.internal.Json;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.rehearsal.CashFlowSchema;
import dmsrunbook.rehearsal.DmsStandIn;
import dmsrunbook.rehearsal.LocalRunbook;
import dmsrunbook.report.ReportFiles;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The migration report, written by the real workflow on the local emulation: a successful execution's by
 * NotifyMigrationComplete, a failed one's by AlertOnCall, each in the stack's report bucket (moto's S3), its JSON's
 * SHA-256 in the SNS message and, for the success, in the execution's output.
 */
class MigrationReportIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @RegisterExtension
    static final LocalRunbookExtension runbook = new LocalRunbookExtension();

    @Test
    void successfulMigration_writesItsReport_withTheHashInTheOutputAndTheCompletionNotice() throws Exception {
        try (LocalPostgres source = LocalPostgres.startLogicalSource("source");
             LocalPostgres target = LocalPostgres.start("target", Map.of());
             DmsStandIn dms = new DmsStandIn(runbook.aws(), LocalRunbook.INSTANCE_IDENTIFIER, source, "fluxocaixa",
                     target, "fluxocaixa", CashFlowSchema.TABLES).attach("reported-copy")) {
            CashFlowDatabases.givenOnSourceWithSchemaOnTarget(source, target, 10, 500);
            String spec = MigrationSpecs.dms(runbook.get(), "reported-copy", "full-load", source, target, "fluxocaixa", "auto");

            String execution = runbook.executions().start("reported-copy-run", spec);
            var result = runbook.executions().awaitEnd(execution, TIMEOUT);

            assertThat(result.status()).as("cause: %s", result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
            JsonNode link = Json.tree(result.output()).at("/completion/report");
            String sha = link.path("sha256").asText();
            byte[] json = reportJson(execution);
            assertThat(sha).isEqualTo(ReportFiles.sha256(json));
            Notice notice = runbook.inbox().await(n -> n.subject().contains("reported-copy migration complete"), TIMEOUT);
            assertThat(notice.message()).contains("516 rows on the source", "Report: " + link.path("location").asText(), "SHA-256 " + sha);

            JsonNode report = Json.tree(new String(json));
            assertThat(report.path("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(report.path("phases").findValuesAsText("name")).containsSubsequence("ValidateMigrationSpec", "RunPreflightChecks",
                    "StartReplication", "CheckReplication", "PlanFinalDataValidation", "StopReplication", "NotifyMigrationComplete");
            assertThat(report.path("tables").findValuesAsText("table")).hasSize(CashFlowSchema.TABLES.size());
            assertThat(report.path("tables").findValues("sourceRows").stream().mapToLong(JsonNode::asLong).sum()).isEqualTo(516);
            assertThat(report.path("approval").path("approvedBy").asText()).isEqualTo("automatic (cutover policy auto)");
            assertThat(report.path("readOnlyWindowSeconds").isNumber()).isTrue();
            assertThat(report.path("cleanup").path("stopped").asBoolean()).isTrue();
            assertThat(report.path("cost").path("text").asText()).contains("dms.t3.medium", "USD");
            assertThat(report.path("validations").findValuesAsText("run")).contains("final");
            String html = runbook.aws().clients().s3().getObjectAsBytes(b -> b.bucket(reportBucket())
                    .key(key(execution, "report.html"))).asUtf8String();
            assertThat(html).contains("<svg id=\"timeline\"", "public.transacoes", sha);
        }
    }

    @Test
    void failedMigration_writesItsReport_andTheAlertLinksIt() throws Exception {
        try (LocalPostgres source = LocalPostgres.start("source-replica-wal", Map.of("wal_level", "replica"));
             LocalPostgres target = LocalPostgres.start("target", Map.of())) {
            source.createDatabase("shop");
            target.createDatabase("shop");
            source.execute("shop", "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric)");

            String execution = runbook.executions().start("reported-failure-run",
                    MigrationSpecs.dmsFullLoadAndCdc(runbook.get(), "reported-failure", source, target, "shop", "approval"));
            var result = runbook.executions().awaitEnd(execution, TIMEOUT);

            assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(result.error()).isEqualTo("dmsrunbook.error.PreflightFailedException");
            byte[] json = reportJson(execution);
            String sha = ReportFiles.sha256(json);
            Notice alert = runbook.inbox().await(n -> n.subject().contains("reported-failure FAILED in RunPreflightChecks"), TIMEOUT);
            assertThat(alert.message()).contains("Error: PreflightFailedException",
                    "Report: s3://" + reportBucket() + "/" + key(execution, "report.html"), "SHA-256 " + sha);
            JsonNode report = Json.tree(new String(json));
            assertThat(report.path("status").asText()).isEqualTo("FAILED");
            assertThat(report.path("failedPhase").asText()).isEqualTo("RunPreflightChecks");
            assertThat(report.path("cause").asText()).contains("FAIL source wal_level: is replica");
            assertThat(report.has("cleanup")).as("nothing was started, so nothing was cleaned up").isFalse();
            // the failed execution's last step kept the hash too
            assertThat(runbook.executions().history(execution).stream().filter(e -> e.stateExitedEventDetails() != null
                    && e.stateExitedEventDetails().name().equals("AlertOnCall")).map(e -> e.stateExitedEventDetails().output()).findFirst()
                    .orElseThrow()).contains(sha);
        }
    }

    private static byte[] reportJson(String execution) {
        return runbook.aws().clients().s3().getObjectAsBytes(b -> b.bucket(reportBucket()).key(key(execution, "report.json"))).asByteArray();
    }

    private static String reportBucket() {
        return runbook.get().deployment().physicalId("MigrationReportBucket");
    }

    private static String key(String executionArn, String name) {
        String[] parts = executionArn.split(":");
        return "reports/" + parts[6] + "/" + parts[7] + "/" + name;
    }
}
