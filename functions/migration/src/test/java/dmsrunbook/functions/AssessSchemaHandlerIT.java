package dmsrunbook.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.error.SchemaAssessmentFailedException;
import dmsrunbook.internal.Json;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * AssessSchema on real PostgreSQL with secrets and the report bucket in moto: the outcome the state keeps, the same
 * outcome when Step Functions calls it again (it reads only; the report is rewritten in place), and an extension the
 * declared target does not offer stopping the migration with the fix.
 */
class AssessSchemaHandlerIT {

    private static final String SCHEMA = """
            CREATE TABLE orders (id bigserial PRIMARY KEY, status text NOT NULL, total numeric);
            CREATE MATERIALIZED VIEW order_totals AS SELECT status, sum(total) AS total FROM orders GROUP BY status;
            CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
            CREATE TRIGGER orders_touch BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION touch();
            """;

    private final LocalCloud cloud = LocalCloud.get();

    @Test
    void sampleEvent_calledTwice_givesTheSameOutcome_andOneReport() {
        String bucket = "assessment-reports-" + System.nanoTime();
        S3Client s3 = cloud.aws.configure(S3Client.builder()).forcePathStyle(true).build();
        s3.createBucket(b -> b.bucket(bucket));
        Map<String, String> environment = new HashMap<>(cloud.environment());
        environment.put("ASSESSMENT_REPORT_BUCKET", bucket);
        ObjectNode event = cloud.pointAt(SampleEvents.of(AssessSchemaHandler.class), "handler-assess",
                cloud.database("assess_src", SCHEMA), cloud.database("assess_tgt", ""));
        AssessSchemaHandler handler = new AssessSchemaHandler(environment);

        JsonNode first = SampleEvents.invoke(handler, event);
        JsonNode retried = SampleEvents.invoke(handler, event);

        assertThat(retried).as("a retry reads the same schema the same way").isEqualTo(first);
        assertThat(first.path("counts").path("cutover-action").asInt()).as("the sequence and the materialized view").isEqualTo(2);
        assertThat(first.path("counts").path("not-supported").asInt()).isZero();
        assertThat(first.path("hasWarnings").asBoolean()).as("DMS rounds a numeric without precision").isTrue();
        assertThat(first.path("warnings").toString()).contains("WARN column public.orders.total", "MapUnboundedNumericAsString");
        assertThat(first.path("warnings")).hasSize(1);
        assertThat(first.path("summary").asText()).contains("needs a person: 1", "Full report: s3://" + bucket + "/assessments/handler-assess/");
        assertThat(first.path("listed").get(0).path("status").asText()).as("WARNs are listed first").isEqualTo("WARN");
        assertThat(first.path("unlisted").asInt()).isZero();
        String folder = first.path("reportLocation").asText().replace("s3://" + bucket + "/", "");
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(o -> o.key())
                .containsExactlyInAnyOrder(folder + "assessment.json", folder + "assessment.html");
        JsonNode report = Json.tree(s3.getObjectAsBytes(b -> b.bucket(bucket).key(folder + "assessment.json")).asUtf8String());
        assertThat(report.path("objects").size()).isEqualTo(first.path("objects").asInt());
        assertThat(cloud.dms.calls("CreateReplicationTask")).filteredOn(c -> c.request().path("ReplicationTaskIdentifier").asText()
                .equals("handler-assess")).as("the assessment changes nothing in DMS").isEmpty();
    }

    @Test
    void extensionTheDeclaredTargetDoesNotOffer_failsThePhase_withTheFix() {
        ObjectNode event = cloud.pointAt(SampleEvents.of(AssessSchemaHandler.class), "handler-assess-ext",
                cloud.database("assess_ext_src", "CREATE EXTENSION xml2; " + SCHEMA), cloud.database("assess_ext_tgt", ""));
        SampleEvents.spec(event).putObject("assessment").put("targetPlatform", "rds-postgresql").put("targetVersion", 14);

        assertThatThrownBy(() -> SampleEvents.invoke(new AssessSchemaHandler(cloud.environment()), event))
                .isExactlyInstanceOf(SchemaAssessmentFailedException.class)
                .hasMessageContaining("FAIL extension xml2: Amazon RDS for PostgreSQL 14 (declared in the spec")
                .hasMessageContaining("does not offer it")
                .hasMessageContaining("remove what uses xml2");
    }
}
