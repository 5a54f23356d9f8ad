package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dmsrunbook.database.mysql.MySqlTargetSchema;
import dmsrunbook.database.postgres.PostgresSchemaApplier;
import com.fasterxml.jackson.databind.JsonNode;
import dmsrunbook.deploy.Deployment;
import dmsrunbook.deploy.LocalAws;
import dmsrunbook.deploy.LocalDeployment;
import dmsrunbook.internal.Json;
import dmsrunbook.rehearsal.ProjectRoot;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import dmsrunbook.deploy.LocalSecrets;
import dmsrunbook.error.ConversionNotAppliedException;
import dmsrunbook.local.BedrockStandIn;
import dmsrunbook.local.LocalMariaDb;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.mapping.TableMappings;
import dmsrunbook.schema.SchemaPlan;
import dmsrunbook.schema.SchemaSection;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.spec.SpecReader;
import dmsrunbook.workflow.AppliedConversions;
import dmsrunbook.workflow.ConversionAcceptance;
import dmsrunbook.workflow.ConversionProposalsOutcome;
import dmsrunbook.workflow.MigrationWorkflow;
import dmsrunbook.workflow.PhaseRequest;
import dmsrunbook.workflow.RunbookServices;
import dmsrunbook.workflow.RunbookSettings;
import dmsrunbook.workflow.WorkflowState;
import java.io.IOException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.BedrockRuntimeException;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The AI-assisted conversion from proposal to approval to applied code, on a real MariaDB source (the conversion tests'
 * shop: a view, a procedure, a function, a trigger, an event) and a real PostgreSQL target holding the converted
 * tables, with the workflow's own phases (ProposeConversions, ApplyAcceptedConversions) and S3 in moto. THE MODEL IS
 * EMULATED: moto has no Bedrock Converse, so the local gateway's {@link BedrockStandIn}, a small rule-based rewrite
 * that refuses requests without the source text, answers as the model; what is proven here is the runbook's side
 * (what it asks, what it keeps, what it applies and what it refuses), not any model's skill.
 */
class AiAssistedConversionIT {

    private static final String MODEL = "anthropic.claude-3-5-sonnet-20240620-v1:0";
    private static final String BUCKET = "dms-runbook-reports";

    private static LocalAws aws;
    private static LocalMariaDb mariaDb;
    private static LocalPostgres postgres;
    private static MigrationWorkflow workflow;
    private static String sourceSecret;
    private static String targetSecret;

