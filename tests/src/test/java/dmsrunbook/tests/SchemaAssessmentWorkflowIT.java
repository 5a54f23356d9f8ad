package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.deploy.AlertInbox.Notice;
import dmsrunbook.internal.Json;
import dmsrunbook.local.LocalPostgres;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The schema assessment in the real state machine (moto, the template's functions): what the declared target cannot
 * have stops the migration in AssessSchema before any endpoint or task exists; with engine dms, DMS's premigration
 * assessment (emulated by {@link dmsrunbook.local.DmsGaps}: moto has none) runs on the task before it starts, and a
 * check it fails stops the migration there, the task never started. What needs a person reaches SNS with the counts.
 */
class SchemaAssessmentWorkflowIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final String SCHEMA = "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric); "
            + "CREATE MATERIALIZED VIEW order_totals AS SELECT sum(total) AS total FROM orders";

    @RegisterExtension
    static final LocalRunbookExtension runbook = new LocalRunbookExtension();

    @Test
    void extensionTheDeclaredTargetDoesNotOffer_stopsInAssessSchema_beforeAnyEndpoint() throws Exception {
        try (LocalPostgres source = LocalPostgres.startLogicalSource("assess-source"); LocalPostgres target = LocalPostgres.start("assess-target", Map.of())) {
            source.createDatabase("shop");
            target.createDatabase("shop");
            source.execute("shop", "CREATE EXTENSION xml2; " + SCHEMA);
            ObjectNode spec = (ObjectNode) Json.tree(MigrationSpecs.dmsFullLoadAndCdc(runbook.get(), "assess-ext", source, target, "shop", "auto"));
            spec.putObject("assessment").put("targetPlatform", "rds-postgresql").put("targetVersion", 14);
            // The target's database is empty and DMS creates the tables: the workflow leaves the schema alone.
            spec.putObject("schema").put("mode", "none");

            String execution = runbook.executions().start("assess-ext-run", spec.toString());
            DescribeExecutionResponse result = runbook.executions().awaitEnd(execution, TIMEOUT);

            assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(result.error()).isEqualTo("dmsrunbook.error.SchemaAssessmentFailedException");
            assertThat(result.cause()).contains("FAIL extension xml2", "Amazon RDS for PostgreSQL 14", "remove what uses xml2");
            Notice alert = runbook.inbox().await(n -> n.subject().contains("assess-ext FAILED in AssessSchema"), TIMEOUT);
            assertThat(alert.message()).contains("SchemaAssessmentFailedException", "xml2");
            assertThat(runbook.executions().enteredStates(execution)).contains("RunPreflightChecks", "AssessSchema")
                    .doesNotContain("TestEndpointConnections");
            assertThat(runbook.aws().dmsGaps().requests("CreateEndpoint")).noneMatch(r -> r.toString().contains("assess-ext"));
        }
    }

    @Test
    void dmsPremigrationAssessmentFailingACheck_stopsBeforeTheTaskStarts_afterTheWarningsReachedSns() throws Exception {
        try (LocalPostgres source = LocalPostgres.startLogicalSource("dms-assess-source");
             LocalPostgres target = LocalPostgres.start("dms-assess-target", Map.of())) {
            source.createDatabase("shop");
            target.createDatabase("shop");
            source.execute("shop", SCHEMA);
            ObjectNode spec = (ObjectNode) Json.tree(MigrationSpecs.dmsFullLoadAndCdc(runbook.get(), "dms-assess", source, target, "shop", "auto"));
            spec.putObject("assessment").putObject("dmsPremigration").put("resultsBucket", "dms-assess-results")
                    .put("serviceAccessRoleArn", "arn:aws:iam::123456789012:role/dms-runbook-assessment-results");
            spec.putObject("schema").put("mode", "none");
            runbook.aws().dmsGaps().premigrationAssessmentResults("dms-assess", Map.of("postgres-check-maxwalsenders", "failed"));

            String execution = runbook.executions().start("dms-assess-run", spec.toString());
            DescribeExecutionResponse result = runbook.executions().awaitEnd(execution, TIMEOUT);

            assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(result.error()).isEqualTo("dmsrunbook.error.SchemaAssessmentFailedException");
            assertThat(result.cause()).contains("FAIL DMS premigration assessment postgres-check-maxwalsenders", "s3://dms-assess-results/");
            assertThat(runbook.executions().enteredStates(execution)).containsSubsequence("AssessSchema", "ReportAssessmentWarnings",
                    "TestEndpointConnections", "IsDmsPremigrationAssessmentWanted?", "RunDmsPremigrationAssessment",
                    "WaitForDmsPremigrationAssessment", "RunDmsPremigrationAssessment").doesNotContain("StartReplication");
            Notice warnings = runbook.inbox().await(n -> n.subject().contains("dms-assess schema assessment: objects need a person"), TIMEOUT);
            assertThat(warnings.message()).contains("needs an action at cutover (the runbook does it): 1", "needs a person: 1",
                    "WARN column public.orders.total", "MapUnboundedNumericAsString");
            runbook.inbox().await(n -> n.subject().contains("dms-assess FAILED in RunDmsPremigrationAssessment"), TIMEOUT);
            assertThat(runbook.aws().dmsGaps().requests("StartReplicationTaskAssessmentRun"))
                    .filteredOn(r -> r.path("AssessmentRunName").asText().equals("dms-assess-dms-assess-run")).hasSize(1);
            assertThat(runbook.aws().dmsGaps().requests("StartReplicationTask"))
                    .noneMatch(r -> r.path("ReplicationTaskArn").asText().endsWith(":dms-assess"));
        }
    }
}
