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
 * makes them {@code ready}), answers a second TestConnection of a pair with HTTP 500, and has no premigration
 * assessments (StartReplicationTaskAssessmentRun, DescribeReplicationTaskAssessmentRuns,
 * DescribeReplicationTaskIndividualAssessments: emulated here, each run ending after a few polls with the individual
 * results a test set, or all passed). Tests and the rehearsal script table statistics and DMS's validation states, and
 * inject failures here, and every DMS call is recorded so tests can assert what the handlers asked for. Moving data
 * is the rehearsal's {@code DmsStandIn}: a full load (PostgreSQL, or MariaDB into converted PostgreSQL tables with
 * {@link MariaDbFullLoad}) when a task starts; no change data capture at all from a MariaDB binlog.
 */
public final class DmsGaps implements LocalLambdaGateway.Interceptor {

    private static final String PREFIX = "AmazonDMSv20160101.";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, List<TableStatistic>> tableStatistics = new ConcurrentHashMap<>();
    private final Map<String, String> failedConnections = new ConcurrentHashMap<>();
    private final Map<String, String> failedTasks = new ConcurrentHashMap<>();
    private final Map<String, String> failedUntilResumed = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Validation>> validations = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<java.util.function.Consumer<String>> startListeners = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, String>> assessmentResults = new ConcurrentHashMap<>();
    private final Map<String, AssessmentRun> assessmentRuns = new ConcurrentHashMap<>();

    /**
     * Individual assessments of the PostgreSQL source checks an emulated run reports when a test sets none (their API
     * keys, from DMS's user guide, "PostgreSQL assessments"), all passed.
     */
    public static final List<String> DEFAULT_ASSESSMENTS = List.of("postgres-check-ddl-event-trigger", "postgres-check-postgis-data-type",
            "postgres-check-maxwalsenders");

    /** One emulated assessment run: what it was started with, and how many times it was described. */
    private static final class AssessmentRun {
        final String arn;
        final String taskArn;
        final String name;
        final String bucket;
        final String folder;
        final String role;
        final Map<String, String> results;
        int polls;

        AssessmentRun(String arn, String taskArn, String name, String bucket, String folder, String role, Map<String, String> results) {
            this.arn = arn;
            this.taskArn = taskArn;
            this.name = name;
            this.bucket = bucket;
            this.folder = folder;
            this.role = role;
            this.results = results;
        }

        /** starting, then running, then the status DMS gives a run with these individual results. */
        String status() {
            if (polls < 1) {
                return "starting";
            }
            if (polls < 2) {
                return "running";
            }
            return results.containsValue("failed") ? "failed" : results.containsValue("warning") || results.containsValue("error") ? "warning" : "passed";
        }
    }

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
     * Makes the task with this identifier report {@code failed} with {@code message} until it is started again with
     * {@code resume-processing}: a failure DMS gets past by resuming from its checkpoint (a source restart, a dropped
     * connection).
     */
    public void failTaskUntilResumed(String taskIdentifier, String message) {
        failedUntilResumed.put(taskIdentifier, message);
    }

