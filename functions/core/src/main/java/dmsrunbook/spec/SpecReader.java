package dmsrunbook.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.error.InvalidSpecException;
import dmsrunbook.internal.Json;
import dmsrunbook.mapping.TableMappings;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a migration spec (the execution input) and checks all of it before anything else runs: every problem is
 * reported at once, each with its field path and the fix, as one {@link InvalidSpecException}. Absent optional
 * fields get their documented defaults, so later phases read one complete, normalised spec.
 */
public final class SpecReader {

    /** Lower-case letters, digits and single hyphens; starts with a letter (DMS identifiers and PostgreSQL names). */
    static final Pattern MIGRATION_ID = Pattern.compile("^[a-z](?!.*--)[a-z0-9-]{0,38}[a-z0-9]$");
    private static final Pattern HOST = Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})$|^\\[[0-9a-fA-F:]+]$");
    private static final Pattern DATABASE = Pattern.compile("^[A-Za-z_][A-Za-z0-9_$-]{0,62}$");

    private static final Set<String> TOP_FIELDS = Set.of("migrationId", "engine", "migrationType", "source", "target",
            "tableMappings", "dms", "thresholds", "cutover", "alertTopicArn", "validation", "conversion", "description");
    private static final Set<String> ENDPOINT_FIELDS = Set.of("engine", "host", "port", "database", "sslMode",
            "secretArn", "endpointArn", "dmsSettings");
    private static final Set<String> DMS_FIELDS = Set.of("replicationInstanceArn", "secretsAccessRoleArn", "taskSettings", "restartMode");
    private static final Set<String> THRESHOLD_FIELDS = Set.of("cdcLatencySeconds", "stableForSeconds", "maxWaitSeconds", "pollIntervalSeconds",
            "maxInFlightRowDifferencePercent");
    private static final Set<String> CUTOVER_FIELDS = Set.of("policy", "approvalTimeoutSeconds", "maxFinalLatencySeconds");

    private SpecReader() {
    }

    /** Reads the spec from JSON text. */
    public static MigrationSpec read(String json) {
        JsonNode root;
        try {
            root = Json.tree(json);
        } catch (IllegalArgumentException e) {
            SpecProblems problems = new SpecProblems();
            problems.add("$", e.getMessage(), "send the migration spec as one JSON object");
            throw new InvalidSpecException(problems.all());
        }
        return read(root);
    }

    /** Reads the spec from a JSON tree. */
    public static MigrationSpec read(JsonNode root) {
        SpecProblems problems = new SpecProblems();
        if (root == null || !root.isObject()) {
            problems.add("$", "the spec must be a JSON object", "start from one of the example specs in events/specs/");
            problems.throwIfAny();
        }
        problems.rejectUnknownFields(root, "", TOP_FIELDS);

        String migrationId = problems.text(root, "migrationId", "migrationId", true, MIGRATION_ID,
                "use 2-40 lower-case letters, digits and single hyphens, starting with a letter, e.g. \"fluxocaixa-to-aurora\"");
        ReplicationEngineKind engine = problems.choice(root, "engine", "engine", ReplicationEngineKind.class, ReplicationEngineKind.DMS);
        MigrationType type = problems.choice(root, "migrationType", "migrationType", MigrationType.class, null);
        EndpointSpec source = readEndpoint(root, "source", problems);
        EndpointSpec target = readEndpoint(root, "target", problems);
        JsonNode mappings = root.get("tableMappings");
        boolean mappingsReadable = true;
        if (mappings != null && mappings.isTextual()) {
            // The DMS console and CLI take mappings as a JSON string: accept that spelling too.
            try {
                mappings = Json.tree(mappings.asText());
            } catch (IllegalArgumentException e) {
                problems.add("tableMappings", "is a string that is not JSON", "write the mappings as a JSON object");
                mappings = null;
                mappingsReadable = false;
            }
        }
        if (mappingsReadable) {
            TableMappings.check(mappings, "tableMappings", problems);
        }
        DmsOptions dms = readDms(root, engine, source, target, problems);
        Thresholds thresholds = readThresholds(root, problems);
        CutoverSpec cutover = readCutover(root, problems);
        String alertTopicArn = problems.arn(root, "alertTopicArn", "alertTopicArn", false, "sns", "");
        ValidationSpec validation = ValidationSpecReader.read(root, problems);
        ConversionSpec conversion = ConversionSpecReader.read(root, source, target, problems);

        checkEngineFits(engine, source, target, problems);
        if (source != null && source.engine() == DatabaseEngine.S3) {
            problems.add("source.engine", "s3 cannot be a source here", "use a database engine as the source");
        }
        problems.throwIfAny();
        return new MigrationSpec(migrationId, engine, type, source, target, mappings, dms, thresholds, cutover, alertTopicArn,
                validation, conversion);
    }

    private static EndpointSpec readEndpoint(JsonNode root, String side, SpecProblems problems) {
        var node = problems.object(root, side, side, true, "describe the " + side + " database: engine, host, port, database, secretArn");
        if (node.isEmpty()) {
            return null;
        }
        JsonNode endpoint = node.get();
        problems.rejectUnknownFields(endpoint, side, ENDPOINT_FIELDS);
        DatabaseEngine engine = problems.choice(endpoint, "engine", side + ".engine", DatabaseEngine.class, null);
        String endpointArn = problems.arn(endpoint, "endpointArn", side + ".endpointArn", false, "dms", "endpoint:");
        var settings = problems.object(endpoint, "dmsSettings", side + ".dmsSettings", false,
                "write the engine's DMS settings as an object, e.g. {\"BucketName\": \"...\"}");
        if (engine == null) {
            return null;
        }
        settings.flatMap(s -> DmsEndpointSettings.problem(engine, s))
                .ifPresent(problem -> problems.add(side + ".dmsSettings", problem, "use the setting names of DMS's "
                        + DmsEndpointSettings.typeName(engine) + " (see the DMS API reference)"));
        if (engine == DatabaseEngine.S3) {
            return readS3Endpoint(side, endpoint, endpointArn, settings.orElse(null), problems);
        }
        String host = problems.text(endpoint, "host", side + ".host", true, HOST, "set the database host name or IP address");
        Integer port = problems.integer(endpoint, "port", side + ".port", engine.defaultPort(), 1, 65535, null);
        String database = problems.text(endpoint, "database", side + ".database", true, DATABASE,
                "set the database name (for MySQL, the schema DMS connects to)");
        SslMode ssl = problems.choice(endpoint, "sslMode", side + ".sslMode", SslMode.class, SslMode.REQUIRE);
        String secretArn = problems.arn(endpoint, "secretArn", side + ".secretArn", true, "secretsmanager", "secret:");
        return new EndpointSpec(engine, host, port, database, ssl, secretArn, endpointArn, settings.orElse(null));
    }

    private static EndpointSpec readS3Endpoint(String side, JsonNode endpoint, String endpointArn, JsonNode settings, SpecProblems problems) {
        for (String field : new String[] {"host", "port", "database", "sslMode", "secretArn"}) {
            if (endpoint.has(field)) {
                problems.add(side + "." + field, "does not apply to an s3 endpoint", "remove it; put BucketName and the rest in dmsSettings");
            }
        }
        ObjectNode s3 = settings == null ? Json.MAPPER.createObjectNode() : settings.deepCopy();
        if (endpointArn == null) {
            problems.text(s3, "BucketName", side + ".dmsSettings.BucketName", true, null, "name the S3 bucket DMS writes to");
            problems.arn(s3, "ServiceAccessRoleArn", side + ".dmsSettings.ServiceAccessRoleArn", true, "iam", "role/");
        }
        String format = s3.path("DataFormat").asText("parquet");
        if (!format.equals("parquet")) {
            problems.add(side + ".dmsSettings.DataFormat", "'" + format + "' cannot feed the lake", "use \"parquet\" (the lake compacts Parquet)");
        }
        s3.put("DataFormat", "parquet");
        return new EndpointSpec(DatabaseEngine.S3, null, null, null, null, null, endpointArn, s3);
    }

    private static DmsOptions readDms(JsonNode root, ReplicationEngineKind engine, EndpointSpec source, EndpointSpec target, SpecProblems problems) {
        boolean required = engine == ReplicationEngineKind.DMS;
        var node = problems.object(root, "dms", "dms", required, "add \"dms\": {\"replicationInstanceArn\": \"arn:aws:dms:...:rep:...\"}");
        if (node.isEmpty()) {
            return null;
        }
        JsonNode dms = node.get();
        if (!required) {
            problems.add("dms", "applies only to engine \"dms\"", "remove it, or set \"engine\": \"dms\"");
        }
        problems.rejectUnknownFields(dms, "dms", DMS_FIELDS);
        String instance = problems.arn(dms, "replicationInstanceArn", "dms.replicationInstanceArn", true, "dms", "rep:");
        boolean createsDatabaseEndpoint = (source != null && source.engine().isDatabase() && !source.hasExistingEndpoint())
                || (target != null && target.engine().isDatabase() && !target.hasExistingEndpoint());
        String secretsRole = problems.arn(dms, "secretsAccessRoleArn", "dms.secretsAccessRoleArn", createsDatabaseEndpoint, "iam", "role/");
        var settings = problems.object(dms, "taskSettings", "dms.taskSettings", false, "write DMS task settings as a JSON object");
        RestartMode restart = problems.choice(dms, "restartMode", "dms.restartMode", RestartMode.class, RestartMode.RESUME);
        return new DmsOptions(instance, secretsRole, settings.orElse(null), restart);
    }

    private static Thresholds readThresholds(JsonNode root, SpecProblems problems) {
        JsonNode node = problems.object(root, "thresholds", "thresholds", false, "write thresholds as an object").orElse(null);
        problems.rejectUnknownFields(node, "thresholds", THRESHOLD_FIELDS);
        int latency = problems.integer(node, "cdcLatencySeconds", "thresholds.cdcLatencySeconds", Thresholds.DEFAULT_CDC_LATENCY_SECONDS, 0, 3600, "seconds");
        int stable = problems.integer(node, "stableForSeconds", "thresholds.stableForSeconds", Thresholds.DEFAULT_STABLE_FOR_SECONDS, 0, 86_400, "seconds");
        int maxWait = problems.integer(node, "maxWaitSeconds", "thresholds.maxWaitSeconds", Thresholds.DEFAULT_MAX_WAIT_SECONDS, 60, 30 * 86_400, "seconds");
        int poll = problems.integer(node, "pollIntervalSeconds", "thresholds.pollIntervalSeconds", Thresholds.DEFAULT_POLL_INTERVAL_SECONDS, 1, 3600, "seconds");
        if (stable >= maxWait) {
            problems.add("thresholds.stableForSeconds", stable + " s is not shorter than maxWaitSeconds (" + maxWait + " s)",
                    "make maxWaitSeconds longer than stableForSeconds");
        }
        double inFlight = Thresholds.DEFAULT_MAX_IN_FLIGHT_ROW_DIFFERENCE_PERCENT;
        JsonNode percent = node == null ? null : node.get("maxInFlightRowDifferencePercent");
        if (percent != null && !percent.isNull()) {
            if (!percent.isNumber() || percent.asDouble() < 0 || percent.asDouble() > 100) {
                problems.add("thresholds.maxInFlightRowDifferencePercent", "must be a number from 0 to 100",
                        "use e.g. 1.0 (0 demands equal counts even while the application writes)");
            } else {
                inFlight = percent.asDouble();
            }
        }
        return new Thresholds(latency, stable, maxWait, poll, inFlight);
    }

    private static CutoverSpec readCutover(JsonNode root, SpecProblems problems) {
        JsonNode node = problems.object(root, "cutover", "cutover", false, "write cutover as an object").orElse(null);
        problems.rejectUnknownFields(node, "cutover", CUTOVER_FIELDS);
        CutoverPolicy policy = problems.choice(node, "policy", "cutover.policy", CutoverPolicy.class, CutoverPolicy.APPROVAL);
        int timeout = problems.integer(node, "approvalTimeoutSeconds", "cutover.approvalTimeoutSeconds",
                CutoverSpec.DEFAULT_APPROVAL_TIMEOUT_SECONDS, 60, 30 * 86_400, "seconds");
        int finalLatency = problems.integer(node, "maxFinalLatencySeconds", "cutover.maxFinalLatencySeconds",
                CutoverSpec.DEFAULT_MAX_FINAL_LATENCY_SECONDS, 0, 600, "seconds");
        return new CutoverSpec(policy, timeout, finalLatency);
    }

    private static void checkEngineFits(ReplicationEngineKind engine, EndpointSpec source, EndpointSpec target, SpecProblems problems) {
        if (engine != ReplicationEngineKind.POSTGRES_NATIVE) {
            return;
        }
        if (source != null && source.engine().family() != DatabaseEngine.Family.POSTGRES) {
            problems.add("source.engine", "postgres-native replicates only from PostgreSQL", "use \"engine\": \"dms\" for a " + source.engine().value() + " source");
        }
        if (target != null && target.engine().family() != DatabaseEngine.Family.POSTGRES) {
            problems.add("target.engine", "postgres-native replicates only into PostgreSQL", "use \"engine\": \"dms\" for a " + target.engine().value() + " target");
        }
        for (EndpointSpec side : new EndpointSpec[] {source, target}) {
            if (side != null && side.hasExistingEndpoint()) {
                problems.add((side == source ? "source" : "target") + ".endpointArn", "is a DMS endpoint; postgres-native does not use DMS",
                        "remove endpointArn");
            }
        }
    }
}
