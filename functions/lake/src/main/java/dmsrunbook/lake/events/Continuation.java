package dmsrunbook.lake.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.lake.layout.TableName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lake's message to itself: the DMS files of one table a batch had no time left for, handed on through the lake's
 * own queue. The lake sends it and acknowledges the messages that announced the files, so a load that needs many
 * invocations goes on from one to the next instead of returning its messages to the queue until they reach the
 * dead-letter queue. Taking a file in twice is harmless (the table's manifest skips what it has consumed), so a
 * continuation delivered twice, or alongside the original notification, changes nothing.
 *
 * <p>Body: {@code {"type":"dms-lake-continuation","bucket":"...","schema":"...","table":"...","keys":["..."]}}, keys
 * as stored (not URL-encoded), at most {@value #MAX_KEY_CHARS} characters of keys a message (SQS takes 256 KiB).
 *
 * @param bucket the DMS bucket
 * @param table  the table the files belong to
 * @param keys   the files left, oldest first
 */
public record Continuation(String bucket, TableName table, List<String> keys) {

    public static final String TYPE = "dms-lake-continuation";
    /** Keys' characters in one message: far enough under SQS's 256 KiB limit, with room for JSON escapes. */
    static final int MAX_KEY_CHARS = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    public Continuation {
        keys = List.copyOf(keys);
    }

    /** {@code keys} handed on in as many messages as they need. */
    public static List<Continuation> of(String bucket, TableName table, List<String> keys) {
        List<Continuation> messages = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int chars = 0;
        for (String key : keys) {
            if (!current.isEmpty() && chars + key.length() > MAX_KEY_CHARS) {
                messages.add(new Continuation(bucket, table, current));
                current = new ArrayList<>();
                chars = 0;
            }
            current.add(key);
            chars += key.length();
        }
        if (!current.isEmpty()) {
            messages.add(new Continuation(bucket, table, current));
        }
        return messages;
    }

    /** The message body. */
    public String body() {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", TYPE).put("bucket", bucket).put("schema", table.schema()).put("table", table.table());
        ArrayNode list = root.putArray("keys");
        keys.forEach(list::add);
        return root.toString();
    }

    /**
     * The continuation a message body carries; empty when the body is something else (an S3 notification). Throws
     * {@link IllegalArgumentException} for a body that says it is a continuation but lacks what one holds.
     */
    public static Optional<Continuation> read(String body) {
        if (body == null || !body.contains(TYPE)) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (root == null || !TYPE.equals(root.path("type").asText())) {
            return Optional.empty();
        }
        String bucket = root.path("bucket").asText("");
        String schema = root.path("schema").asText("");
        String table = root.path("table").asText("");
        JsonNode keys = root.path("keys");
        if (bucket.isEmpty() || schema.isEmpty() || table.isEmpty() || !keys.isArray()) {
            throw new IllegalArgumentException("a " + TYPE + " message lacks bucket, schema, table or keys");
        }
        List<String> list = new ArrayList<>();
        keys.forEach(key -> list.add(key.asText()));
        return Optional.of(new Continuation(bucket, new TableName(schema, table), list));
    }
}
