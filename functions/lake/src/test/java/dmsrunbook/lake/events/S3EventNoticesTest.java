package dmsrunbook.lake.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class S3EventNoticesTest {

    /** The sample events under events/lake, as Lambda's SQS event source mapping delivers them. */
    static SQSEvent sample(String name) throws IOException {
        ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .setPropertyNamingStrategy(PropertyNamingStrategies.LOWER_CAMEL_CASE);
        Path file = Path.of(System.getProperty("user.dir")).resolve("../../events/lake/" + name).normalize();
        SQSEvent event = new SQSEvent();
        var tree = json.readTree(file.toFile());
        List<SQSEvent.SQSMessage> records = new java.util.ArrayList<>();
        for (var node : tree.get("Records")) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId(node.get("messageId").asText());
            message.setReceiptHandle(node.get("receiptHandle").asText());
            message.setBody(node.get("body").asText());
            records.add(message);
        }
        event.setRecords(records);
        return event;
    }

    @Test
    void dmsFileNotifications_yieldTheBucketKeyAndEtagOfEachFile() throws IOException {
        SQSEvent event = sample("dms-files-created.json");

        List<S3EventNotices.CreatedObject> first = S3EventNotices.parse(event.getRecords().get(0).getBody());
        List<S3EventNotices.CreatedObject> second = S3EventNotices.parse(event.getRecords().get(1).getBody());

        assertThat(first).containsExactly(new S3EventNotices.CreatedObject("dms-target-bucket", "dms/public/orders/LOAD00000001.parquet",
                "0f343b0931126a20f133d67c2b018a3b"));
        assertThat(second.get(0).key()).isEqualTo("dms/public/orders/2026/11/21/20261121-0002034560.parquet");
    }

    @Test
    void dmsClearingATableFolder_yieldsTheRemovedKey_itsTime_andWhoRemovedIt() throws IOException {
        S3EventNotices.Notices notices = S3EventNotices.parseAll(sample("dms-table-folder-cleared.json").getRecords().get(0).getBody());

        assertThat(notices.created()).isEmpty();
        assertThat(notices.removed()).containsExactly(new S3EventNotices.RemovedObject("dms-target-bucket",
                "dms/public/orders/2026/11/21/20261121-0912000000.parquet", java.time.Instant.parse("2026-11-21T09:14:05.312Z"),
                "AWS:AROAEXAMPLEDMSROLE:dms-session-for-replication-engine"));
        assertThat(S3EventNotices.parse(sample("dms-table-folder-cleared.json").getRecords().get(0).getBody()))
                .as("callers that only want new files get none").isEmpty();
    }

    @Test
    void keysEncodedWithPlusForSpace_areDecoded() throws IOException {
        String body = sample("key-with-space.json").getRecords().get(0).getBody();

        assertThat(S3EventNotices.parse(body).get(0).key()).isEqualTo("dms/sales/order lines/20261121-0003000000.parquet");
    }

    @Test
    void s3TestEvent_yieldsNothing() throws IOException {
        assertThat(S3EventNotices.parse(sample("s3-test-event.json").getRecords().get(0).getBody())).isEmpty();
    }

    @Test
    void bodyThatIsNotAnS3Notification_isRejectedWithTheReason() {
        assertThatThrownBy(() -> S3EventNotices.parse("{\"hello\":1}")).hasMessageContaining("no Records array");
        assertThatThrownBy(() -> S3EventNotices.parse("not json")).hasMessageContaining("not JSON");
    }

    @Test
    void aHandMadeMessageWithALiteralPercentInItsKey_isRejectedNamingTheKey() throws IOException {
        String body = sample("key-with-literal-percent.json").getRecords().get(0).getBody();

        assertThatThrownBy(() -> S3EventNotices.parseAll(body)).isInstanceOf(S3EventNotices.MalformedEventException.class)
                .hasMessageContaining("dms/public/orders/100%_done.parquet").hasMessageContaining("not URL-encoded");
        assertThat(S3EventNotices.parse(body.replace("100%_done", "100%25_done")).get(0).key())
                .as("encoded as S3 encodes it").isEqualTo("dms/public/orders/100%_done.parquet");
    }
}
