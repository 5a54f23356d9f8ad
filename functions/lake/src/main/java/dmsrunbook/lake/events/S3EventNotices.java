package dmsrunbook.lake.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dmsrunbook.error.TerminalException;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the S3 event notifications an SQS message body carries ({@code {"Records":[{"s3":{...}}]}}): bucket, key
 * (URL-decoded: S3 encodes keys with {@code +} for spaces) and ETag of each created object; bucket, key, time and
 * requester of each removed one. S3's {@code s3:TestEvent} and other records yield nothing.
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

    /**
     * A removed object.
     *
     * @param bucket    the bucket
     * @param key       the decoded key
     * @param at        when S3 removed it ({@code eventTime})
     * @param principal who asked ({@code userIdentity.principalId}, e.g. {@code AWS:AROA...:session}), or null
     */
    public record RemovedObject(String bucket, String key, Instant at, String principal) {
    }

    /**
     * What one message body announces.
     *
     * @param created objects created
     * @param removed objects removed
     */
    public record Notices(List<CreatedObject> created, List<RemovedObject> removed) {
    }

    /** The objects a message body announces as created; throws {@link MalformedEventException} for a body that is no S3 notification. */
    public static List<CreatedObject> parse(String body) {
        return parseAll(body).created();
    }

    /** Parses a message body; throws {@link MalformedEventException} when it is not an S3 event notification. */
    public static Notices parseAll(String body) {
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
            return new Notices(List.of(), List.of());
        }
        JsonNode records = root.get("Records");
        if (records == null || !records.isArray()) {
            throw new MalformedEventException("the message body has no Records array (is the queue subscribed to something else?)");
        }
        List<CreatedObject> created = new ArrayList<>();
        List<RemovedObject> removed = new ArrayList<>();
        for (JsonNode record : records) {
            String event = record.path("eventName").asText();
            boolean creation = event.startsWith("ObjectCreated");
            if (!creation && !event.startsWith("ObjectRemoved")) {
                continue;
            }
            JsonNode s3 = record.path("s3");
            String bucket = s3.path("bucket").path("name").asText("");
            String key = s3.path("object").path("key").asText("");
            if (bucket.isEmpty() || key.isEmpty()) {
                throw new MalformedEventException("an " + event + " record lacks s3.bucket.name or s3.object.key");
            }
            key = decoded(event, key);
            if (creation) {
                String etag = s3.path("object").path("eTag").asText(null);
                created.add(new CreatedObject(bucket, key, etag == null || etag.isEmpty() ? null : etag.replace("\"", "")));
                continue;
            }
            Instant at;
            try {
                at = Instant.parse(record.path("eventTime").asText(""));
            } catch (DateTimeParseException e) {
                throw new MalformedEventException("an " + event + " record of " + key + " has no valid eventTime");
            }
            String principal = record.path("userIdentity").path("principalId").asText(null);
            removed.add(new RemovedObject(bucket, key, at, principal == null || principal.isEmpty() ? null : principal));
        }
        return new Notices(created, removed);
    }

    /** S3 URL-encodes keys ({@code +} for a space, {@code %25} for {@code %}): a key that is not encoded so is the message's fault. */
    private static String decoded(String event, String key) {
        try {
            return URLDecoder.decode(key, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("an " + event + " record's key '" + key + "' is not URL-encoded as S3 encodes keys "
                    + "(a '%' in a key is sent as %25): " + e.getMessage());
        }
    }

    /** Thrown for a message that is not an S3 event notification; it stays on the queue and reaches the DLQ. */
    public static final class MalformedEventException extends TerminalException {
        MalformedEventException(String message) {
            super(message, "Send the lake's queue only the DMS bucket's S3 event notifications.");
        }
    }
}
