package dmsrunbook.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.error.SchemaAssessmentFailedException;
import dmsrunbook.internal.Json;
import dmsrunbook.local.DmsGaps;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * RunDmsPremigrationAssessment against moto's DMS with the project's emulation of DMS's premigration assessment (moto
 * has none: {@link DmsGaps} starts runs, ends them after a few polls and reports the individual results a test sets).
 * The task is created, not started; the run is started once however often the phase is called; its warnings are
 * merged into the assessment, and a failed check stops the migration and is merged into the stored report.
 */
class RunDmsPremigrationAssessmentHandlerIT {

    private static final String SCHEMA = "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(12,2))";

    private final LocalCloud cloud = LocalCloud.get();

    @Test
    void sampleEvent_polledUntilDone_createsTheTaskWithoutStartingIt_andStartsOneRun() {
        ObjectNode event = Phases.afterEndpointTests(cloud, RunDmsPremigrationAssessmentHandler.class, "handler-dms-assess",
                cloud.database("dms_assess_src", SCHEMA), cloud.database("dms_assess_tgt", ""));
        RunDmsPremigrationAssessmentHandler handler = new RunDmsPremigrationAssessmentHandler(cloud.environment());

        JsonNode first = SampleEvents.invoke(handler, event);
        JsonNode retried = SampleEvents.invoke(handler, event);
        JsonNode done = untilDone(handler, LocalCloud.withResult(event, "assessment", retried));

        assertThat(first.path("dmsPremigration").path("done").asBoolean()).isFalse();
        assertThat(first.path("waitSeconds").asInt()).as("a short poll").isEqualTo(1);
        assertThat(cloud.dms.requests("StartReplicationTaskAssessmentRun")).filteredOn(r -> r.path("AssessmentRunName").asText()
                .startsWith("handler-dms-assess-")).as("one run, however often the phase is called").hasSize(1)
                .allSatisfy(r -> {
                    assertThat(r.path("ResultLocationBucket").asText()).isEqualTo("fluxocaixa-dms-assessments");
                    assertThat(r.path("ServiceAccessRoleArn").asText()).isEqualTo("arn:aws:iam::123456789012:role/dms-runbook-assessment-results");
                });
        assertThat(done.path("dmsPremigration").path("status").asText()).isEqualTo("passed");
        assertThat(done.path("dmsPremigration").path("checks").asInt()).isEqualTo(DmsGaps.DEFAULT_ASSESSMENTS.size());
        assertThat(done.path("dmsPremigration").path("hasWarnings").asBoolean()).isFalse();
        assertThat(done.path("counts")).as("nothing to merge").isEqualTo(event.at("/state/assessment/counts"));
        assertThat(cloud.dms.requests("CreateReplicationTask")).filteredOn(r -> r.path("ReplicationTaskIdentifier").asText()
                .equals("handler-dms-assess")).hasSize(1);
        assertThat(cloud.dms.requests("StartReplicationTask")).filteredOn(r -> r.path("ReplicationTaskArn").asText()
                .endsWith(":handler-dms-assess")).as("assessed before its first start, not started").isEmpty();
    }

    @Test
    void warningOfDms_isMergedIntoTheAssessment_forTheNotice() {
        ObjectNode event = Phases.afterEndpointTests(cloud, RunDmsPremigrationAssessmentHandler.class, "handler-dms-warn",
                cloud.database("dms_warn_src", SCHEMA), cloud.database("dms_warn_tgt", ""));
        cloud.dms.premigrationAssessmentResults("handler-dms-warn", Map.of("postgres-check-ddl-event-trigger", "warning"));

        JsonNode done = untilDone(new RunDmsPremigrationAssessmentHandler(cloud.environment()), event);

        assertThat(done.path("dmsPremigration").path("status").asText()).isEqualTo("warning");
        assertThat(done.path("dmsPremigration").path("hasWarnings").asBoolean()).isTrue();
        assertThat(done.path("dmsPremigration").path("summary").asText()).contains("WARN DMS premigration assessment postgres-check-ddl-event-trigger");
        assertThat(done.path("counts").path("needs-person").asInt()).isEqualTo(event.at("/state/assessment/counts/needs-person").asInt() + 1);
        assertThat(done.path("hasWarnings").asBoolean()).isTrue();
        assertThat(done.path("listed").get(0).path("name").asText()).isEqualTo("postgres-check-ddl-event-trigger");
    }

    @Test
    void failedCheckOfDms_stopsTheMigration_andIsMergedIntoTheStoredReport() {
        String bucket = "assessment-reports-dms-" + System.nanoTime();
        S3Client s3 = cloud.aws.configure(S3Client.builder()).forcePathStyle(true).build();
        s3.createBucket(b -> b.bucket(bucket));
        Map<String, String> environment = new HashMap<>(cloud.environment());
        environment.put("ASSESSMENT_REPORT_BUCKET", bucket);
        String source = cloud.database("dms_fail_src", SCHEMA);
        String target = cloud.database("dms_fail_tgt", "");
        ObjectNode event = Phases.afterEndpointTests(cloud, RunDmsPremigrationAssessmentHandler.class, "handler-dms-fail", source, target);
        JsonNode assessed = SampleEvents.invoke(new AssessSchemaHandler(environment),
                cloud.pointAt(SampleEvents.of(AssessSchemaHandler.class), "handler-dms-fail", source, target));
        LocalCloud.withResult(event, "assessment", assessed);
        cloud.dms.premigrationAssessmentResults("handler-dms-fail", Map.of("postgres-check-maxwalsenders", "failed"));
        RunDmsPremigrationAssessmentHandler handler = new RunDmsPremigrationAssessmentHandler(environment);

        assertThatThrownBy(() -> untilDone(handler, event)).isExactlyInstanceOf(SchemaAssessmentFailedException.class)
                .hasMessageContaining("failed 1 check")
                .hasMessageContaining("FAIL DMS premigration assessment postgres-check-maxwalsenders")
                .hasMessageContaining("s3://fluxocaixa-dms-assessments/dms-runbook/handler-dms-fail/");

        String folder = assessed.path("reportLocation").asText().replace("s3://" + bucket + "/", "");
        JsonNode report = Json.tree(s3.getObjectAsBytes(b -> b.bucket(bucket).key(folder + "assessment.json")).asUtf8String());
        assertThat(report.path("dmsPremigration").path("status").asText()).isEqualTo("failed");
        assertThat(report.path("objects").toString()).contains("postgres-check-maxwalsenders");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key(folder + "assessment.html")).asUtf8String())
                .contains("DMS premigration assessment", "postgres-check-maxwalsenders");
    }

    /** Calls the phase as the state machine's loop does, until DMS's assessment is done (or the phase throws). */
    private static JsonNode untilDone(RunDmsPremigrationAssessmentHandler handler, ObjectNode event) {
        for (int call = 0; call < 10; call++) {
            JsonNode outcome = SampleEvents.invoke(handler, event);
            if (outcome.path("dmsPremigration").path("done").asBoolean()) {
                return outcome;
            }
            LocalCloud.withResult(event, "assessment", outcome);
        }
        throw new AssertionError("DMS's premigration assessment did not finish in 10 polls: " + event.at("/state/assessment"));
    }
}
