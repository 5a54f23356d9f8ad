package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.cli.RunbookCommand;
import dmsrunbook.deploy.AlertInbox.Notice;
import dmsrunbook.deploy.CutoverApproval;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.rehearsal.CashFlowSchema;
import dmsrunbook.rehearsal.LocalRunbook;
import dmsrunbook.rehearsal.RehearsalSpec;
import dmsrunbook.rehearsal.WriteWorkload;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The native engine under stress: data really moves here (PostgreSQL logical replication between two clusters), so
 * these stories check the data itself, and that nothing is left on the source afterwards.
 */
class NativeReplicationIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final String DB = "fluxocaixa";

    @RegisterExtension
    static final LocalRunbookExtension runbook = new LocalRunbookExtension();

    @Test
    void workloadKilledMidCdc_andTheCheckLoopRestarted_losesNothing() throws Exception {
        try (LocalPostgres source = LocalPostgres.startLogicalSource("source");
             LocalPostgres target = LocalPostgres.start("target", Map.of("wal_receiver_status_interval", "1s"));
             WriteWorkload workload = new WriteWorkload(source, DB, 80)) {
            givenCashFlow(source, target, 10_000);
            String spec = RehearsalSpec.of(runbook.get(), "killed-mid-cdc", "postgres-native", source, target, DB, "approval");
            workload.start();
            String first = runbook.executions().start("killed-mid-cdc-1", spec);
            runbook.executions().awaitEntered(first, "IsReplicationInSync?", TIMEOUT);

            // When the application crashes mid-write and the orchestration's check loop dies with it
            workload.kill();
            runbook.aws().sfn().stopExecution(b -> b.executionArn(first).error("Crash").cause("orchestrator restarted by the test"));
            try (WriteWorkload afterCrash = new WriteWorkload(source, DB, 80).start()) {
                String second = runbook.executions().start("killed-mid-cdc-2", spec);
                approveWhenAsked("killed-mid-cdc", afterCrash);

                // Then the restarted workflow resumes the same subscription and ends with identical data
                var result = runbook.executions().awaitEnd(second, TIMEOUT);
                assertThat(result.status()).as("cause: %s", result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
                assertThat(runbook.aws().gateway().invocations().stream()
                        .filter(i -> i.function().equals("StartReplicationFunction") && i.input().contains("killed-mid-cdc-2"))
                        .map(i -> i.output())).anyMatch(o -> o.contains("\"startKind\":\"ALREADY_RUNNING\""));
            }
            for (String table : CashFlowSchema.TABLES) {
                assertThat(fingerprint(target, table)).as(table).isEqualTo(fingerprint(source, table));
            }
            assertThat(query(source, "SELECT slot_name FROM pg_replication_slots")).isEmpty();
            assertThat(query(source, "SELECT pubname FROM pg_publication")).isEmpty();
            assertThat(query(target, "SELECT subname FROM pg_subscription")).isEmpty();
        }
    }

    @Test
    void rejectedCutover_failsTheRun_andCleanupLeavesNoSlotPublicationOrSubscription() throws Exception {
        try (LocalPostgres source = LocalPostgres.startLogicalSource("source");
             LocalPostgres target = LocalPostgres.start("target", Map.of("wal_receiver_status_interval", "1s"))) {
            givenCashFlow(source, target, 2_000);
            String spec = RehearsalSpec.of(runbook.get(), "rejected-cutover", "postgres-native", source, target, DB, "approval");
            String execution = runbook.executions().start("rejected-cutover-1", spec);
            Notice request = runbook.inbox().await(n -> n.subject().contains("rejected-cutover is in sync"), TIMEOUT);
            CutoverApproval.reject(runbook.aws().sfn(), CutoverApproval.taskToken(request.message()).orElseThrow(), "not tonight");

            var result = runbook.executions().awaitEnd(execution, TIMEOUT);
            assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(result.error()).isEqualTo("CutoverRejected");
            runbook.inbox().await(n -> n.subject().contains("rejected-cutover FAILED in RequestCutoverApproval"), TIMEOUT);
            assertThat(query(source, "SELECT slot_name FROM pg_replication_slots")).containsExactly("dmsrunbook_rejected_cutover");

            // When on-call cleans up the failed run
            Path specFile = Files.createTempFile("rejected-cutover", ".json");
            Files.writeString(specFile, spec);
            StringWriter out = new StringWriter();
            int exit = RunbookCommand.run(new PrintWriter(out, true), new PrintWriter(out, true),
                    "cleanup", specFile.toString(), "--endpoint-url", runbook.aws().endpoint().toString());

            // Then nothing is left to retain WAL
            assertThat(exit).as(out.toString()).isZero();
            assertThat(out.toString()).contains("slots dropped [dmsrunbook_rejected_cutover]", "publications dropped [dmsrunbook_rejected_cutover]");
            assertThat(query(source, "SELECT slot_name FROM pg_replication_slots")).isEmpty();
            assertThat(query(source, "SELECT pubname FROM pg_publication")).isEmpty();
            assertThat(query(target, "SELECT subname FROM pg_subscription")).isEmpty();
        }
    }

    /** The cash-flow database on the source, and an empty one on the target: the workflow creates its schema (schema.mode apply). */
    private static void givenCashFlow(LocalPostgres source, LocalPostgres target, int transactions) throws Exception {
        source.createDatabase(DB);
        target.createDatabase(DB);
        try (Connection s = source.connect(DB)) {
            CashFlowSchema.create(s);
            CashFlowSchema.seed(s, 100, transactions);
        }
    }

    /** On-call's move: the application goes read-only when the cutover is requested, then the approval. */
    private static void approveWhenAsked(String migrationId, WriteWorkload workload) {
        runbook.inbox().await(n -> n.subject().contains(migrationId + " is in sync"), TIMEOUT);
        workload.stop();
        runbook.approveWhenAsked(migrationId, TIMEOUT);
    }

    /** The table's whole content, ordered by key, as one hash: equal fingerprints, equal tables. */
    private static String fingerprint(LocalPostgres cluster, String table) throws Exception {
        return query(cluster, "SELECT count(*) || ':' || md5(COALESCE(string_agg(t::text, '|' ORDER BY t.id), '')) FROM " + table + " t").get(0);
    }

    private static List<String> query(LocalPostgres cluster, String sql) throws Exception {
        List<String> values = new java.util.ArrayList<>();
        try (Connection c = cluster.connect(DB); Statement statement = c.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
