package dmsrunbook.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.error.DataMismatchException;
import dmsrunbook.error.RowCountMismatchException;
import dmsrunbook.internal.Json;
import dmsrunbook.local.DmsGaps.TableStatistic;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PlanDataValidation, DiffDataItem and ConcludeDataValidation on real PostgreSQL and moto's S3, fed their sample events
 * as the state machine (and its Map) would: the plan's item numbers, each item's few figures, and the conclusion;
 * a difference at the final validation leaves as the runbook's own exception, for the state machine's Catch. An S3
 * target cannot be queried: it has no work items, and its rows are what DMS's table statistics say it wrote.
 */
class DataValidationHandlersIT {

    private static final String SCHEMA = "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(10,2));"
            + "CREATE TABLE items (order_id bigint, line int, qty int, PRIMARY KEY (order_id, line));"
            + "INSERT INTO orders SELECT g, g * 1.5 FROM generate_series(1, 50) g;"
            + "INSERT INTO items SELECT g, l, g + l FROM generate_series(1, 50) g, generate_series(1, 3) l;";

    private final LocalCloud cloud = LocalCloud.get();

    @Test
    void sampleEvents_planDiffAndConclude_anEqualTarget() {
        String source = cloud.database("validation_src", SCHEMA);
        String target = cloud.database("validation_tgt", SCHEMA);

        JsonNode summary = run("handler-validation", source, target, "in-flight");

        assertThat(summary.path("status").asText()).isEqualTo("equal");
        assertThat(summary.path("tables").asInt()).isEqualTo(2);
        assertThat(summary.path("sourceRows").asLong()).isEqualTo(200);
        assertThat(summary.path("summary").asText()).startsWith("2 of 2 tables equal; 200 rows on the source, 200 on the target");
        assertThat(summary.path("report").asText()).startsWith("s3://" + cloud.validationBucket + "/validation/MigrationStateMachine/");
    }

    @Test
    void finalValidationOfADifferentTarget_failsWithTheTableAndKeys() {
        String source = cloud.database("validation_final_src", SCHEMA);
        String target = cloud.database("validation_final_tgt", SCHEMA + "UPDATE items SET qty = 0 WHERE order_id = 8 AND line = 2");

        assertThatThrownBy(() -> run("handler-validation-final", source, target, "final"))
                .isExactlyInstanceOf(DataMismatchException.class)
                .hasMessageContaining("public.items: different (checksums, 150 rows on the source, 150 on the target): 1 changed (keys (8, 2) [qty])");
    }

    @Test
    void s3Target_hasNoWorkItems_andIsComparedWithDmsTableStatistics() {
        String source = cloud.database("validation_s3_src", SCHEMA);
        ObjectNode event = Phases.afterStart(cloud, ConcludeDataValidationHandler.class, "handler-validation-s3", source,
                cloud.database("validation_s3_unused", ""));
        SampleEvents.spec(event).set("target", Json.tree("""
                {"engine": "s3", "dmsSettings": {"BucketName": "dms-runbook-lake-123456789012", "BucketFolder": "dms",
                 "ServiceAccessRoleArn": "arn:aws:iam::123456789012:role/dms-runbook-s3-access", "DataFormat": "parquet"}}"""));
        SampleEvents.spec(event).set("schema", Json.tree("{\"mode\": \"none\"}"));
        cloud.dms.reportTableStatistics("handler-validation-s3", List.of(new TableStatistic("public", "orders", "Table completed", 50, 0, 0, 0),
                new TableStatistic("public", "items", "Table completed", 140, 12, 0, 2)));

        JsonNode planned = SampleEvents.invoke(new PlanDataValidationHandler(cloud.environment()), event.deepCopy().put("validationRun", "final"));
        ((ObjectNode) event.get("state")).remove("dataValidation");
        JsonNode summary = SampleEvents.invoke(new ConcludeDataValidationHandler(cloud.environment()),
                LocalCloud.withResult(event.deepCopy().put("validationRun", "final"), "finalDataValidation", planned));

        assertThat(planned.path("items")).isEmpty();
        assertThat(planned.path("summary").asText()).isEqualTo("an S3 target: its rows are compared with DMS's table statistics");
        assertThat(summary.path("status").asText()).isEqualTo("equal");
        assertThat(summary.path("summary").asText()).isEqualTo("2 of 2 tables hold as many rows as DMS reports it wrote to S3; "
                + "200 rows on the source, 200 on the target (counts only)");

        cloud.dms.reportTableStatistics("handler-validation-s3", List.of(new TableStatistic("public", "orders", "Table completed", 50, 0, 0, 0),
                new TableStatistic("public", "items", "Table completed", 140, 9, 0, 0)));
        assertThatThrownBy(() -> SampleEvents.invoke(new ConcludeDataValidationHandler(cloud.environment()),
                LocalCloud.withResult(event.deepCopy().put("validationRun", "final"), "finalDataValidation", planned)))
                .isExactlyInstanceOf(RowCountMismatchException.class)
                .hasMessageContaining("public.items source 150 vs target 149");
    }

    /** The plan, every item through the Map's handler, then the conclusion, as the state machine chains them. */
    private JsonNode run(String migrationId, String source, String target, String validationRun) {
        ObjectNode plan = cloud.pointAt(SampleEvents.of(PlanDataValidationHandler.class), migrationId, source, target)
                .put("executionId", "arn:aws:states:us-east-1:123456789012:execution:MigrationStateMachine:" + migrationId)
                .put("validationRun", validationRun);
        JsonNode planned = SampleEvents.invoke(new PlanDataValidationHandler(cloud.environment()), plan);
        assertThat(planned.path("status").asText()).isEqualTo("pending");
        assertThat(planned.path("items")).hasSize(1);

        ObjectNode item = SampleEvents.of(DiffDataItemHandler.class).put("executionId", plan.path("executionId").asText())
                .put("validationRun", validationRun).put("item", 0).put("round", 0);
        item.set("spec", SampleEvents.spec(plan));
        JsonNode outcome = SampleEvents.invoke(new DiffDataItemHandler(cloud.environment()), item);
        assertThat(outcome.path("tables").asInt()).isEqualTo(2);

        ObjectNode conclude = cloud.pointAt(SampleEvents.of(ConcludeDataValidationHandler.class), migrationId, source, target)
                .put("executionId", plan.path("executionId").asText()).put("validationRun", validationRun);
        String field = validationRun.equals("final") ? "finalDataValidation" : "dataValidation";
        ((ObjectNode) conclude.get("state")).remove("dataValidation");
        return SampleEvents.invoke(new ConcludeDataValidationHandler(cloud.environment()), LocalCloud.withResult(conclude, field, planned));
    }
}
