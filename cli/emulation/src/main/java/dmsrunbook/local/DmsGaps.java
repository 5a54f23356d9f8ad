package dmsrunbook.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.local.LocalLambdaGateway.Request;
import dmsrunbook.local.LocalLambdaGateway.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Fills what moto's DMS lacks, and nothing more, so the real handlers can run against it: moto moves no data, has no
 * DescribeTableStatistics (so no validation state either), never fails, leaves new tasks in {@code creating} (real DMS
 * makes them {@code ready}), and answers a second TestConnection of a pair with HTTP 500. Tests and the rehearsal script
 * table statistics and DMS's validation states, and inject failures here, and every DMS call is recorded so tests can
 * assert what the handlers asked for.
 */
public final class DmsGaps implements LocalLambdaGateway.Interceptor {

    private static final String PREFIX = "AmazonDMSv20160101.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, List<TableStatistic>> tableStatistics = new ConcurrentHashMap<>();
    private final Map<String, String> failedConnections = new ConcurrentHashMap<>();
    private final Map<String, String> failedTasks = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Validation>> validations = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<java.util.function.Consumer<String>> startListeners = new CopyOnWriteArrayList<>();

    /** One row of DescribeTableStatistics, as DMS reports it. */
    public record TableStatistic(String schema, String table, String state, long fullLoadRows, long inserts, long updates, long deletes) {
    }

    /**
     * What DMS's own validation reports for a table ({@code ValidationState} and its record counts), when the task
     * settings enable it: e.g. "Pending records", "Validated", "Mismatched records".
     */
    public record Validation(String state, long failedRecords, long suspendedRecords, long pendingRecords) {
    }

    /** A DMS call the handlers made: the operation and its JSON request. */
    public record Call(String operation, JsonNode request) {
    }

    /** What DescribeTableStatistics answers for the task with this identifier from now on. */
    public void reportTableStatistics(String taskIdentifier, List<TableStatistic> statistics) {
        tableStatistics.put(taskIdentifier, List.copyOf(statistics));
    }

    /**
     * What DescribeTableStatistics answers, from now on, for the validation of table {@code schemaTable}
     * ("schema.table") of the task with this identifier.
     */
    public void reportValidation(String taskIdentifier, String schemaTable, Validation validation) {
        validations.computeIfAbsent(taskIdentifier, t -> new ConcurrentHashMap<>()).put(schemaTable, validation);
    }

    /** Makes DMS's validation report {@code failedRecords} records of {@code schemaTable} that differ. */
    public void failValidation(String taskIdentifier, String schemaTable, long failedRecords) {
        reportValidation(taskIdentifier, schemaTable, new Validation("Mismatched records", failedRecords, 0, 0));
    }

    /** Makes the connection test of {@code endpointIdentifier} fail with {@code message}, as DMS reports it. */
    public void failConnectionTest(String endpointIdentifier, String message) {
        failedConnections.put(endpointIdentifier, message);
    }

    /** Makes the task with this identifier report {@code failed} with {@code message}. */
    public void failTask(String taskIdentifier, String message) {
        failedTasks.put(taskIdentifier, message);
    }

    /**
     * Calls {@code listener} with the task identifier whenever a task starts: the hook where a test or the rehearsal
     * stands in for DMS's data movement, which moto does not do.
     */
    public void onTaskStarted(java.util.function.Consumer<String> listener) {
        startListeners.add(listener);
    }

    public List<Call> calls(String operation) {
        return calls.stream().filter(c -> c.operation().equals(operation)).toList();
    }

