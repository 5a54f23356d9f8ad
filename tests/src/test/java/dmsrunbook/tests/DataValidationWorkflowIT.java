package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.deploy.AlertInbox.Notice;
import dmsrunbook.internal.Json;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.rehearsal.CashFlowSchema;
import dmsrunbook.rehearsal.RehearsalSpec;
import dmsrunbook.rehearsal.SchemaCopy;
import dmsrunbook.rehearsal.WriteWorkload;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The data validation gating the cutover, on the real state machine with the native engine (data really moves between
 * two PostgreSQL clusters): a difference on the target refuses the cutover and alerts with the table and its keys; a
 * table larger than a work item is diffed as several Map items whose results combine; a difference that is only a change
 * in flight while the application writes is re-checked after a wait, resolves, and does not block.
 */
class DataValidationWorkflowIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(4);
    private static final String DB = CashFlowDatabases.NAME;

    @RegisterExtension
    static final LocalRunbookExtension runbook = new LocalRunbookExtension();

    @Test
    void rowsChangedOnTheTargetDuringTheApproval_refuseTheCutover_andTheAlertNamesTheTableAndTheKeys_neverTheValues() throws Exception {
        try (LocalPostgres source = LocalPostgres.startLogicalSource("source");
             LocalPostgres target = LocalPostgres.start("target", Map.of("wal_receiver_status_interval", "1s"))) {
            givenCashFlow(source, target, 2_000);
            String execution = runbook.executions().start("planted-difference-1",
                    RehearsalSpec.of(runbook.get(), "planted-difference", "postgres-native", source, target, DB, "approval"));

            // GIVEN the in-flight validation passed (the approval request says so)
            Notice request = runbook.inbox().await(n -> n.subject().contains("planted-difference is in sync"), TIMEOUT);
            assertThat(request.message()).contains("Data validated while the application writes: 3 of 3 tables equal",
                    "2 of 2 invariants hold");

            // WHEN a job writes to the target while on-call approves: two amounts changed, a user added
            target.execute(DB, "UPDATE transacoes SET valor = valor + 0.01 WHERE id IN (7, 1234);"
                    + "INSERT INTO usuarios (id, nome, email) VALUES (900001, 'Fantasma', 'fantasma@exemplo.com')");
            runbook.approveWhenAsked("planted-difference", TIMEOUT);

            // THEN the final validation refuses the cutover: nothing is moved or stopped
            DescribeExecutionResponse result = runbook.executions().awaitEnd(execution, TIMEOUT);
            assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(result.error()).isEqualTo("dmsrunbook.error.DataMismatchException");
            assertThat(result.cause()).contains("The data differs at the final validation: 1 of 3 tables equal",
                    "public.transacoes: different (checksums, 2000 rows on the source, 2000 on the target): 2 changed (keys 7 [valor, atualizado_em], "
                            + "1234 [valor, atualizado_em])",
                    "public.usuarios: different", "1 extra on the target (keys 900001)", "invariant FAIL balance per user",
                    "Fix: do not switch the application to the target");
            assertThat(result.cause()).doesNotContain("Fantasma", "fantasma@exemplo.com");
            List<String> entered = runbook.executions().enteredStates(execution);
            assertThat(entered).contains("ConcludeFinalDataValidation").doesNotContain("CarryOverSequencesAndViews", "StopReplication");

            // AND on-call gets one alert naming the phase, the tables and their keys
            Notice alert = runbook.inbox().await(n -> n.subject().contains("planted-difference FAILED in ConcludeFinalDataValidation"), TIMEOUT);
            assertThat(alert.message()).contains("Error: DataMismatchException", "public.transacoes", "7 [valor, atualizado_em], 1234 [valor, atualizado_em]",
                    "public.usuarios", "keys 900001", "Full report: s3://validationbucket/validation/MigrationStateMachine/planted-difference-1/final/report.json");
            assertThat(alert.message()).doesNotContain("Fantasma");

            // AND the report in the validation bucket is the evidence, keys without values
            JsonNode report = report("planted-difference-1", "final");
            assertThat(verdicts(report)).containsEntry("public.transacoes", "different").containsEntry("public.usuarios", "different")
                    .containsEntry("public.categorias", "equal");
            assertThat(report.toString()).doesNotContain("Fantasma");
        }
    }

    @Test
    void tableLargerThanAWorkItem_isDiffedAsSeveralMapItems_whoseResultsCombineToOneEqualVerdict() throws Exception {
        try (LocalPostgres source = LocalPostgres.startLogicalSource("source");
             LocalPostgres target = LocalPostgres.start("target", Map.of("wal_receiver_status_interval", "1s"))) {
            givenCashFlow(source, target, 3_000);
            ObjectNode spec = (ObjectNode) Json.tree(RehearsalSpec.of(runbook.get(), "split-table", "postgres-native", source, target, DB, "auto"));
            ((ObjectNode) spec.get("validation")).put("maxRowsPerItem", 700).put("maxConcurrency", 3);

            String execution = runbook.executions().start("split-table-1", spec.toString());
            DescribeExecutionResponse result = runbook.executions().awaitEnd(execution, TIMEOUT);

            assertThat(result.status()).as("cause: %s", result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
            JsonNode output = Json.tree(result.output());
            // transacoes' 3,000 rows are cut into key ranges of about 700: five items of one range each, and one for the others
            for (String run : List.of("dataValidation", "finalDataValidation")) {
                JsonNode validation = output.path(run);
                assertThat(validation.path("splitTables").asInt()).as(run).isEqualTo(1);
                assertThat(validation.path("itemsPlanned").asInt()).as(run).isEqualTo(6);
                assertThat(validation.path("equalTables").asInt()).as(run).isEqualTo(3);
                assertThat(validation.path("sourceRows").asLong()).as(run).isEqualTo(validation.path("targetRows").asLong());
            }
            List<JsonNode> ranges = new ArrayList<>();
            for (int item = 0; item < 6; item++) {
                JsonNode requests = object("validation/MigrationStateMachine/split-table-1/final/items/" + item + ".json");
                requests.forEach(r -> {
                    if (r.path("source").path("table").asText().equals("transacoes")) {
                        ranges.add(r.path("range"));
                    }
                });
            }
            assertThat(ranges).hasSize(5);
            assertThat(ranges.get(0).has("after")).as("the first range starts at the table's start").isFalse();
            assertThat(ranges.get(4).has("through")).as("the last range runs to the table's end").isFalse();
            JsonNode transacoes = table(report("split-table-1", "final"), "public.transacoes");
            assertThat(transacoes.path("verdict").asText()).isEqualTo("equal");
            assertThat(transacoes.path("result").path("sourceRows").asLong()).isEqualTo(3_000);
            assertThat(transacoes.path("result").path("range").isEmpty()).as("the combined result spans the whole table").isTrue();

            Notice report = runbook.inbox().await(n -> n.subject().contains("split-table migration complete"), TIMEOUT);
            assertThat(report.message()).contains("Data validated after the final sync: 3 of 3 tables equal", "2 of 2 invariants hold",
                    "Validation report: s3://validationbucket/validation/MigrationStateMachine/split-table-1/final/report.json");
        }
    }

    @Test
    void changeStillInFlightAtTheFirstPass_isRecheckedAfterAWait_andResolves_whileTheApplicationWrites() throws Exception {
        try (LocalPostgres source = LocalPostgres.startLogicalSource("source");
             LocalPostgres target = LocalPostgres.start("target", Map.of("wal_receiver_status_interval", "1s"));
             WriteWorkload workload = new WriteWorkload(source, DB, 40)) {
            givenCashFlow(source, target, 5_000);
            ObjectNode spec = (ObjectNode) Json.tree(RehearsalSpec.of(runbook.get(), "in-flight", "postgres-native", source, target, DB, "approval"));
            ((ObjectNode) spec.get("thresholds")).put("stableForSeconds", 8);
            workload.start();
            String execution = runbook.executions().start("in-flight-1", spec.toString());

            // GIVEN the initial copy is done, and then the target's apply is held up behind a lock, so the application's
            // changes (a renamed category among them) are still in flight when the in-flight validation first looks
            awaitCopied(target);
            try (Connection holder = target.connect(DB); Statement lock = holder.createStatement()) {
                holder.setAutoCommit(false);
                lock.execute("LOCK TABLE categorias IN SHARE MODE");
                source.execute(DB, "UPDATE categorias SET nome = 'Mercado e feira' WHERE id = 3");
                runbook.executions().awaitEntered(execution, "WaitBeforeRecheckingData", TIMEOUT);
                // WHEN replication catches up during the wait before the re-check
                holder.commit();
            }

            // THEN the re-check finds the same data on both sides, and the cutover is requested
            Notice request = runbook.inbox().await(n -> n.subject().contains("in-flight is in sync"), TIMEOUT);
            assertThat(request.message()).contains("differed while changes were in flight and were equal on re-check");
            workload.stop();
            runbook.approveWhenAsked("in-flight", TIMEOUT);
            DescribeExecutionResponse result = runbook.executions().awaitEnd(execution, TIMEOUT);
            assertThat(result.status()).as("cause: %s", result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
            JsonNode inFlight = Json.tree(result.output()).path("dataValidation");
            assertThat(inFlight.path("equalTables").asInt()).isEqualTo(3);
            assertThat(inFlight.path("resolvedOnRecheck").asInt()).isGreaterThanOrEqualTo(1);
            JsonNode categorias = table(report("in-flight-1", "in-flight"), "public.categorias");
            assertThat(categorias.path("verdict").asText()).isEqualTo("equal");
            assertThat(categorias.path("result").path("rechecks").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(Json.tree(result.output()).path("finalDataValidation").path("summary").asText()).startsWith("3 of 3 tables equal");
        }
    }

    private static void givenCashFlow(LocalPostgres source, LocalPostgres target, int transactions) throws Exception {
        source.createDatabase(DB);
        target.createDatabase(DB);
        try (Connection s = source.connect(DB)) {
            CashFlowSchema.create(s);
            CashFlowSchema.seed(s, 100, transactions);
        }
        SchemaCopy.apply(source, target, DB);
    }

    /** Waits until the subscription copied every table and streams changes. */
    private static void awaitCopied(LocalPostgres target) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = target.connect(DB); Statement s = c.createStatement();
                 ResultSet row = s.executeQuery("SELECT count(*) FILTER (WHERE srsubstate = 'r'), count(*) FROM pg_subscription_rel")) {
                row.next();
                if (row.getInt(2) == CashFlowSchema.TABLES.size() && row.getInt(1) == row.getInt(2)) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the subscription never finished its initial copy");
    }

    private static JsonNode report(String execution, String run) {
        return object("validation/MigrationStateMachine/" + execution + "/" + run + "/report.json");
    }

    private static JsonNode object(String key) {
        String bucket = runbook.get().deployment().physicalId("ValidationBucket");
        return Json.tree(runbook.aws().s3().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String());
    }

    private static JsonNode table(JsonNode report, String sourceTable) {
        return StreamSupport.stream(report.path("tables").spliterator(), false)
                .filter(t -> t.path("sourceTable").asText().equals(sourceTable)).findFirst()
                .orElseThrow(() -> new AssertionError(sourceTable + " is not in the report " + report));
    }

    private static Map<String, String> verdicts(JsonNode report) {
        Map<String, String> verdicts = new java.util.TreeMap<>();
        report.path("tables").forEach(t -> verdicts.put(t.path("sourceTable").asText(), t.path("verdict").asText()));
        return verdicts;
    }
}
