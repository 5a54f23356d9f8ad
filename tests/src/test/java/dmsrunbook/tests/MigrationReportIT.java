package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dmsrunbook.cli.RunbookCommand;
import dmsrunbook.deploy.AlertInbox.Notice;
import dmsrunbook.internal.Json;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.rehearsal.CashFlowSchema;
import dmsrunbook.rehearsal.DmsStandIn;
import dmsrunbook.rehearsal.LocalRunbook;
import dmsrunbook.report.ReportFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The migration report, written by the real workflow on the local emulation: a successful execution's by
 * NotifyMigrationComplete, a failed one's by AlertOnCall, each in the stack's report bucket (moto's S3), its JSON's
 * SHA-256 in the SNS message and, for the success, in the execution's output; {@code runbook watch} following them
 * and {@code runbook report} fetching (or rebuilding) their reports, as on-call would.
 */
class MigrationReportIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @RegisterExtension
    static final LocalRunbookExtension runbook = new LocalRunbookExtension();

    @Test
    void successfulMigration_isWatchedLive_writesItsReport_withTheHashInTheOutputAndTheNotice_andReportFetchesOrRebuildsIt(@TempDir Path dir)
            throws Exception {
        try (LocalPostgres source = LocalPostgres.startLogicalSource("source");
             LocalPostgres target = LocalPostgres.start("target", Map.of());
             DmsStandIn dms = new DmsStandIn(runbook.aws(), LocalRunbook.INSTANCE_IDENTIFIER, source, "fluxocaixa",
                     target, "fluxocaixa", CashFlowSchema.TABLES).attach("reported-cdc")) {
            CashFlowDatabases.givenOnSourceWithSchemaOnTarget(source, target, 10, 500);
            String spec = MigrationSpecs.dmsFullLoadAndCdc(runbook.get(), "reported-cdc", source, target, "fluxocaixa", "approval");
            String execution = runbook.executions().start("reported-cdc-run", spec);

            // While it waits for the cutover's approval, the watch (not a terminal: plain lines) shows its phases, tables and lag
            runbook.inbox().await(n -> n.subject().contains("reported-cdc is in sync"), TIMEOUT);
            Cli watching = cli("watch", execution, "--interval", "1", "--timeout", "3");
            assertThat(watching.exit()).as(watching.output()).isZero();
            assertThat(watching.output()).contains("phase ValidateMigrationSpec done after", "phase CheckReplication done after",
                    "phase RequestCutoverApproval started at", "lag ", "(catch-up)", "stopped watching after 3 s")
                    .containsPattern("table public\\.transacoes +\\[#+-*\\] +\\d+%  \\d+ of ~\\d+ rows")
                    .doesNotContain("\u001b[");
            // each plain line once
            assertThat(watching.output().lines().filter(l -> l.startsWith("phase ValidateMigrationSpec done"))).hasSize(1);

            runbook.approveWhenAsked("reported-cdc", TIMEOUT);
            var result = runbook.executions().awaitEnd(execution, TIMEOUT);

            assertThat(result.status()).as("cause: %s", result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
            JsonNode link = Json.tree(result.output()).at("/completion/report");
            String sha = link.path("sha256").asText();
            byte[] json = reportJson(execution);
            assertThat(sha).isEqualTo(ReportFiles.sha256(json));
            Notice notice = runbook.inbox().await(n -> n.subject().contains("reported-cdc migration complete"), TIMEOUT);
            assertThat(notice.message()).contains("516 rows on the source", "Report: " + link.path("location").asText(), "SHA-256 " + sha);

            JsonNode report = Json.tree(new String(json, StandardCharsets.UTF_8));
            assertThat(report.path("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(report.path("phases").findValuesAsText("name")).containsSubsequence("ValidateMigrationSpec", "RunPreflightChecks",
                    "StartReplication", "CheckReplication", "RequestCutoverApproval", "CheckFinalSync", "StopReplication", "NotifyMigrationComplete");
            assertThat(report.path("tables").findValuesAsText("table")).hasSize(CashFlowSchema.TABLES.size());
            assertThat(report.path("tables").findValues("sourceRows").stream().mapToLong(JsonNode::asLong).sum()).isEqualTo(516);
            assertThat(report.path("tables").findValues("rowsLoaded").stream().mapToLong(JsonNode::asLong).sum()).isEqualTo(516);
            assertThat(report.path("lag").size()).isPositive();
            assertThat(report.path("approval").path("approvedBy").asText()).isEqualTo("integration test");
            assertThat(report.path("readOnlyWindowSeconds").isNumber()).isTrue();
            assertThat(report.path("cleanup").path("droppedSlots").toString()).contains("dms_stand_in_reported_cdc");
            assertThat(report.path("cost").path("text").asText()).contains("dms.t3.medium", "USD");
            assertThat(report.path("validations").findValuesAsText("run")).contains("in-flight", "final");

            // runbook report fetches it from the report bucket, byte for byte
            Path html = dir.resolve("report.html");
            Path copy = dir.resolve("report.json");
            Cli fetched = cli("report", execution, "-o", html.toString(), "--json", copy.toString());
            assertThat(fetched.exit()).as(fetched.output()).isZero();
            assertThat(fetched.output()).contains("from " + link.path("location").asText(), "sha256:  " + sha);
            assertThat(Files.readAllBytes(copy)).isEqualTo(json);
            assertThat(Files.readString(html)).contains("<svg id=\"timeline\"", "<svg id=\"lag\"", "public.transacoes", sha);
            ReportInBrowser.showsTheTablesAndTheLagChartWithItsPoints(html, report.path("lag").size(), dir);

            // and the watch of the ended execution says how it ended, exit 0
            Cli ended = cli("watch", execution, "--interval", "1");
            assertThat(ended.exit()).as(ended.output()).isZero();
            assertThat(ended.output()).contains("phase StopReplication done after", "execution SUCCEEDED");

            // Gone from the bucket, the report is rebuilt from the execution's history
            runbook.aws().clients().s3().deleteObject(b -> b.bucket(reportBucket()).key(key(execution, "report.json")));
            Cli rebuilt = cli("report", execution, "-o", dir.resolve("rebuilt.html").toString(), "--json", dir.resolve("rebuilt.json").toString());
            assertThat(rebuilt.exit()).as(rebuilt.output()).isZero();
            assertThat(rebuilt.output()).contains("rebuilt from the execution's history");
            JsonNode again = Json.tree(Files.readString(dir.resolve("rebuilt.json")));
            assertThat(again.path("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(again.path("approval").path("approvedBy").asText()).isEqualTo("integration test");
            assertThat(again.path("tables").size()).isEqualTo(CashFlowSchema.TABLES.size());
        }
    }

    @Test
    void failedMigration_writesItsReport_andTheAlertLinksIt_andWatchExits3(@TempDir Path dir) throws Exception {
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
            JsonNode report = Json.tree(new String(json, StandardCharsets.UTF_8));
            assertThat(report.path("status").asText()).isEqualTo("FAILED");
            assertThat(report.path("failedPhase").asText()).isEqualTo("RunPreflightChecks");
            assertThat(report.path("cause").asText()).contains("FAIL source wal_level: is replica");
            assertThat(report.has("cleanup")).as("nothing was started, so nothing was cleaned up").isFalse();
            // the failed execution's last step kept the hash too
            Cli watched = cli("watch", execution, "--interval", "1");
            assertThat(watched.exit()).as(watched.output()).isEqualTo(3);
            assertThat(watched.output()).contains("phase RunPreflightChecks FAILED after", "phase AlertOnCall done after", "execution FAILED");
            Cli fetched = cli("report", execution, "-o", dir.resolve("failed.html").toString());
            assertThat(fetched.exit()).as(fetched.output()).isZero();
            assertThat(Files.readString(dir.resolve("failed.html"))).contains("FAILED in RunPreflightChecks", sha);
            assertThat(runbook.executions().history(execution).stream().filter(e -> e.stateExitedEventDetails() != null
                    && e.stateExitedEventDetails().name().equals("AlertOnCall")).map(e -> e.stateExitedEventDetails().output()).findFirst()
                    .orElseThrow()).contains(sha);
        }
    }

    @Test
    void unknownExecution_isAFailureTheRunbookExplains(@TempDir Path dir) {
        String missing = runbook.get().deployment().physicalId("MigrationStateMachine").replace(":stateMachine:", ":execution:") + ":no-such-run";

        Cli report = cli("report", missing, "-o", dir.resolve("r.html").toString());

        assertThat(report.exit()).isEqualTo(3);
        assertThat(report.output()).contains("GetExecutionHistory", "no-such-run");
        assertThat(dir.resolve("r.html")).doesNotExist();
    }

    @Test
    void unreachableEndpoint_isReported_andPolledAgain_untilTheWatchTimesOut() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        StringWriter out = new StringWriter();
        int exit = RunbookCommand.run(new PrintWriter(out, true), new PrintWriter(out, true), "watch",
                "arn:aws:states:us-east-1:123456789012:execution:MigrationStateMachine:somewhere", "--interval", "1", "--timeout", "2",
                "--endpoint-url", "http://127.0.0.1:" + closedPort);

        assertThat(exit).as(out.toString()).isZero();
        assertThat(out.toString()).contains("Step Functions could not be reached", "polling again every 1 s", "stopped watching after 2 s");
    }

    /** A finished command line: its exit code and everything it printed. */
    record Cli(int exit, String output) {
    }

    private static Cli cli(String... args) {
        StringWriter out = new StringWriter();
        String[] withEndpoint = Stream.concat(Arrays.stream(args), Stream.of("--endpoint-url", runbook.aws().endpoint().toString()))
                .toArray(String[]::new);
        int exit = RunbookCommand.run(new PrintWriter(out, true), new PrintWriter(out, true), withEndpoint);
        return new Cli(exit, out.toString());
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
