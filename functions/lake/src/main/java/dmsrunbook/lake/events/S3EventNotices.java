package dmsrunbook.lake.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the S3 event notifications an SQS message body carries ({@code {"Records":[{"s3":{...}}]}}): bucket, key
 * (URL-decoded: S3 encodes keys with {@code +} for spaces) and ETag of each created object. S3's
 * {@code s3:TestEvent} and records that are not ObjectCreated yield nothing.
 */
public final class S3EventNotices {

    private static final ObjectMapper JSON = new ObjectMapper();

    private S3EventNotices() {
    }

    /**
     * A created object.
     *
     * @param bucket the bucket
     * @param key    the decoded key
     * @param etag   its ETag, or null when the event had none
     */
    public record CreatedObject(String bucket, String key, String etag) {
    }

    /** Parses a message body; throws {@link MalformedEventException} when it is not an S3 event notification. */
    public static List<CreatedObject> parse(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new MalformedEventException("the message body is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MalformedEventException("the message body is not a JSON object");
        }
        if ("s3:TestEvent".equals(root.path("Event").asText())) {
            return List.of();
        }
        JsonNode records = root.get("Records");
        if (records == null || !records.isArray()) {
            throw new MalformedEventException("the message body has no Records array (is the queue subscribed to something else?)");
        }
        List<CreatedObject> created = new ArrayList<>();
        for (JsonNode record : records) {
            if (!record.path("eventName").asText().startsWith("ObjectCreated")) {
                continue;
            }
            JsonNode s3 = record.path("s3");
            String bucket = s3.path("bucket").path("name").asText("");
            String key = s3.path("object").path("key").asText("");
            if (bucket.isEmpty() || key.isEmpty()) {
                throw new MalformedEventException("an ObjectCreated record lacks s3.bucket.name or s3.object.key");
            }
            String etag = s3.path("object").path("eTag").asText(null);
            created.add(new CreatedObject(bucket, URLDecoder.decode(key, StandardCharsets.UTF_8),
                    etag == null || etag.isEmpty() ? null : etag.replace("\"", "")));
        }
        return created;
    }

    /** Thrown for a message that is not an S3 event notification; it stays on the queue and reaches the DLQ. */
    public static final class MalformedEventException extends IllegalArgumentException {
        MalformedEventException(String message) {
            super(message);
        }
    }
}