    @Override
    public Optional<Response> intercept(Request request, Function<Request, Response> moto) {
        String target = request.target();
        if (!target.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String operation = target.substring(PREFIX.length());
        JsonNode body = parse(request.bodyText());
        calls.add(new Call(operation, body));
        Response response = switch (operation) {
            case "DescribeTableStatistics" -> describeTableStatistics(body, moto, request);
            case "TestConnection" -> testConnection(body, moto, request);
            case "DescribeConnections" -> patchConnections(moto.apply(request));
            case "DescribeReplicationTasks" -> patchTasks(moto.apply(request));
            case "StartReplicationTask" -> startTask(body, moto, request);
            default -> moto.apply(request);
        };
        return Optional.of(epochTimestamps(response));
    }

    /** moto writes DMS timestamps as ISO strings; the DMS JSON protocol (and so the SDKs) has epoch seconds. */
    private static Response epochTimestamps(Response response) {
        if (response.status() >= 300 || response.body().length == 0) {
            return response;
        }
        JsonNode body = parse(response.bodyText());
        convertTimestamps(body);
        return new Response(response.status(), response.headers(), body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void convertTimestamps(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                if (value.isTextual() && (name.endsWith("Date") || name.endsWith("Time"))) {
                    try {
                        java.time.Instant instant = java.time.OffsetDateTime.parse(value.asText().contains("+") || value.asText().endsWith("Z")
                                ? value.asText() : value.asText() + "Z").toInstant();
                        object.put(name, instant.toEpochMilli() / 1000.0);
                    } catch (java.time.format.DateTimeParseException e) {
                        // Not a timestamp after all.
                    }
                } else {
                    convertTimestamps(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(DmsGaps::convertTimestamps);
        }
    }

    private Response describeTableStatistics(JsonNode body, Function<Request, Response> moto, Request original) {
        String taskArn = body.path("ReplicationTaskArn").asText();
        String identifier = taskArn.substring(taskArn.lastIndexOf(':') + 1);
        ObjectNode response = JSON.createObjectNode().put("ReplicationTaskArn", taskArn);
        ArrayNode rows = response.putArray("TableStatistics");
        Map<String, Validation> validated = validations.getOrDefault(identifier, Map.of());
        for (TableStatistic s : tableStatistics.getOrDefault(identifier, List.of())) {
            ObjectNode row = rows.addObject().put("SchemaName", s.schema()).put("TableName", s.table()).put("TableState", s.state())
                    .put("FullLoadRows", s.fullLoadRows()).put("Inserts", s.inserts()).put("Updates", s.updates())
                    .put("Deletes", s.deletes());
            Validation validation = validated.get(s.schema() + "." + s.table());
            if (validation != null) {
                row.put("ValidationState", validation.state()).put("ValidationFailedRecords", validation.failedRecords())
                        .put("ValidationSuspendedRecords", validation.suspendedRecords())
                        .put("ValidationPendingRecords", validation.pendingRecords());
            }
        }
        return Response.json(response.toString());
    }

    private Response testConnection(JsonNode body, Function<Request, Response> moto, Request request) {
        Response response = moto.apply(request);
        if (response.status() < 500) {
            return response;
        }
        // moto fails a second test of the same pair; real DMS tests again. Answer with the existing connection.
        String endpointArn = body.path("EndpointArn").asText();
        String describe = "{\"Filters\":[{\"Name\":\"endpoint-arn\",\"Values\":[\"" + endpointArn + "\"]}]}";
        // The original headers: moto finds the service and region from the Authorization header's credential scope.
        Map<String, String> headers = new java.util.HashMap<>(request.headers());
        headers.put("x-amz-target", PREFIX + "DescribeConnections");
        Response connections = patchConnections(moto.apply(new Request("POST", request.uri(), headers,
                describe.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        JsonNode first = parse(connections.bodyText()).path("Connections").path(0);
        ObjectNode answer = JSON.createObjectNode();
        answer.set("Connection", first);
        return Response.json(answer.toString());
    }

    private Response startTask(JsonNode body, Function<Request, Response> moto, Request request) {
        Response response = moto.apply(request);
        if (response.status() < 300) {
            String arn = body.path("ReplicationTaskArn").asText();
            String identifier = arn.substring(arn.lastIndexOf(':') + 1);
            startListeners.forEach(listener -> listener.accept(identifier));
        }
        return response;
    }

    private Response patchConnections(Response response) {
        JsonNode body = parse(response.bodyText());
        if (response.status() >= 300 || failedConnections.isEmpty() || !body.has("Connections")) {
            return response;
        }
        for (JsonNode connection : body.get("Connections")) {
            String message = failedConnections.get(connection.path("EndpointIdentifier").asText());
            if (message != null) {
                ((ObjectNode) connection).put("Status", "failed").put("LastFailureMessage", message);
            }
        }
        return Response.json(body.toString());
    }

    private Response patchTasks(Response response) {
        JsonNode body = parse(response.bodyText());
        if (response.status() >= 300 || !body.has("ReplicationTasks")) {
            return response;
        }
        for (JsonNode task : body.get("ReplicationTasks")) {
            ObjectNode t = (ObjectNode) task;
            if ("creating".equals(t.path("Status").asText())) {
                t.put("Status", "ready");
            }
            String identifier = t.path("ReplicationTaskIdentifier").asText();
            List<TableStatistic> statistics = tableStatistics.getOrDefault(identifier, List.of());
            if ("full-load".equals(t.path("MigrationType").asText()) && "running".equals(t.path("Status").asText())
                    && !statistics.isEmpty() && statistics.stream().allMatch(s -> "Table completed".equals(s.state()))) {
                // A full-load-only task stops by itself once every table is loaded.
                t.put("Status", "stopped").put("StopReason", "FULL_LOAD_ONLY_FINISHED");
            }
            String failure = failedTasks.get(identifier);
            if (failure != null) {
                t.put("Status", "failed").put("LastFailureMessage", failure).put("StopReason", "FATAL_ERROR");
            }
        }
        return Response.json(body.toString());
    }

    private static JsonNode parse(String text) {
        try {
            return text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For tests: every call of an operation, newest last. */
    public List<JsonNode> requests(String operation) {
        List<JsonNode> requests = new ArrayList<>();
        calls(operation).forEach(c -> requests.add(c.request()));
        return requests;
    }
}
