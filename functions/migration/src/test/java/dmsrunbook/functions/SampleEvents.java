package dmsrunbook.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.internal.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The sample events of events/migration (one per handler, also for {@code sam local invoke}): what the state machine
 * sends each handler at its point of the fluxocaixa migration, and a way to invoke a handler with one.
 */
final class SampleEvents {

    private SampleEvents() {
    }

    /** events/migration/&lt;Handler&gt;.json, as a tree a test may edit. */
    static ObjectNode of(Class<? extends RequestStreamHandler> handler) {
        try {
            return (ObjectNode) Json.tree(Files.readString(root().resolve("events/migration/" + handler.getSimpleName() + ".json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The normalised spec the event carries. */
    static ObjectNode spec(ObjectNode event) {
        return (ObjectNode) event.path("state").path("spec");
    }

    /** Streams the event through the handler as the Lambda runtime does, and reads its JSON answer. */
    static JsonNode invoke(RequestStreamHandler handler, JsonNode event) {
        return invoke(handler, event, null);
    }

    /** The same, in an invocation with this context (its remaining time, for phases that work within it). */
    static JsonNode invoke(RequestStreamHandler handler, JsonNode event, Context context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event.toString().getBytes()), out, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Json.tree(out.toString());
    }

    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("template.yaml not found above " + Path.of("").toAbsolutePath());
    }
}
