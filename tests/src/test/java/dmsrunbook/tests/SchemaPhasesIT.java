package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.database.postgres.PostgresCutoverObjects;
import dmsrunbook.deploy.AlertInbox.Notice;
import dmsrunbook.internal.Json;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.rehearsal.CashFlowSchema;
import dmsrunbook.rehearsal.DmsStandIn;
import dmsrunbook.rehearsal.LocalRunbook;
import dmsrunbook.rehearsal.RehearsalSpec;
import dmsrunbook.testing.RichSourceSchema;
import dmsrunbook.testing.SchemaDump;
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
 * The target's schema made by the workflow itself (schema.mode apply), end to end in the real state machine: the rich
 * schema (partitions, domains, enums, standalone sequences, materialized views, triggers, rules, odd names) through
 * pre-data, native replication, post-data and the cutover ends on a target equal to the source and ready for the
 * application's writes; the DMS path leaves the tables DMS finds as the workflow prepared them; DDL on the source
 * while the cutover waits stops it with an alert naming the object.
 */
class SchemaPhasesIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(4);
    private static final String DB = "shopdb";

    @RegisterExtension
    static final LocalRunbookExtension runbook = new LocalRunbookExtension();

    @Test
    void richSchema_nativeEngine_targetBuiltByTheWorkflow_equalsTheSource_andTakesTheApplicationsFirstWrites() throws Exception {
        try (LocalPostgres source = LocalPostgres.startLogicalSource("rich-source");
             LocalPostgres target = LocalPostgres.start("rich-target", Map.of("wal_receiver_status_interval", "1s"))) {
            // GIVEN the rich schema with its rows on the source, and an empty target database
            source.createDatabase(DB);
            target.createDatabase(DB);
            RichSourceSchema.load(source, DB);
            String spec = richSpec("rich-native", source, target);

            // WHEN the migration runs
            String execution = runbook.executions().start("rich-native-run", spec);
            var result = runbook.executions().awaitEnd(execution, TIMEOUT);

            // THEN it succeeds through the schema phases, in the runbook's order
            assertThat(result.status()).as("cause: %s", result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(runbook.executions().enteredStates(execution)).containsSubsequence("RunPreflightChecks", "PrepareTargetSchema",
                    "StartReplication", "CheckReplication", "IsReplicationInSync?", "FinishTargetSchema", "IsTargetSchemaFinished?",
                    "CheckSourceSchemaBeforeApproval", "PlanDataValidation", "CheckFinalSync", "CheckSourceSchemaAtCutover",
                    "ConcludeFinalDataValidation", "CarryOverSequencesAndViews", "StopReplication", "MigrationSucceeded");

            // AND the target's schema is the source's, as pg_dump --schema-only writes both
            assertThat(SchemaDump.of(target, DB)).containsExactlyElementsOf(SchemaDump.of(source, DB));
            // AND every sequence stands where the source's does (standalone, unused, counting down, odd names)
            try (Connection s = source.connect(DB); Connection t = target.connect(DB)) {
                assertThat(PostgresCutoverObjects.readSequences(t, RichSourceSchema.SCHEMAS))
                        .hasSize(13).isEqualTo(PostgresCutoverObjects.readSequences(s, RichSourceSchema.SCHEMAS));
            }
            // AND the materialized views hold what the source's do
            for (String view : List.of("daily_revenue", "best_day", "status_counts")) {
                String contents = "SELECT string_agg(v::text, ';' ORDER BY v::text) FROM shop." + view + " v";
                assertThat(query(target, contents)).as(view).isNotEmpty().isEqualTo(query(source, contents));
            }
            // AND the application's first insert succeeds on every table a sequence feeds
            assertThat(query(target, RichSourceSchema.TABLES_FED_BY_SEQUENCES)).containsExactlyInAnyOrderElementsOf(
                    RichSourceSchema.FIRST_INSERTS.keySet().stream().map(key -> key.substring(0, key.lastIndexOf('='))).distinct().toList());
            List<String> got = new ArrayList<>();
            for (Map.Entry<String, String> first : RichSourceSchema.FIRST_INSERTS.entrySet()) {
                got.add(first.getKey().substring(0, first.getKey().lastIndexOf('=') + 1) + query(target, first.getValue()).get(0));
            }
            assertThat(got).containsExactlyElementsOf(RichSourceSchema.FIRST_INSERTS.keySet());

            // AND the completion report says what the cutover carried over
            Notice report = runbook.inbox().await(n -> n.subject().contains("rich-native migration complete"), TIMEOUT);
            assertThat(report.message()).contains("Sequences moved forward on the target: 13.", "Materialized views refreshed: 3.",
                    "shop.daily_revenue", "\"Odd.Schema \"\"Q\"\"\".\"Mixed.Seq \"\"X\"\"\" -> 900 (next) (source sequence)");
            // AND the post-data phase named the triggers of the replicated tables, none firing for the subscription's rows
            assertThat(outputOf("FinishTargetSchemaFunction", "rich-native-run")).contains("\"triggers\":["
                    + "\"events_stamp on shop.events (does not fire for replicated rows)\","
                    + "\"order_lines_audit on shop.order_lines (does not fire for replicated rows)\","
                    + "\"orders_touch on shop.orders (does not fire for replicated rows)\"]");
        }
    }

    @Test
    void dmsEngine_schemaApplied_dmsLeavesThePreparedTablesAsTheyAre_andTheTargetEndsWithTheSourcesSchema() throws Exception {
        try (LocalPostgres source = LocalPostgres.startLogicalSource("dms-schema-source");
             LocalPostgres target = LocalPostgres.start("dms-schema-target", Map.of())) {
            source.createDatabase(CashFlowDatabases.NAME);
            target.createDatabase(CashFlowDatabases.NAME);
            try (Connection s = source.connect(CashFlowDatabases.NAME)) {
                CashFlowSchema.create(s);
                CashFlowSchema.seed(s, 20, 400);
            }
            // A spec that leaves TargetTablePrepMode to the runbook (DMS's own default would drop the prepared tables)
            ObjectNode spec = (ObjectNode) Json.tree(MigrationSpecs.dms(runbook.get(), "dms-schema", "full-load-and-cdc", source, target,
                    CashFlowDatabases.NAME, "auto"));
            ((ObjectNode) spec.get("dms")).remove("taskSettings");
            spec.putObject("schema").put("mode", "apply");

            try (DmsStandIn dms = new DmsStandIn(runbook.aws(), LocalRunbook.INSTANCE_IDENTIFIER, source, CashFlowDatabases.NAME,
                    target, CashFlowDatabases.NAME, CashFlowSchema.TABLES).attach("dms-schema")) {
                String execution = runbook.executions().start("dms-schema-run", Json.write(spec));
                var result = runbook.executions().awaitEnd(execution, TIMEOUT);

                assertThat(result.status()).as("cause: %s", result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
                assertThat(runbook.executions().enteredStates(execution)).containsSubsequence("PrepareTargetSchema", "StartReplication",
                        "FinishTargetSchema", "CheckSourceSchemaBeforeApproval", "CheckSourceSchemaAtCutover", "CarryOverSequencesAndViews");
                // The task was created to leave the tables alone, and the stand-in (as DMS) did
                JsonNode created = runbook.aws().dmsGaps().requests("CreateReplicationTask").stream()
                        .filter(r -> r.path("ReplicationTaskIdentifier").asText().equals("dms-schema")).findFirst().orElseThrow();
                assertThat(Json.tree(created.path("ReplicationTaskSettings").asText()).at("/FullLoadSettings/TargetTablePrepMode").asText())
                        .isEqualTo("DO_NOTHING");
                assertThat(dms.prepMode()).isEqualTo("DO_NOTHING");
            }
            assertThat(SchemaDump.of(target, CashFlowDatabases.NAME)).containsExactlyElementsOf(SchemaDump.of(source, CashFlowDatabases.NAME));
            assertThat(query(target, CashFlowDatabases.NAME, "SELECT nextval('transacoes_id_seq') > (SELECT max(id) FROM transacoes)"))
                    .containsExactly("t");
            // DMS writes as an ordinary session here: the report says the trigger the post-data part created fires for its rows
            assertThat(outputOf("FinishTargetSchemaFunction", "dms-schema-run"))
                    .contains("trg_transacoes_atualizacao on public.transacoes (fires for replicated rows)");
        }
    }

    @Test
    void ddlOnTheSourceWhileTheCutoverAwaitsApproval_stopsTheCutover_withAnAlertNamingTheObject() throws Exception {
        try (LocalPostgres source = LocalPostgres.startLogicalSource("ddl-source");
             LocalPostgres target = LocalPostgres.start("ddl-target", Map.of("wal_receiver_status_interval", "1s"))) {
            source.createDatabase(CashFlowDatabases.NAME);
            target.createDatabase(CashFlowDatabases.NAME);
            try (Connection s = source.connect(CashFlowDatabases.NAME)) {
                CashFlowSchema.create(s);
                CashFlowSchema.seed(s, 20, 400);
            }
            String spec = RehearsalSpec.of(runbook.get(), "ddl-during", "postgres-native", source, target, CashFlowDatabases.NAME, "approval");
            String execution = runbook.executions().start("ddl-during-run", spec);

            // WHEN a deployment changes the source's schema while on-call is asked to approve the cutover
            runbook.inbox().await(n -> n.subject().contains("ddl-during is in sync"), TIMEOUT);
            source.execute(CashFlowDatabases.NAME, "ALTER TABLE transacoes ADD COLUMN nota text");
            runbook.approveWhenAsked("ddl-during", TIMEOUT);

            // THEN the cutover stops before anything is carried over or stopped, naming the new column
            var result = runbook.executions().awaitEnd(execution, TIMEOUT);
            assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(result.error()).isEqualTo("dmsrunbook.error.SourceSchemaChangedException");
            assertThat(result.cause()).contains("missing on the target: column public.transacoes.nota (text)");
            Notice alert = runbook.inbox().await(n -> n.subject().contains("ddl-during FAILED in CheckSourceSchemaAtCutover"), TIMEOUT);
            assertThat(alert.message()).contains("The source's schema changed since", "column public.transacoes.nota",
                    "neither DMS nor logical replication carries DDL whole");
            assertThat(runbook.executions().enteredStates(execution)).contains("CheckSourceSchemaBeforeApproval")
                    .doesNotContain("CarryOverSequencesAndViews", "StopReplication");
        }
    }

    /** The rich schemas selected (the unlogged sessions table left out: logical replication cannot publish it). */
    private static String richSpec(String migrationId, LocalPostgres source, LocalPostgres target) {
        ObjectNode spec = (ObjectNode) Json.tree(RehearsalSpec.of(runbook.get(), migrationId, "postgres-native", source, target, DB, "auto"));
        spec.remove("validation"); // the rehearsal's invariants query the cash-flow schema, which this source does not have
        ArrayNode rules = ((ObjectNode) spec.get("tableMappings")).putArray("rules");
        for (String schema : RichSourceSchema.SCHEMAS) {
            ObjectNode rule = rules.addObject().put("rule-type", "selection").put("rule-id", String.valueOf(rules.size()))
                    .put("rule-name", "schema " + rules.size()).put("rule-action", "include");
            rule.putObject("object-locator").put("schema-name", schema).put("table-name", "%");
        }
        ObjectNode exclude = rules.addObject().put("rule-type", "selection").put("rule-id", String.valueOf(rules.size()))
                .put("rule-name", "unlogged sessions").put("rule-action", "exclude");
        exclude.putObject("object-locator").put("schema-name", "shop").put("table-name", "sessions");
        return Json.write(spec);
    }

    /** What the function answered in the execution (the last invocation whose input names it). */
    private static String outputOf(String function, String executionName) {
        return runbook.aws().gateway().invocations().stream()
                .filter(i -> i.function().equals(function) && i.input().contains(executionName))
                .reduce((first, second) -> second).map(i -> i.output()).orElseThrow();
    }

    private static List<String> query(LocalPostgres cluster, String sql) throws Exception {
        return query(cluster, DB, sql);
    }

    private static List<String> query(LocalPostgres cluster, String database, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = cluster.connect(database); Statement statement = c.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