    @BeforeAll
    static void startTheShopAndItsConvertedTarget() throws Exception {
        aws = LocalAws.start();
        mariaDb = LocalMariaDb.start("ai-assist-source", Map.of());
        postgres = LocalPostgres.start("ai-assist-target", Map.of());
        mariaDb.execute("", "CREATE DATABASE shop CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
        mariaDb.execute("shop", resource("/schema/mysql-conversion-source.sql"));
        aws.s3().createBucket(b -> b.bucket(BUCKET));
        sourceSecret = LocalSecrets.put(aws, "dms-runbook/ai-source", LocalMariaDb.ROOT, LocalMariaDb.PASSWORD, mariaDb.host(), mariaDb.port());
        targetSecret = LocalSecrets.put(aws, "dms-runbook/ai-target", LocalPostgres.SUPERUSER, LocalPostgres.PASSWORD, postgres.host(), postgres.port());
        Map<String, String> environment = new HashMap<>(aws.functionEnvironment());
        environment.put("REPORT_BUCKET", BUCKET);
        workflow = new MigrationWorkflow(new RunbookServices(aws.clients(), RunbookSettings.from(environment), Clock.systemUTC()));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {postgres, mariaDb, aws}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // stopping anyway
            }
        }
    }

    @Test
    void proposalsAccepted_areAppliedAndCallable_theOneNotAcceptedIsNot_andNothingIsAskedTwice() throws Exception {
        // GIVEN the converted tables on the target, and a migration asking the (emulated) model for proposals
        MigrationSpec spec = spec("ai-accepted", "shop_accepted");
        String execution = "arn:aws:states:us-east-1:123456789012:execution:migration:ai-accepted-1";

        // WHEN ProposeConversions runs (as the state machine loops it until done)
        int askedBefore = aws.bedrock().requests().size();
        ConversionProposalsOutcome proposals = workflow.proposeConversions(request(execution, spec, null, null));

        // THEN the view, the procedure, the function and the trigger each have a proposal; the event is left to a person
        assertThat(proposals.asked()).isTrue();
        assertThat(proposals.done()).isTrue();
        assertThat(proposals.names()).containsExactlyInAnyOrder("view shop.customer_totals", "procedure shop.add_order",
                "function shop.order_count", "trigger shop.customers.customers_lower_email");
        assertThat(proposals.summary()).contains("Nothing is applied unless the cutover's approver accepts it by name", "runbook approve");
        // AND the cutover request will name them for the approver (no braces: States.Format takes the text as it is)
        assertThat(proposals.approvalNote()).contains("wait for your decision", "--accept", "procedure shop.add_order", "acceptedConversions")
                .doesNotContain("{", "}");
        // AND the model was asked with the source text, the converted tables it uses, the renames and the cast table
        List<BedrockStandIn.Asked> asked = aws.bedrock().requests().subList(askedBefore, aws.bedrock().requests().size());
        assertThat(asked).hasSize(4).allSatisfy(a -> assertThat(a.modelId()).isEqualTo(MODEL));
        assertThat(asked).anySatisfy(a -> assertThat(a.prompt()).contains("MySQL source text:", "PROCEDURE `add_order`",
                "INSERT INTO orders", "CREATE TABLE IF NOT EXISTS \"shop\".\"orders\"", "tinyint(1), bool -> boolean"));
        assertThat(asked).anySatisfy(a -> assertThat(a.prompt()).contains("VIEW `customer_totals`", "shop.customers -> shop.clients"));
        // AND the report in the report bucket shows each proposal beside its source, escaped, saying none is applied yet
        String page = aws.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key("assessments/ai-accepted/ai-accepted-1/assessment.html")).asUtf8String();
        assertThat(page).contains("Proposed PostgreSQL (not applied)", "CREATE OR REPLACE PROCEDURE shop.add_order", "INSERT INTO orders",
                "ordered_on &lt; NOW()").doesNotContain("ordered_on < NOW()");
        // AND nothing reached the target: proposing applies nothing
        assertThat(routines("shop_accepted")).isEmpty();

        // WHEN the phase runs again (a retry, or the loop's next call), nothing is asked twice
        workflow.proposeConversions(request(execution, spec, proposals, null));
        assertThat(aws.bedrock().requests()).hasSize(askedBefore + 4);

        // WHEN the approver accepts the procedure and the function, not the view nor the trigger
        AppliedConversions applied = workflow.applyAcceptedConversions(request(execution, spec, proposals,
                new ConversionAcceptance(List.of("procedure shop.add_order", "function shop.order_count"))));

        // THEN those two are created and work on the target, and what was not accepted is not there
        assertThat(applied.applied()).containsExactly("procedure shop.add_order", "function shop.order_count");
        assertThat(applied.notAccepted()).isEqualTo(2);
        assertThat(routines("shop_accepted")).containsExactlyInAnyOrder("add_order", "order_count");
        // AND a retried call finds what was committed instead of running it again
        assertThat(workflow.applyAcceptedConversions(request(execution, spec, proposals,
                new ConversionAcceptance(List.of("procedure shop.add_order", "function shop.order_count")))).applied())
                .containsExactly("procedure shop.add_order", "function shop.order_count");
        assertThat(aws.s3().getObjectAsBytes(b -> b.bucket(BUCKET).key("assessments/ai-accepted/ai-accepted-1/conversions-applied.json")).asUtf8String())
                .isEqualTo("[\"procedure shop.add_order\",\"function shop.order_count\"]");
        try (Connection pg = postgres.connect("shop_accepted"); Statement statement = pg.createStatement()) {
            statement.execute("CALL shop.add_order(1, 12.50)");
            assertThat(rows(pg, "SELECT shop.order_count(1)")).containsExactly("1");
            assertThat(rows(pg, "SELECT total FROM shop.orders")).containsExactly("12.50");
            assertThat(rows(pg, "SELECT count(*) FROM pg_views WHERE schemaname = 'shop' AND viewname = 'customer_totals'")).containsExactly("0");
            assertThat(rows(pg, "SELECT count(*) FROM pg_trigger WHERE tgname = 'customers_lower_email'")).containsExactly("0");
        }
    }

    @Test
    void theAcceptedViewAndTrigger_workOnTheTargetAsOnTheSource() throws Exception {
        MigrationSpec spec = spec("ai-all", "shop_all");
        String execution = "arn:aws:states:us-east-1:123456789012:execution:migration:ai-all-1";
        ConversionProposalsOutcome proposals = workflow.proposeConversions(request(execution, spec, null, null));

        workflow.applyAcceptedConversions(request(execution, spec, proposals,
                new ConversionAcceptance(List.of("view shop.customer_totals", "trigger shop.customers.customers_lower_email"))));

        try (Connection pg = postgres.connect("shop_all"); Statement statement = pg.createStatement()) {
            // The trigger lowers a new client's e-mail, as customers_lower_email did on MariaDB
            statement.execute("INSERT INTO shop.clients (id, email) VALUES (2, 'Bob@Example.com')");
            assertThat(rows(pg, "SELECT email FROM shop.clients WHERE id = 2")).containsExactly("bob@example.com");
            // The view sums each client's orders over the renamed table
            statement.execute("INSERT INTO shop.orders (customer_id, total) VALUES (1, 10.00), (1, 2.50)");
            assertThat(rows(pg, "SELECT id || ':' || email || ':' || total FROM shop.customer_totals")).containsExactly("1:ann@example.com:12.50");
        }
    }

    @Test
    void anApprovalAcceptingNothing_appliesNothing_andAnUnknownNameIsRefusedBeforeAnythingRuns() throws Exception {
        MigrationSpec spec = spec("ai-rejected", "shop_rejected");
        String execution = "arn:aws:states:us-east-1:123456789012:execution:migration:ai-rejected-1";
        ConversionProposalsOutcome proposals = workflow.proposeConversions(request(execution, spec, null, null));
        assertThat(proposals.proposed()).isEqualTo(4);

        // WHEN the cutover is approved without accepting any proposal
        AppliedConversions applied = workflow.applyAcceptedConversions(request(execution, spec, proposals, null));

        // THEN no proposal is applied
        assertThat(applied.applied()).isEmpty();
        assertThat(applied.notAccepted()).isEqualTo(4);
        assertThat(routines("shop_rejected")).isEmpty();

        // AND a name that is no proposal is refused, naming it and the names there are, and nothing is applied
        ConversionNotAppliedException refused = catchThrowableOfType(ConversionNotAppliedException.class, () -> workflow.applyAcceptedConversions(
                request(execution, spec, proposals, new ConversionAcceptance(List.of("procedure shop.add_order", "procedure shop.no_such")))));
        assertThat(refused.getMessage()).contains("procedure shop.no_such", "nothing was applied");
        assertThat(refused.remediation()).contains("procedure shop.add_order");
        assertThat(routines("shop_rejected")).isEmpty();
    }

    @Test
    void anAcceptedProposalThatDoesNotCompile_failsWithPostgresMessage_namingTheObject_andLeavesNothingApplied() throws Exception {
        // GIVEN the emulated model answers the function with SQL PostgreSQL cannot compile
        aws.bedrock().answerUncompilable("order_count");
        MigrationSpec spec = spec("ai-broken", "shop_broken");
        String execution = "arn:aws:states:us-east-1:123456789012:execution:migration:ai-broken-1";
        ConversionProposalsOutcome proposals;
        try {
            proposals = workflow.proposeConversions(request(execution, spec, null, null));
        } finally {
            aws.bedrock().answerAllCompilable();
        }

        // WHEN the approver accepts it with the procedure
        ConversionNotAppliedException failed = catchThrowableOfType(ConversionNotAppliedException.class, () -> workflow.applyAcceptedConversions(
                request(execution, spec, proposals, new ConversionAcceptance(List.of("procedure shop.add_order", "function shop.order_count")))));

        // THEN the phase fails for good, with PostgreSQL's own message and the object's name
        assertThat(failed).isNotNull();
        assertThat(failed.isRetryable()).isFalse();
        assertThat(failed.getMessage()).contains("function shop.order_count", "does not compile",
                "relation \"shop.no_such_table_for_order_count\" does not exist", "SQLSTATE 42P01");
        // AND the procedure accepted with it was rolled back: one transaction, nothing half applied
        assertThat(routines("shop_broken")).isEmpty();
    }

    @Test
    void theEmulatedModel_refusesARequestWithoutTheSourceText_asTheRealCallWouldFailLoudly() {
        // WHEN the Converse API is called (through the SDK and the endpoint override, as the runbook calls it) with no source text
        BedrockRuntimeClient bedrock = aws.clients().bedrockRuntime("us-east-1");
        BedrockRuntimeException refused = catchThrowableOfType(BedrockRuntimeException.class, () -> bedrock.converse(b -> b.modelId(MODEL)
                .messages(Message.builder().role(ConversationRole.USER).content(ContentBlock.fromText("Convert my procedure, please.")).build())));

        // THEN the stand-in refuses it, saying what is missing
        assertThat(refused).isNotNull();
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.getMessage()).contains("carries no MySQL source text");
    }

    @Test
    void theTemplatesFunctions_deployedWithAiAssistModelId_validateProposeAndApply_asTheStateMachineCallsThem() throws Exception {
        // GIVEN template.yaml deployed on the emulation with the model specs may name
        Deployment deployment = LocalDeployment.deploy(aws, ProjectRoot.find().resolve("template.yaml"), Map.of("AiAssistModelId", MODEL));
        MigrationSpec spec = spec("ai-deployed", "shop_deployed");
        String specJson = Json.write(spec);

        // WHEN ValidateMigrationSpec reads the spec: the stack's model passes, another is refused naming the parameter
        JsonNode validated = invoke(deployment, "ValidateMigrationSpecFunction", "{\"spec\": " + specJson + "}");
        assertThat(validated.path("schema").path("aiAssist").path("modelId").asText()).as(validated.toString()).isEqualTo(MODEL);
        JsonNode refused = invoke(deployment, "ValidateMigrationSpecFunction", "{\"spec\": " + specJson.replace(MODEL, "anthropic.claude-v2") + "}");
        assertThat(refused.path("errorMessage").asText()).contains("schema.aiAssist.modelId", "AiAssistModelId");

        // AND ProposeConversions, then ApplyAcceptedConversions with the procedure accepted, run as the state machine passes them the state
        String execution = "arn:aws:states:us-east-1:123456789012:execution:migration:ai-deployed-1";
        JsonNode proposed = invoke(deployment, "ProposeConversionsFunction",
                "{\"executionId\": \"" + execution + "\", \"state\": {\"spec\": " + validated + "}}");
        assertThat(proposed.path("done").asBoolean()).as(proposed.toString()).isTrue();
        JsonNode applied = invoke(deployment, "ApplyAcceptedConversionsFunction", "{\"executionId\": \"" + execution + "\", \"state\": {\"spec\": "
                + validated + ", \"conversionProposals\": " + proposed + ", \"conversionAcceptance\": {\"names\": [\"procedure shop.add_order\"]}}}");

        // THEN the proposals went to the stack's report bucket, and the accepted procedure alone is on the target
        assertThat(applied.path("applied").toString()).as(applied.toString()).isEqualTo("[\"procedure shop.add_order\"]");
        assertThat(proposed.path("location").asText()).startsWith("s3://" + deployment.physicalId("MigrationReportBucket") + "/assessments/ai-deployed/");
        assertThat(routines("shop_deployed")).containsExactly("add_order");
    }

    /** Invokes a deployed function through the emulation's Lambda endpoint; returns its answer (or its error). */
    private static JsonNode invoke(Deployment deployment, String logicalId, String payload) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        aws.endpoint().resolve("/2015-03-31/functions/" + deployment.physicalId(logicalId) + "/invocations"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.ofString());
        return Json.tree(response.body());
    }

    // ------------------------------------------------------------------ the migration

    /** A spec for the shop, its tables renamed as DMS would (customers -> clients, names in lower case); the target database created and converted. */
    private static MigrationSpec spec(String migrationId, String targetDatabase) throws SQLException {
        postgres.createDatabase(targetDatabase);
        MigrationSpec spec = SpecReader.read("""
                {
                  "migrationId": "%s", "engine": "dms", "migrationType": "full-load-and-cdc",
                  "source": {"engine": "mariadb", "host": "%s", "port": %d, "database": "shop", "sslMode": "none", "secretArn": "%s"},
                  "target": {"engine": "postgres", "host": "%s", "port": %d, "database": "%s", "sslMode": "none", "secretArn": "%s"},
                  "tableMappings": {"rules": [
                    {"rule-type": "selection", "rule-id": "1", "rule-name": "all", "object-locator": {"schema-name": "shop", "table-name": "%%"},
                     "rule-action": "include"},
                    {"rule-type": "transformation", "rule-id": "2", "rule-name": "clients", "rule-target": "table",
                     "object-locator": {"schema-name": "shop", "table-name": "customers"}, "rule-action": "rename", "value": "clients"},
                    {"rule-type": "transformation", "rule-id": "3", "rule-name": "lower-tables", "rule-target": "table",
                     "object-locator": {"schema-name": "shop", "table-name": "%%"}, "rule-action": "convert-lowercase"},
                    {"rule-type": "transformation", "rule-id": "4", "rule-name": "lower-columns", "rule-target": "column",
                     "object-locator": {"schema-name": "shop", "table-name": "%%", "column-name": "%%"}, "rule-action": "convert-lowercase"}]},
                  "dms": {"replicationInstanceArn": "arn:aws:dms:us-east-1:123456789012:rep:shop-instance",
                          "secretsAccessRoleArn": "arn:aws:iam::123456789012:role/dms-runbook-secrets-access"},
                  "schema": {"mode": "none", "aiAssist": {"modelId": "%s", "region": "us-east-1"}},
                  "conversion": {"typeOverrides": [{"table": "shop.places", "column": "location", "type": "bytea"}]}
                }
                """.formatted(migrationId, mariaDb.host(), mariaDb.port(), sourceSecret, postgres.host(), postgres.port(), targetDatabase,
                targetSecret, MODEL));
        // The converted tables, as the schema phases create them, for the proposals to refer to.
        try (Connection source = mariaDb.connect("shop"); Connection target = postgres.connect(targetDatabase)) {
            SchemaPlan plan = MySqlTargetSchema.applicablePlan(MySqlTargetSchema.convert(source, TableMappings.parse(spec.tableMappings()), spec.conversion()));
            PostgresSchemaApplier.apply(target, SchemaSection.PRE_DATA, plan.preData());
            PostgresSchemaApplier.apply(target, SchemaSection.POST_DATA, plan.postData());
            try (Statement statement = target.createStatement()) {
                statement.execute("INSERT INTO shop.clients (id, email) VALUES (1, 'ann@example.com')");
            }
        }
        return spec;
    }

    private static PhaseRequest request(String execution, MigrationSpec spec, ConversionProposalsOutcome proposals, ConversionAcceptance accepted) {
        return new PhaseRequest(execution, new WorkflowState(spec, null, null, null, null, null, null, null, null, null, null, null, null, null,
                proposals, accepted, null), null, null);
    }

    /** The functions and procedures in the target's schema shop. */
    private static List<String> routines(String database) throws SQLException {
        try (Connection pg = postgres.connect(database)) {
            return rows(pg, "SELECT p.proname FROM pg_proc p WHERE p.pronamespace = 'shop'::regnamespace AND p.prokind IN ('f', 'p') "
                    + "AND p.proname NOT LIKE '%updated_at%' AND p.proname NOT LIKE '%on_update%' ORDER BY 1");
        }
    }

    private static List<String> rows(Connection connection, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = AiAssistedConversionIT.class.getResourceAsStream(name)) {
            assertThat(in).as(name + " on the test classpath (core's test jar)").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
