package dmsrunbook.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.error.InvalidSpecException;
import dmsrunbook.internal.Json;
import dmsrunbook.mapping.TableMappings;
import java.util.regex.Pattern;

/**
 * Reads a migration spec (the execution input) and checks all of it before anything else runs: its structure against
 * the JSON Schema ({@link MigrationSpecSchema}), then in code what a schema cannot say. Every problem is reported at
 * once, each with its field path and the fix, as one {@link InvalidSpecException}. Absent optional fields get their
 * documented defaults, so later phases read one complete, normalised spec.
 */
public final class SpecReader {

    /** Lower-case letters, digits and single hyphens; starts with a letter (DMS identifiers and PostgreSQL names). */
    static final Pattern MIGRATION_ID = Pattern.compile("^[a-z](?!.*--)[a-z0-9-]{0,38}[a-z0-9]$");
    private static final Pattern HOST = Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})$|^\\[[0-9a-fA-F:]+]$");
    private static final Pattern DATABASE = Pattern.compile("^[A-Za-z_][A-Za-z0-9_$-]{0,62}$");

    private static final String PREP_MODE_PATH = "dms.taskSettings.FullLoadSettings.TargetTablePrepMode";
    /** An S3 bucket name as S3 allows it. */
    private static final Pattern BUCKET = Pattern.compile("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$");

    private SpecReader() {
    }

    /**
     * Reads the spec from JSON text: at most 256 KB (what Step Functions takes), one JSON object, no key twice, nothing
     * after it; then as {@link #read(JsonNode)}.
     */
    public static MigrationSpec read(String json) {
        return read(SpecText.parse(json));
    }

    /**
     * Reads the spec from a JSON tree, ARNs checked for their shape only: what the stack may reach is checked once,
     * by ValidateMigrationSpec ({@link #read(JsonNode, StackScope)}), and later phases read the spec it passed.
     */
    public static MigrationSpec read(JsonNode root) {
        return read(root, StackScope.UNKNOWN);
    }

    /** Reads the spec from JSON text, checking ARNs against {@code scope}. */
    public static MigrationSpec read(String json, StackScope scope) {
        return read(SpecText.parse(json), scope);
    }

    /**
     * Reads the spec from a JSON tree: its structure first, against the JSON Schema (the one in events/schema), then
     * what the schema cannot say (engines that fit, thresholds that agree, the stack's {@code scope} ...).
     */
    public static MigrationSpec read(JsonNode root, StackScope scope) {
        SpecProblems problems = new SpecProblems();
        if (root == null || !root.isObject()) {
            problems.add("$", "the spec must be a JSON object", "start from one of the example specs in events/specs/");
            problems.throwIfAny();
        }
        problems.addStructural(MigrationSpecSchema.problems(root));
        return readChecked(root, scope, problems);
    }

    /** The semantic reading, after the schema: package-private so a test can see which fields it reads. */
    static MigrationSpec readChecked(JsonNode root, StackScope scope, SpecProblems problems) {
        problems.text(root, "description", "description", false, null, "describe the migration in words, as a JSON string");
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
        int problemsBeforeMappings = problems.size();
        if (mappingsReadable) {
            TableMappings.check(mappings, "tableMappings", problems);
        }
        boolean mappingsTransform = mappingsReadable && problems.size() == problemsBeforeMappings && TableMappings.parse(mappings).transforms();
        SchemaSpec schema = readSchema(root, source, target, mappingsTransform, problems)
                .withAiAssist(AiAssistSpecReader.read(root, source, target, problems));
        DmsOptions dms = prepModeFollowsSchema(readDms(root, engine, source, target, problems), engine, schema, problems);
        Thresholds thresholds = readThresholds(root, problems);
        CutoverSpec cutover = readCutover(root, problems);
        String alertTopicArn = problems.arn(root, "alertTopicArn", "alertTopicArn", false, "sns", "");
        ValidationSpec validation = ValidationSpecReader.read(root, problems);
        AssessmentOptions assessment = readAssessment(root, engine, problems);
        ConversionSpec conversion = ConversionSpecReader.read(root, source, target, problems);
        FaultSpec faults = FaultSpecReader.read(root, problems);

        checkScope(scope, source, target, dms, alertTopicArn, assessment, problems);
        if (schema.aiAssist() != null) {
            scope.checkAiAssistModel("schema.aiAssist.modelId", schema.aiAssist().modelId(), problems);
        }
        checkEngineFits(engine, source, target, problems);
        SourceIsNotTarget.check(engine, source, target, problems);
        if (source != null && source.engine() == DatabaseEngine.S3) {
            problems.add("source.engine", "s3 cannot be a source here", "use a database engine as the source");
        }
        problems.throwIfAny();
        return new MigrationSpec(migrationId, engine, type, source, target, mappings, dms, thresholds, cutover, schema, alertTopicArn,
                validation, assessment, conversion, faults);
    }

    private static EndpointSpec readEndpoint(JsonNode root, String side, SpecProblems problems) {
        var node = problems.object(root, side, side, true, "describe the " + side + " database: engine, host, port, database, secretArn");
        if (node.isEmpty()) {
            return null;
        }
        JsonNode endpoint = node.get();
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
        Boolean allowNonEmptyTables = problems.flag(endpoint, "allowNonEmptyTables", side + ".allowNonEmptyTables");
        if (allowNonEmptyTables != null && side.equals("source")) {
            problems.add("source.allowNonEmptyTables", "applies only to the target", "remove it; put it in target if the target's rows may be erased");
        }
        return new EndpointSpec(engine, host, port, database, ssl, secretArn, endpointArn, settings.orElse(null), allowNonEmptyTables);
    }

    private static EndpointSpec readS3Endpoint(String side, JsonNode endpoint, String endpointArn, JsonNode settings, SpecProblems problems) {
        for (String field : new String[] {"host", "port", "database", "sslMode", "secretArn", "allowNonEmptyTables"}) {
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
            problems.add(side + ".dmsSettings.DataFormat", "cannot feed the lake " + SpecEcho.unrepeated(format), "use \"parquet\" (the lake compacts Parquet)");
        }
        s3.put("DataFormat", "parquet");
        return new EndpointSpec(DatabaseEngine.S3, null, null, null, null, null, endpointArn, s3, null);
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
        int latency = problems.integer(node, "cdcLatencySeconds", "thresholds.cdcLatencySeconds", Thresholds.DEFAULT_CDC_LATENCY_SECONDS, 0, 3600, "seconds");
        int stable = problems.integer(node, "stableForSeconds", "thresholds.stableForSeconds", Thresholds.DEFAULT_STABLE_FOR_SECONDS, 0, 86_400, "seconds");
        int maxWait = problems.integer(node, "maxWaitSeconds", "thresholds.maxWaitSeconds", Thresholds.DEFAULT_MAX_WAIT_SECONDS, 60, 30 * 86_400, "seconds");
        int poll = problems.integer(node, "pollIntervalSeconds", "thresholds.pollIntervalSeconds", Thresholds.DEFAULT_POLL_INTERVAL_SECONDS, 1, 3600, "seconds");
        if (stable > 0 && poll > stable) {
            problems.add("thresholds.pollIntervalSeconds", poll + " s is longer than stableForSeconds (" + stable + " s): a replication "
                    + "stable for less than one poll could never be seen as stable", "poll at most every " + stable + " s, or raise stableForSeconds");
        }
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
        CutoverPolicy policy = problems.choice(node, "policy", "cutover.policy", CutoverPolicy.class, CutoverPolicy.APPROVAL);
        int timeout = problems.integer(node, "approvalTimeoutSeconds", "cutover.approvalTimeoutSeconds",
                CutoverSpec.DEFAULT_APPROVAL_TIMEOUT_SECONDS, 60, 30 * 86_400, "seconds");
        int finalLatency = problems.integer(node, "maxFinalLatencySeconds", "cutover.maxFinalLatencySeconds",
                CutoverSpec.DEFAULT_MAX_FINAL_LATENCY_SECONDS, 0, 600, "seconds");
        return new CutoverSpec(policy, timeout, finalLatency);
    }

    private static SchemaSpec readSchema(JsonNode root, EndpointSpec source, EndpointSpec target, boolean mappingsTransform,
                                         SpecProblems problems) {
        JsonNode node = problems.object(root, "schema", "schema", false, "write schema as an object, e.g. {\"mode\": \"apply\"}").orElse(null);
        boolean postgresToPostgres = source != null && target != null
                && source.engine().family() == DatabaseEngine.Family.POSTGRES && target.engine().family() == DatabaseEngine.Family.POSTGRES;
        // DMS's own table creation leaves bare tables (no secondary indexes, defaults or foreign keys) and a hand-made
        // schema rarely matches the conversion, so a MySQL source's schema is converted unless the spec says otherwise.
        boolean mysqlToPostgres = source != null && target != null
                && source.engine().family() == DatabaseEngine.Family.MYSQL && target.engine().family() == DatabaseEngine.Family.POSTGRES;
        SchemaMode mode = problems.choice(node, "mode", "schema.mode", SchemaMode.class,
                postgresToPostgres || source == null || target == null ? SchemaMode.VERIFY : mysqlToPostgres ? SchemaMode.APPLY : SchemaMode.NONE);
        if (source == null || target == null || mode == SchemaMode.NONE) {
            return new SchemaSpec(mode);
        }
        if (!target.engine().isDatabase()) {
            problems.add("schema.mode", "an s3 target has no schema to " + mode.value(), "set \"mode\": \"none\", or remove schema");
        } else if (!postgresToPostgres && !mysqlToPostgres) {
            problems.add("schema.mode", mode.value() + " makes PostgreSQL targets (from PostgreSQL, MySQL or MariaDB), not " + source.engine().value()
                    + " to " + target.engine().value(), "set \"mode\": \"none\" and create the target's schema yourself");
        } else if (postgresToPostgres && mode == SchemaMode.APPLY && mappingsTransform) {
            // A MySQL conversion names every target object from the mappings; PostgreSQL DDL bodies keep the source's names.
            problems.add("schema.mode", "apply creates the source's schema under its own names, but the table mappings' transformation "
                    + "rules rename or change objects on the target", "remove the transformation rules, or create the target's schema "
                    + "yourself and set \"mode\": \"verify\" (schema renames) or \"none\"");
        }
        return new SchemaSpec(mode);
    }

    /**
     * A schema the workflow prepared (or verified) must survive the full load: DMS then leaves the target's tables as
     * they are ({@code DO_NOTHING}, set here when the task settings leave it unset), and a spec asking DMS to drop and
     * re-create them is refused.
     */
    private static DmsOptions prepModeFollowsSchema(DmsOptions dms, ReplicationEngineKind engine, SchemaSpec schema, SpecProblems problems) {
        if (dms == null || engine != ReplicationEngineKind.DMS || !schema.mode().preparesTarget()) {
            return dms;
        }
        JsonNode prepMode = dms.taskSettings() == null ? null : dms.taskSettings().path("FullLoadSettings").get("TargetTablePrepMode");
        if (prepMode != null && !prepMode.isNull()) {
            if ("DROP_AND_CREATE".equals(prepMode.asText())) {
                problems.add(PREP_MODE_PATH, "DROP_AND_CREATE would drop the tables that schema.mode " + schema.mode().value()
                                + " makes match the source's, and re-create them without their defaults, indexes and constraints",
                        "remove it (the runbook sets DO_NOTHING), or set schema.mode to \"none\" to let DMS create the tables");
            }
            return dms;
        }
        ObjectNode settings = dms.taskSettings() == null ? Json.MAPPER.createObjectNode() : dms.taskSettings().deepCopy();
        JsonNode fullLoad = settings.get("FullLoadSettings");
        if (fullLoad != null && !fullLoad.isObject()) {
            problems.add("dms.taskSettings.FullLoadSettings", "must be a JSON object", "write the full-load settings as DMS takes them");
            return dms;
        }
        (fullLoad == null ? settings.putObject("FullLoadSettings") : (ObjectNode) fullLoad).put("TargetTablePrepMode", "DO_NOTHING");
        return new DmsOptions(dms.replicationInstanceArn(), dms.secretsAccessRoleArn(), settings, dms.restartMode());
    }

    private static AssessmentOptions readAssessment(JsonNode root, ReplicationEngineKind engine, SpecProblems problems) {
        var node = problems.object(root, "assessment", "assessment", false, "write assessment as an object");
        if (node.isEmpty()) {
            return null;
        }
        JsonNode assessment = node.get();
        // Optional: absent, the platform is the one the target engine and the target itself say.
        TargetPlatformKind platform = assessment.hasNonNull("targetPlatform") ? problems.choice(assessment, "targetPlatform",
                "assessment.targetPlatform", TargetPlatformKind.class, TargetPlatformKind.SELF_MANAGED_POSTGRESQL) : null;
        Integer version = problems.integer(assessment, "targetVersion", "assessment.targetVersion", null, 10, 99, null);
        var premigration = problems.object(assessment, "dmsPremigration", "assessment.dmsPremigration", false,
                "write {\"resultsBucket\": \"...\", \"serviceAccessRoleArn\": \"arn:aws:iam::...:role/...\"}");
        AssessmentOptions.DmsPremigrationOptions dmsPremigration = null;
        if (premigration.isPresent()) {
            JsonNode options = premigration.get();
            if (engine != ReplicationEngineKind.DMS) {
                problems.add("assessment.dmsPremigration", "applies only to engine \"dms\"", "remove it, or set \"engine\": \"dms\"");
            }
            String bucket = problems.text(options, "resultsBucket", "assessment.dmsPremigration.resultsBucket", true, BUCKET,
                    "name the S3 bucket (in the replication instance's region) DMS writes the assessment results to");
            String role = problems.arn(options, "serviceAccessRoleArn", "assessment.dmsPremigration.serviceAccessRoleArn", true, "iam", "role/");
            String folder = problems.text(options, "resultsFolder", "assessment.dmsPremigration.resultsFolder", false, null,
                    "name a folder of the bucket, e.g. \"dms-assessments\"");
            dmsPremigration = new AssessmentOptions.DmsPremigrationOptions(bucket, role, folder);
        }
        return new AssessmentOptions(platform, version, dmsPremigration);
    }

    /** Every ARN the stack's functions or DMS will use, against what the stack may reach (nothing when the scope is unknown). */
    private static void checkScope(StackScope scope, EndpointSpec source, EndpointSpec target, DmsOptions dms, String alertTopicArn,
                                   AssessmentOptions assessment, SpecProblems problems) {
        for (EndpointSpec side : new EndpointSpec[] {source, target}) {
            if (side == null) {
                continue;
            }
            String name = side == source ? "source" : "target";
            scope.checkSecret(name + ".secretArn", side.secretArn(), problems);
            scope.checkRegional(name + ".endpointArn", side.endpointArn(), problems);
            if (side.engine() == DatabaseEngine.S3 && side.dmsSettings() != null && side.dmsSettings().path("ServiceAccessRoleArn").isTextual()) {
                scope.checkRole(name + ".dmsSettings.ServiceAccessRoleArn", side.dmsSettings().get("ServiceAccessRoleArn").asText(), problems);
            }
        }
        if (dms != null) {
            scope.checkRegional("dms.replicationInstanceArn", dms.replicationInstanceArn(), problems);
            scope.checkRole("dms.secretsAccessRoleArn", dms.secretsAccessRoleArn(), problems);
        }
        scope.checkAlertTopic("alertTopicArn", alertTopicArn, problems);
        if (assessment != null && assessment.dmsPremigration() != null) {
            scope.checkRole("assessment.dmsPremigration.serviceAccessRoleArn", assessment.dmsPremigration().serviceAccessRoleArn(), problems);
        }
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