    /**
     * The individual assessments (name to status: passed, warning, failed, error, skipped) the premigration assessment
     * runs of the task with this identifier report from now on.
     */
    public void premigrationAssessmentResults(String taskIdentifier, Map<String, String> statuses) {
        assessmentResults.put(taskIdentifier, new java.util.LinkedHashMap<>(statuses));
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
            case "StartReplicationTaskAssessmentRun" -> startAssessmentRun(body, moto, request);
            case "DescribeReplicationTaskAssessmentRuns" -> describeAssessmentRuns(body);
            case "DescribeReplicationTaskIndividualAssessments" -> describeIndividualAssessments(body);
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
            if ("resume-processing".equals(body.path("StartReplicationTaskType").asText())) {
                failedUntilResumed.remove(identifier);
            }
            startListeners.forEach(listener -> listener.accept(identifier));
        }
        return response;
    }

    private Response startAssessmentRun(JsonNode body, Function<Request, Response> moto, Request request) {
        String taskArn = body.path("ReplicationTaskArn").asText();
        String name = body.path("AssessmentRunName").asText();
        // Real DMS assesses a task that exists and is not running.
        Map<String, String> headers = new java.util.HashMap<>(request.headers());
        headers.put("x-amz-target", PREFIX + "DescribeReplicationTasks");
        String describe = "{\"Filters\":[{\"Name\":\"replication-task-arn\",\"Values\":[\"" + taskArn + "\"]}]}";
        JsonNode tasks = parse(patchTasks(moto.apply(new Request("POST", request.uri(), headers,
                describe.getBytes(java.nio.charset.StandardCharsets.UTF_8)))).bodyText()).path("ReplicationTasks");
        if (tasks.isEmpty()) {
            return fault(404, "ResourceNotFoundFault", "Replication task " + taskArn + " not found");
        }
        String status = tasks.path(0).path("Status").asText();
        if (!List.of("ready", "stopped", "failed").contains(status)) {
            return fault(400, "InvalidResourceStateFault", "Replication task is " + status);
        }
        if (assessmentRuns.values().stream().anyMatch(r -> r.taskArn.equals(taskArn) && r.name.equals(name))) {
            return fault(400, "ResourceAlreadyExistsFault", "An assessment run named " + name + " already exists");
        }
        String identifier = tasks.path(0).path("ReplicationTaskIdentifier").asText();
        Map<String, String> results = new java.util.LinkedHashMap<>();
        DEFAULT_ASSESSMENTS.forEach(a -> results.put(a, "passed"));
        results.putAll(assessmentResults.getOrDefault(identifier, Map.of()));
        String arn = taskArn.substring(0, taskArn.indexOf(":task:")) + ":assessment-run:" + java.util.UUID.randomUUID().toString().toUpperCase();
        AssessmentRun run = new AssessmentRun(arn, taskArn, name, body.path("ResultLocationBucket").asText(),
                body.path("ResultLocationFolder").asText(), body.path("ServiceAccessRoleArn").asText(), results);
        assessmentRuns.put(arn, run);
        ObjectNode response = JSON.createObjectNode();
        response.set("ReplicationTaskAssessmentRun", describe(run));
        return Response.json(response.toString());
    }

    private Response describeAssessmentRuns(JsonNode body) {
        ObjectNode response = JSON.createObjectNode();
        ArrayNode runs = response.putArray("ReplicationTaskAssessmentRuns");
        for (AssessmentRun run : assessmentRuns.values()) {
            if (matches(body, "replication-task-arn", run.taskArn) && matches(body, "replication-task-assessment-run-arn", run.arn)) {
                runs.add(describe(run));
                run.polls++;
            }
        }
        return Response.json(response.toString());
    }

    private Response describeIndividualAssessments(JsonNode body) {
        ObjectNode response = JSON.createObjectNode();
        ArrayNode assessments = response.putArray("ReplicationTaskIndividualAssessments");
        for (AssessmentRun run : assessmentRuns.values()) {
            if (!matches(body, "replication-task-assessment-run-arn", run.arn) || !matches(body, "replication-task-arn", run.taskArn)) {
                continue;
            }
            boolean finished = !List.of("starting", "running").contains(run.status());
            run.results.forEach((name, status) -> assessments.addObject()
                    .put("ReplicationTaskIndividualAssessmentArn", run.arn.replace(":assessment-run:", ":individual-assessment:") + "-" + name)
                    .put("ReplicationTaskAssessmentRunArn", run.arn).put("IndividualAssessmentName", name)
                    .put("Status", finished ? status : "pending")
                    .put("ReplicationTaskIndividualAssessmentStartDate", System.currentTimeMillis() / 1000.0));
        }
        return Response.json(response.toString());
    }

    private static ObjectNode describe(AssessmentRun run) {
        ObjectNode node = JSON.createObjectNode().put("ReplicationTaskAssessmentRunArn", run.arn).put("ReplicationTaskArn", run.taskArn)
                .put("Status", run.status()).put("AssessmentRunName", run.name).put("ResultLocationBucket", run.bucket)
                .put("ResultLocationFolder", run.folder).put("ServiceAccessRoleArn", run.role)
                .put("ReplicationTaskAssessmentRunCreationDate", System.currentTimeMillis() / 1000.0);
        node.putObject("AssessmentProgress").put("IndividualAssessmentCount", run.results.size())
                .put("IndividualAssessmentCompletedCount", List.of("starting", "running").contains(run.status()) ? 0 : run.results.size());
        if (run.status().equals("failed")) {
            node.put("LastFailureMessage", "At least one individual assessment failed");
        }
        return node;
    }

    /** Whether the request's filter on {@code name} (absent: no filter) names {@code value}. */
    private static boolean matches(JsonNode body, String name, String value) {
        for (JsonNode filter : body.path("Filters")) {
            if (filter.path("Name").asText().equals(name)) {
                for (JsonNode v : filter.path("Values")) {
                    if (v.asText().equals(value)) {
                        return true;
                    }
                }
                return false;
            }
        }
        return true;
    }

    /** A DMS error as the JSON protocol carries it: the SDK throws the exception named by {@code __type}. */
    private static Response fault(int status, String type, String message) {
        String body = JSON.createObjectNode().put("__type", type).put("message", message).toString();
        return new Response(status, Map.of("Content-Type", "application/x-amz-json-1.1", "x-amzn-ErrorType", type),
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
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
            String failure = failedTasks.getOrDefault(identifier, failedUntilResumed.get(identifier));
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
