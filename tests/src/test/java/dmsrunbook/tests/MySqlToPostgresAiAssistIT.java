package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.deploy.AlertInbox.Notice;
import dmsrunbook.deploy.CutoverApproval;
import dmsrunbook.deploy.LocalSecrets;
import dmsrunbook.internal.Json;
import dmsrunbook.local.BedrockStandIn;
import dmsrunbook.local.LocalMariaDb;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.mapping.TableMappings;
import dmsrunbook.rehearsal.DmsStandIn;
import dmsrunbook.rehearsal.LocalRunbook;
import dmsrunbook.rehearsal.ProjectRoot;
import dmsrunbook.testing.ProjectFiles;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The AI-assisted path through the whole state machine: a MariaDB shop with a procedure and a function that no
 * mechanical conversion carries, migrated with the example spec plus {@code schema.aiAssist}, on a stack deployed
 * with that model as its {@code AiAssistModelId}. The workflow asks the model once per object, the approval request
 * lists the proposals, the approver accepts the procedure only, and the cutover applies it: it is callable on the
 * target, the function is not there. EMULATED: moto has no Bedrock Converse; the local gateway's
 * {@link BedrockStandIn} answers (a rule-based rewrite that refuses a request without the source text), so this
 * proves the runbook's side, not a model's skill. The full load is the DMS stand-in's; no CDC from the binlog.
 */
class MySqlToPostgresAiAssistIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final String MODEL = "anthropic.claude-3-5-sonnet-20240620-v1:0";
    private static final String MIGRATION = "shop-ai-assisted";

    private static final String SHOP = """
            CREATE TABLE customers (
                id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
                email varchar(120) NOT NULL UNIQUE
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
            CREATE TABLE orders (
                id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
                customer_id int unsigned NOT NULL,
                total decimal(12,2) NOT NULL DEFAULT 0.00,
                ordered_at datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
                CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
            CREATE PROCEDURE add_order(IN p_customer int, IN p_total decimal(12,2))
            BEGIN
                INSERT INTO orders (customer_id, total) VALUES (p_customer, p_total);
            END;
            CREATE FUNCTION order_count(p_customer int) RETURNS int READS SQL DATA
                RETURN (SELECT COUNT(*) FROM orders WHERE customer_id = p_customer);
            INSERT INTO customers (email) SELECT concat('c', seq, '@shop.example') FROM seq_1_to_20;
            INSERT INTO orders (customer_id, total) SELECT 1 + seq % 20, seq * 2.5 FROM seq_1_to_100;
            """;

    private static LocalRunbook runbook;

    @BeforeAll
    static void deployWithTheModel() {
        runbook = LocalRunbook.start(ProjectRoot.find(), Map.of("AiAssistModelId", MODEL));
    }

    @AfterAll
    static void stop() {
        if (runbook != null) {
            runbook.close();
        }
    }

    @Test
    void theApproverAcceptsTheProcedure_theCutoverAppliesIt_andLeavesTheFunctionOut() throws Exception {
        try (LocalMariaDb source = LocalMariaDb.startBinlogSource("ai-shop-mariadb");
             LocalPostgres target = LocalPostgres.start("ai-shop-postgres", Map.of())) {
            // GIVEN the shop on MariaDB, an empty PostgreSQL database, and the example spec asking the stack's model
            source.createDatabase("shop");
            source.execute("shop", SHOP);
            target.createDatabase("shop");
            ObjectNode spec = spec(source, target);
            int askedBefore = runbook.aws().bedrock().requests().size();

            try (DmsStandIn dms = DmsStandIn.fromMariaDb(runbook.aws(), LocalRunbook.INSTANCE_IDENTIFIER, source, "shop", target, "shop",
                    TableMappings.parse(spec.get("tableMappings"))).attach(MIGRATION)) {
                String execution = runbook.executions().start(MIGRATION + "-run", Json.write(spec));
                Notice asked = runbook.inbox().await(n -> n.subject().contains(MIGRATION + " is in sync") || n.subject().contains(MIGRATION + " FAILED"),
                        TIMEOUT);
                assertThat(asked.subject()).as(asked.message()).contains("is in sync");

                // THEN the model was asked once for each, with its source text, and the request to approve names them
                List<BedrockStandIn.Asked> requests = runbook.aws().bedrock().requests().subList(askedBefore, runbook.aws().bedrock().requests().size());
                assertThat(requests).hasSize(2);
                assertThat(asked.message()).contains("procedure shop.add_order", "function shop.order_count", "--accept");
                assertThat(routines(target)).isEmpty();

                // WHEN on-call approves the cutover accepting the procedure only
                CutoverApproval.approve(runbook.aws().sfn(), CutoverApproval.taskToken(asked.message()).orElseThrow(), "integration test",
                        List.of("procedure shop.add_order"));
                var result = runbook.executions().awaitEnd(execution, TIMEOUT);

                // THEN the migration succeeds through ApplyAcceptedConversions, before the replication stops
                assertThat(result.status()).as("cause: %s", result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
                assertThat(runbook.executions().enteredStates(execution)).containsSubsequence("AssessSchema", "ProposeConversions",
                        "RequestCutoverApproval", "CarryOverSequencesAndViews", "ApplyAcceptedConversions", "StopReplication",
                        "MigrationSucceeded");
                assertThat(runbook.aws().bedrock().requests()).as("nothing asked twice").hasSize(askedBefore + 2);
            }

            // AND the accepted procedure is on the target and works on the migrated rows; the function was not accepted
            assertThat(routines(target)).containsExactly("add_order");
            try (Connection pg = target.connect("shop"); Statement statement = pg.createStatement()) {
                String schema = schemaOf(pg, "add_order");
                statement.execute("CALL " + schema + ".add_order(1, 12.50)");
                try (ResultSet row = statement.executeQuery("SELECT count(*), max(total) FILTER (WHERE total = 12.50) FROM public.orders")) {
                    row.next();
                    assertThat(row.getLong(1)).isEqualTo(101);
                    assertThat(row.getString(2)).isEqualTo("12.50");
                }
            }
        }
    }

    private static ObjectNode spec(LocalMariaDb source, LocalPostgres target) {
        ObjectNode spec = (ObjectNode) ProjectFiles.json("events/specs/mysql-to-postgres.json");
        spec.put("migrationId", MIGRATION);
        String sourceSecret = LocalSecrets.put(runbook.aws(), "dms-runbook/ai-shop-source", LocalMariaDb.ROOT, LocalMariaDb.PASSWORD,
                source.host(), source.port());
        String targetSecret = LocalSecrets.put(runbook.aws(), "dms-runbook/ai-shop-target", LocalPostgres.SUPERUSER, LocalPostgres.PASSWORD,
                target.host(), target.port());
        ((ObjectNode) spec.get("source")).put("engine", "mariadb").put("host", source.host()).put("port", source.port())
                .put("sslMode", "none").put("secretArn", sourceSecret);
        ((ObjectNode) spec.get("target")).put("host", target.host()).put("port", target.port()).put("sslMode", "none")
                .put("secretArn", targetSecret);
        ((ObjectNode) spec.get("dms")).put("replicationInstanceArn", runbook.replicationInstanceArn());
        spec.remove("conversion");
        spec.putObject("schema").put("mode", "apply").putObject("aiAssist").put("modelId", MODEL).put("region", "us-east-1");
        spec.putObject("thresholds").put("cdcLatencySeconds", 5).put("stableForSeconds", 2).put("pollIntervalSeconds", 1)
                .put("maxWaitSeconds", 300);
        spec.putObject("cutover").put("policy", "approval").put("approvalTimeoutSeconds", 300);
        return spec;
    }

    private static List<String> routines(LocalPostgres target) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection pg = target.connect("shop"); Statement statement = pg.createStatement();
             ResultSet rows = statement.executeQuery("SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                     + "WHERE p.proname IN ('add_order', 'order_count') ORDER BY 1")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static String schemaOf(Connection pg, String routine) throws Exception {
        try (Statement statement = pg.createStatement(); ResultSet row = statement.executeQuery("SELECT n.nspname FROM pg_proc p "
                + "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.proname = '" + routine + "'")) {
            row.next();
            return row.getString(1);
        }
    }
}
