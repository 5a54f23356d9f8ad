package dmsrunbook.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.report.ReportFiles;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** NotifyMigrationComplete: the report written to the report bucket (moto's S3), then the notice with its link and hash. */
class NotifyMigrationCompleteHandlerIT {

    private final LocalCloud cloud = LocalCloud.get();

    @Test
    void sampleEvent_writesTheReport_andTheNoticeLinksItWithTheHashOfItsJson() {
        ObjectNode event = SampleEvents.of(NotifyMigrationCompleteHandler.class);
        SampleEvents.spec(event).put("alertTopicArn", cloud.topicArn);

        JsonNode sent = SampleEvents.invoke(new NotifyMigrationCompleteHandler(cloud.environment()), event);

        String location = sent.at("/report/location").asText();
        String jsonLocation = sent.at("/report/jsonLocation").asText();
        assertThat(location).isEqualTo("s3://" + cloud.reportBucket + "/reports/MigrationStateMachine/fluxocaixa-2026-12-05/report.html");
        byte[] json = cloud.aws.s3().getObjectAsBytes(b -> b.bucket(cloud.reportBucket).key(jsonLocation.substring(jsonLocation.indexOf("/reports/") + 1)))
                .asByteArray();
        assertThat(sent.at("/report/sha256").asText()).isEqualTo(ReportFiles.sha256(json));
        assertThat(new String(json)).contains("\"migrationId\" : \"fluxocaixa-to-aurora\"", "dms_slot_fluxocaixa");
        assertThat(sent.path("messageId").asText()).isNotBlank();
    }

    @Test
    void withoutAReportBucket_theNoticeStillGoesOut_sayingTheReportWasNotWritten() {
        ObjectNode event = SampleEvents.of(NotifyMigrationCompleteHandler.class);
        SampleEvents.spec(event).put("alertTopicArn", cloud.topicArn);
        Map<String, String> environment = new HashMap<>(cloud.environment());
        environment.put("REPORT_BUCKET", "no-such-report-bucket");

        JsonNode sent = SampleEvents.invoke(new NotifyMigrationCompleteHandler(environment), event);

        assertThat(sent.path("messageId").asText()).isNotBlank();
        assertThat(sent.at("/report/problem").asText()).contains("no-such-report-bucket");
        assertThat(sent.at("/report/sha256").isTextual()).as("no hash without a report").isFalse();
    }
}
