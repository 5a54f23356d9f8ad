package dmsrunbook.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.error.InvalidSpecException;
import dmsrunbook.error.InvalidSpecException.SpecProblem;
import dmsrunbook.internal.Json;
import dmsrunbook.testing.ProjectFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The first phase of every migration: a spec is read whole, gets its defaults, and a bad one fails once, naming every
 * problem with its field path and its fix, before anything touches AWS or a database.
 */
class SpecReaderTest {

    /** The smallest spec a user can write for a PostgreSQL-to-PostgreSQL DMS migration: everything else defaults. */
    private static final String MINIMAL = """
            {
              "migrationId": "orders-move",
              "migrationType": "full-load-and-cdc",
              "source": {"engine": "postgres", "host": "db.example.internal", "database": "orders",
                         "secretArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:dms-runbook/orders-src"},
              "target": {"engine": "mysql", "host": "mysql.example.internal", "database": "orders",
                         "secretArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:dms-runbook/orders-tgt"},
              "tableMappings": {"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "all",
                  "object-locator": {"schema-name": "public", "table-name": "%"}, "rule-action": "include"}]},
              "dms": {"replicationInstanceArn": "arn:aws:dms:us-east-1:123456789012:rep:orders-instance",
                      "secretsAccessRoleArn": "arn:aws:iam::123456789012:role/dms-runbook-secrets-access"}
            }
            """;

    static List<Path> exampleSpecs() {
        return ProjectFiles.exampleSpecs();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exampleSpecs")
    void everyShippedExampleSpec_readsWithoutAProblem(Path example) {
        // WHEN the example a user would start from is read
        MigrationSpec spec = SpecReader.read(ProjectFiles.read(example));

        // THEN it is complete, and its mappings select something
        assertThat(spec.migrationId()).isNotBlank();
        assertThat(spec.thresholds()).isNotNull();
        assertThat(spec.mappings().schemaPatterns()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exampleSpecs")
    void normalisedExampleSpec_readsBackToTheSameSpec_asEveryLaterPhaseReadsIt(Path example) {
        // GIVEN the spec as ValidateMigrationSpec hands it to the next phases (the normalised JSON)
        MigrationSpec spec = SpecReader.read(ProjectFiles.read(example));
        ObjectNode normalised = Json.MAPPER.valueToTree(spec);

        // WHEN a later phase reads it again THEN it is the same spec
        assertThat(SpecReader.read(normalised)).isEqualTo(spec);
    }

    @Test
    void minimalSpec_getsEveryDocumentedDefault() {
        // WHEN a spec naming only what has no default is read
        MigrationSpec spec = SpecReader.read(MINIMAL);

        // THEN thresholds, cutover, SSL, ports and restart mode take their documented defaults
        assertThat(spec.engine()).isEqualTo(ReplicationEngineKind.DMS);
        assertThat(spec.thresholds()).isEqualTo(new Thresholds(10, 300, 48 * 3600, 60, 1.0));
        assertThat(spec.cutover()).isEqualTo(new CutoverSpec(CutoverPolicy.APPROVAL, 72 * 3600, 1));
        assertThat(spec.source().sslMode()).isEqualTo(SslMode.REQUIRE);
        assertThat(spec.target().sslMode()).isEqualTo(SslMode.REQUIRE);
        assertThat(spec.source().port()).as("PostgreSQL's port").isEqualTo(5432);
        assertThat(spec.target().port()).as("MySQL's port").isEqualTo(3306);
        assertThat(spec.dms().restartMode()).isEqualTo(RestartMode.RESUME);
        assertThat(spec.alertTopicArn()).isNull();
        assertThat(spec.schema()).as("a PostgreSQL source's schema cannot be compared with a MySQL target's")
                .isEqualTo(new SchemaSpec(SchemaMode.NONE));
    }

    @Test
    void postgresToPostgres_verifiesTheSchemaByDefault_andDmsThenLeavesTheTablesAsTheyAre() {
        // GIVEN a PostgreSQL-to-PostgreSQL DMS spec that says nothing of the schema nor of the task's prep mode
        ObjectNode json = minimal();
        endpoint(json, "target").put("engine", "aurora-postgresql").remove("port");

        MigrationSpec spec = SpecReader.read(json);

        // THEN the target's schema is verified, and DMS must not drop the verified tables (its default is DROP_AND_CREATE)
        assertThat(spec.schema()).isEqualTo(new SchemaSpec(SchemaMode.VERIFY));
        assertThat(spec.dms().taskSettings().at("/FullLoadSettings/TargetTablePrepMode").asText()).isEqualTo("DO_NOTHING");
        assertThat(json.at("/dms/taskSettings").isMissingNode()).as("the input is not changed").isTrue();
    }

    @Test
    void schemaApplied_keepsTheTasksOtherSettingsAndAnExplicitTruncate() {
        ObjectNode json = minimal();
        endpoint(json, "target").put("engine", "postgres").remove("port");
        json.putObject("schema").put("mode", "apply");
        ObjectNode settings = ((ObjectNode) json.get("dms")).putObject("taskSettings");
        settings.putObject("TargetMetadata").put("LobMaxSize", 64);

        assertThat(SpecReader.read(json).dms().taskSettings().toString())
                .isEqualTo("{\"TargetMetadata\":{\"LobMaxSize\":64},\"FullLoadSettings\":{\"TargetTablePrepMode\":\"DO_NOTHING\"}}");

        settings.putObject("FullLoadSettings").put("TargetTablePrepMode", "TRUNCATE_BEFORE_LOAD");
        assertThat(SpecReader.read(json).dms().taskSettings().at("/FullLoadSettings/TargetTablePrepMode").asText())
                .isEqualTo("TRUNCATE_BEFORE_LOAD");
    }

    @Test
    void schemaApplied_withDmsAskedToDropAndCreateTheTables_isRejected_namingTheSettingAndTheFix() {
        ObjectNode json = minimal();
        endpoint(json, "target").put("engine", "postgres").remove("port");
        json.putObject("schema").put("mode", "apply");
        ((ObjectNode) json.get("dms")).putObject("taskSettings").putObject("FullLoadSettings").put("TargetTablePrepMode", "DROP_AND_CREATE");

        List<SpecProblem> problems = problems(json);

        assertThat(problems).extracting(SpecProblem::path).containsExactly("dms.taskSettings.FullLoadSettings.TargetTablePrepMode");
        assertThat(problems.get(0).problem()).contains("DROP_AND_CREATE would drop the tables that schema.mode apply makes match");
        assertThat(problems.get(0).fix()).contains("DO_NOTHING", "schema.mode to \"none\"");
    }

    @Test
    void schemaModeNone_leavesTheTasksPrepModeToDms() {
        ObjectNode json = minimal();
        endpoint(json, "target").put("engine", "postgres").remove("port");
        json.putObject("schema").put("mode", "none");
        ((ObjectNode) json.get("dms")).putObject("taskSettings").putObject("FullLoadSettings").put("TargetTablePrepMode", "DROP_AND_CREATE");

        assertThat(SpecReader.read(json).dms().taskSettings().at("/FullLoadSettings/TargetTablePrepMode").asText()).isEqualTo("DROP_AND_CREATE");
    }

    @Test
    void mysqlSourceToPostgres_convertsTheSchemaByDefault_andMayApplyOrVerifyWithTransformationRules() {
        // GIVEN the MySQL example, whose mappings rename the schema and lower-case the tables
        ObjectNode json = (ObjectNode) ProjectFiles.json("events/specs/mysql-to-postgres.json");

        // THEN without a schema block the conversion is applied, and DMS leaves the converted tables as they are
        MigrationSpec spec = SpecReader.read(json);
        assertThat(spec.schema().mode()).isEqualTo(SchemaMode.APPLY);
        assertThat(spec.dms().taskSettings().at("/FullLoadSettings/TargetTablePrepMode").asText()).isEqualTo("DO_NOTHING");
        json.putObject("schema").put("mode", "verify");
        assertThat(SpecReader.read(json).schema().mode()).isEqualTo(SchemaMode.VERIFY);
        json.putObject("schema").put("mode", "none");
        assertThat(SpecReader.read(json).schema().mode()).isEqualTo(SchemaMode.NONE);
    }

    @Test
    void mysqlSourceToPostgres_withDmsDropAndCreate_isRejectedByTheDefaultApply_namingThePrepModeAndTheFix() {
        // GIVEN the MySQL example whose task would let DMS drop and re-create the tables (its bare ones)
        ObjectNode json = (ObjectNode) ProjectFiles.json("events/specs/mysql-to-postgres.json");
        ((ObjectNode) json.at("/dms/taskSettings/FullLoadSettings")).put("TargetTablePrepMode", "DROP_AND_CREATE");

        List<SpecProblem> problems = problems(json);

        assertThat(problems).extracting(SpecProblem::path).containsExactly("dms.taskSettings.FullLoadSettings.TargetTablePrepMode");
        assertThat(problems.get(0).fix()).contains("schema.mode", "\"none\"");
        json.putObject("schema").put("mode", "none");
        assertThat(SpecReader.read(json).dms().taskSettings().at("/FullLoadSettings/TargetTablePrepMode").asText()).isEqualTo("DROP_AND_CREATE");
    }

    @Test
    void mysqlTarget_withSchemaApplyOrVerify_isRejected_namingTheFieldAndTheFix() {
        ObjectNode json = minimal();
        endpoint(json, "source").put("engine", "mysql").remove("port");
        endpoint(json, "target").put("engine", "mariadb").remove("port");
        json.putObject("schema").put("mode", "apply");

        List<SpecProblem> problems = problems(json);

        assertThat(problems).extracting(SpecProblem::path).containsExactly("schema.mode");
        assertThat(problems.get(0).problem()).isEqualTo("apply makes PostgreSQL targets (from PostgreSQL, MySQL or MariaDB), not mysql to mariadb");
        assertThat(problems.get(0).fix()).contains("\"none\"");
        json.putObject("schema").put("mode", "verify");
        assertThat(problems(json)).extracting(SpecProblem::problem)
                .containsExactly("verify makes PostgreSQL targets (from PostgreSQL, MySQL or MariaDB), not mysql to mariadb");
        json.remove("schema");
        assertThat(SpecReader.read(json).schema().mode()).as("the default between MySQL databases").isEqualTo(SchemaMode.NONE);
    }

    @Test
    void schemaOfAnS3Target_anUnknownMode_orApplyWithRenames_areRejected() {
        ObjectNode s3 = (ObjectNode) ProjectFiles.json("events/specs/rds-postgres14-to-s3-parquet.json");
        s3.putObject("schema").put("mode", "verify");
        assertThat(problems(s3)).extracting(SpecProblem::path, SpecProblem::problem)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("schema.mode", "an s3 target has no schema to verify"));

        ObjectNode unknown = minimal();
        unknown.putObject("schema").put("mode", "copy").put("when", "now");
        assertThat(problems(unknown)).extracting(SpecProblem::path).containsExactlyInAnyOrder("schema.mode", "schema.when");

        ObjectNode renamed = minimal();
        endpoint(renamed, "target").put("engine", "postgres").remove("port");
        renamed.putObject("schema").put("mode", "apply");
        ObjectNode rule = ((com.fasterxml.jackson.databind.node.ArrayNode) renamed.at("/tableMappings/rules")).addObject()
                .put("rule-type", "transformation").put("rule-id", "2").put("rule-name", "rename").put("rule-target", "schema")
                .put("rule-action", "rename").put("value", "sales");
        rule.putObject("object-locator").put("schema-name", "public");
        assertThat(problems(renamed)).extracting(SpecProblem::path).containsExactly("schema.mode");
    }

    @Test
    void specWithManyMistakes_failsOnce_listingEveryProblemWithPathAndFix() {
        // GIVEN a spec with a slip in nearly every section
        ObjectNode spec = minimal();
        spec.put("migrationId", "Orders_Move");
        spec.put("migrationTyp", "cdc");
        spec.remove("migrationType");
        endpoint(spec, "source").put("port", "5432").put("sslMode", "required")
                .put("secretArn", "arn:aws:ssm:us-east-1:123456789012:parameter/orders");
        endpoint(spec, "target").remove("host");
        ((ObjectNode) spec.get("dms")).put("replicationInstanceArn", "arn:aws:dms:us-east-1:123456789012:endpoint:ABC");
        spec.putObject("thresholds").put("cdcLatency", 5).put("maxWaitSeconds", 10).put("pollIntervalSeconds", 1.5);
        spec.putObject("cutover").put("policy", "whenever");
        spec.put("alertTopicArn", "alerts");

        // WHEN it is read
        InvalidSpecException error = catchThrowableOfType(InvalidSpecException.class, () -> SpecReader.read(spec));

        // THEN one exception names each problem at its path, each with what to do
        assertThat(error.problems()).extracting(SpecProblem::path).containsExactlyInAnyOrder(
                "migrationTyp", "migrationId", "migrationType", "source.port", "source.sslMode", "source.secretArn",
                "target.host", "dms.replicationInstanceArn", "thresholds.cdcLatency", "thresholds.maxWaitSeconds",
                "thresholds.pollIntervalSeconds", "cutover.policy", "alertTopicArn");
        assertThat(error.problems()).allSatisfy(p -> assertThat(p.fix()).isNotBlank());
        assertThat(error.getMessage()).startsWith("The migration spec has 13 problems: ")
                .contains("migrationTyp: unknown field -> did you mean 'migrationType'?",
                        "migrationId: is not valid (11 characters, not repeated here in case it is a secret)",
                        "migrationType: is required -> use one of: full-load, full-load-and-cdc, cdc",
                        "source.port: must be a whole number, not a string",
                        "source.sslMode: is not allowed (8 characters, not repeated here in case it is a secret) -> use one of: none, require, verify-ca, verify-full",
                        "source.secretArn: is not a secretsmanager secret ARN (it is an ARN of ssm:parameter)",
                        "target.host: is required",
                        "dms.replicationInstanceArn: is not a dms rep ARN (it is an ARN of dms:endpoint)",
                        "thresholds.cdcLatency: unknown field -> did you mean 'cdcLatencySeconds'?",
                        "thresholds.maxWaitSeconds: 10 is out of range -> use a value between 60 and 2592000 seconds",
                        "thresholds.pollIntervalSeconds: must be a whole number of seconds, not a fraction",
                        "cutover.policy: is not allowed (8 characters, not repeated here in case it is a secret) -> use one of: approval, auto",
                        "alertTopicArn: is not a sns ARN (6 characters, not repeated here in case it is a secret)")
                .contains("Fix: correct the fields above and start a new execution");
    }

    @Test
    void unknownFieldFarFromEveryKnownName_isRejected_listingTheKnownFields() {
        ObjectNode spec = minimal();
        spec.putObject("thresholds").put("patience", 3);

        assertThat(problems(spec)).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("thresholds.patience");
            assertThat(p.fix()).startsWith("remove it (known fields: cdcLatencySeconds, maxInFlightRowDifferencePercent, maxWaitSeconds");
        });
    }

    @Test
    void sectionsOfTheWrongJsonType_areEachReported() {
        ObjectNode spec = minimal();
        spec.put("source", "postgres://db.example.internal/orders");
        spec.put("migrationId", 42);
        spec.putArray("cutover");

        assertThat(problems(spec)).extracting(SpecProblem::toString).containsExactlyInAnyOrder(
                "source: must be a JSON object, not a string -> describe the source database: engine, host, port, database, secretArn",
                "migrationId: must be a non-empty string, not a number -> use 2-40 lower-case letters, digits and single hyphens, "
                        + "starting with a letter, e.g. \"fluxocaixa-to-aurora\"",
                "cutover: must be a JSON object, not an array -> write cutover as an object");
    }

    @Test
    void dmsEngineWithoutItsDmsBlock_isRejected() {
        ObjectNode spec = minimal();
        spec.remove("dms");

        assertThat(problems(spec)).extracting(SpecProblem::path).containsExactly("dms");
    }

    @Test
    void postgresNativeEngine_rejectsADmsBlock_andNeedsPostgresOnBothSides() {
        // GIVEN native replication asked for a MySQL target, with DMS settings left in
        ObjectNode spec = minimal();
        spec.put("engine", "postgres-native");

        // THEN both the DMS block and the MySQL side are refused, each with the way out
        assertThat(problems(spec)).extracting(SpecProblem::toString).containsExactlyInAnyOrder(
                "dms: applies only to engine \"dms\" -> remove it, or set \"engine\": \"dms\"",
                "target.engine: postgres-native replicates only into PostgreSQL -> use \"engine\": \"dms\" for a mysql target");
    }

    @Test
    void postgresNativeEngine_withAMysqlSource_isRejected() {
        ObjectNode spec = minimal();
        spec.put("engine", "postgres-native");
        spec.remove("dms");
        endpoint(spec, "source").put("engine", "mariadb");
        endpoint(spec, "target").put("engine", "aurora-postgresql");

        assertThat(problems(spec)).extracting(SpecProblem::path).containsExactly("source.engine");
    }

    @Test
    void s3Target_needsItsBucketAndServiceRole_andParquet_andNoDatabaseFields() {
        // GIVEN an S3 target written like a database, with CSV output
        ObjectNode spec = minimal();
        ObjectNode target = endpoint(spec, "target").put("engine", "s3");
        target.putObject("dmsSettings").put("DataFormat", "csv");

        // THEN each missing or stray field is named
        assertThat(problems(spec)).extracting(SpecProblem::path).containsExactlyInAnyOrder(
                "target.host", "target.database", "target.secretArn",
                "target.dmsSettings.BucketName", "target.dmsSettings.ServiceAccessRoleArn", "target.dmsSettings.DataFormat");
    }

    @Test
    void s3Target_withoutADataFormat_isNormalisedToParquet() {
        ObjectNode spec = minimal();
        ObjectNode target = Json.MAPPER.createObjectNode().put("engine", "s3");
        target.putObject("dmsSettings").put("BucketName", "lake").put("ServiceAccessRoleArn", "arn:aws:iam::123456789012:role/dms-runbook-s3");
        spec.set("target", target);

        MigrationSpec read = SpecReader.read(spec);

        assertThat(read.target().dmsSettings().path("DataFormat").asText()).isEqualTo("parquet");
        assertThat(read.target().describe()).isEqualTo("s3://lake/");
    }

    @Test
    void s3AsTheSource_isRejected() {
        ObjectNode spec = minimal();
        ObjectNode source = Json.MAPPER.createObjectNode().put("engine", "s3");
        source.putObject("dmsSettings").put("BucketName", "lake").put("ServiceAccessRoleArn", "arn:aws:iam::123456789012:role/dms-runbook-s3");
        spec.set("source", source);

        assertThat(problems(spec)).extracting(SpecProblem::path).containsExactly("source.engine");
    }

    @Test
    void misspeltDmsEndpointSetting_isRejected_notSilentlyDropped() {
        // GIVEN the target's AfterConnectScript written with one 'n'
        ObjectNode spec = minimal();
        endpoint(spec, "source").putObject("dmsSettings").put("HeartbeatEnable", true).put("SlotName", "dms_slot");
        endpoint(spec, "target").putObject("dmsSettings").put("AfterConectScript", "SET foreign_key_checks = 0");

        assertThat(problems(spec)).extracting(SpecProblem::toString).containsExactly(
                "target.dmsSettings: DMS has no setting \"AfterConectScript\" for this engine -> use the setting names of "
                        + "DMS's MySQLSettings (see the DMS API reference)");
    }

    @Test
    void dmsEndpointSettingOfTheWrongType_isRejected() {
        ObjectNode spec = minimal();
        endpoint(spec, "source").putObject("dmsSettings").put("HeartbeatFrequency", "every minute");

        assertThat(problems(spec)).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("source.dmsSettings");
            assertThat(p.problem()).isEqualTo("setting \"HeartbeatFrequency\" has the wrong type");
            assertThat(p.fix()).contains("PostgreSQLSettings");
        });
    }

    @Test
    void tableMappingsWrittenAsAJsonString_likeTheDmsConsoleTakesThem_areAccepted() {
        ObjectNode spec = minimal();
        spec.put("tableMappings", spec.get("tableMappings").toString());

        MigrationSpec read = SpecReader.read(spec);

        assertThat(read.tableMappings().isObject()).isTrue();
        assertThat(read.mappings().schemaPatterns()).containsExactly("public");
    }

    @Test
    void tableMappingsStringThatIsNotJson_isRejected() {
        ObjectNode spec = minimal();
        spec.put("tableMappings", "{rules: [");

        assertThat(problems(spec)).extracting(SpecProblem::toString)
                .containsExactly("tableMappings: is a string that is not JSON -> write the mappings as a JSON object");
    }

    @Test
    void mappingsThatOnlyExclude_selectNothing_andAreRejected() {
        ObjectNode spec = minimal();
        ((ObjectNode) spec.get("tableMappings").get("rules").get(0)).put("rule-action", "exclude");

        assertThat(problems(spec)).extracting(SpecProblem::toString)
                .containsExactly("tableMappings.rules: select no table -> add a selection rule with \"rule-action\": \"include\"");
    }

    @Test
    void stableForThatIsNotShorterThanMaxWait_isRejected() {
        ObjectNode spec = minimal();
        spec.putObject("thresholds").put("stableForSeconds", 3600).put("maxWaitSeconds", 3600);

        assertThat(problems(spec)).extracting(SpecProblem::path).containsExactly("thresholds.stableForSeconds");
    }

    @Test
    void specWithoutFaults_ridesThroughTenMinutesOfAnUnreachableDatabase_retryingEvery15Seconds() {
        assertThat(SpecReader.read(MINIMAL).faults()).isEqualTo(new FaultSpec(600, 15));
    }

    @Test
    void faultsBlock_setsTheRetryWindowAndInterval() {
        ObjectNode spec = minimal();
        spec.putObject("faults").put("retryWindowSeconds", 30).put("retryIntervalSeconds", 2);

        assertThat(SpecReader.read(spec).faults()).isEqualTo(new FaultSpec(30, 2));
    }

    @Test
    void faultsWithAWindowOutOfRange_anIntervalLongerThanTheWindow_orAnUnknownField_areRejectedWithTheirFix() {
        ObjectNode negative = minimal();
        negative.putObject("faults").put("retryWindowSeconds", -1);
        ObjectNode longInterval = minimal();
        longInterval.putObject("faults").put("retryWindowSeconds", 60).put("retryIntervalSeconds", 120);
        ObjectNode unknown = minimal();
        unknown.putObject("faults").put("retryWindow", 60);

        assertThat(problems(negative)).extracting(SpecProblem::toString)
                .containsExactly("faults.retryWindowSeconds: -1 is out of range -> use a value between 0 and 86400 seconds");
        assertThat(problems(longInterval)).extracting(SpecProblem::toString).containsExactly("faults.retryIntervalSeconds: 120 s is longer "
                + "than retryWindowSeconds (60 s) -> retry at least once within the window: make retryIntervalSeconds at most retryWindowSeconds");
        assertThat(problems(unknown)).extracting(SpecProblem::path).containsExactly("faults.retryWindow");
    }

    @Test
    void inFlightPercentOutOfRange_isRejected() {
        ObjectNode spec = minimal();
        spec.putObject("thresholds").put("maxInFlightRowDifferencePercent", 150);

        assertThat(problems(spec)).extracting(SpecProblem::path).containsExactly("thresholds.maxInFlightRowDifferencePercent");
    }

    @Test
    void textThatIsNotJson_failsWithOneProblemAtTheRoot() {
        assertThatThrownBy(() -> SpecReader.read("migrationId: orders"))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.problems())
                        .singleElement().satisfies(p -> assertThat(p.path()).isEqualTo("$")));
    }

    @Test
    void jsonArrayInsteadOfASpec_failsWithOneProblemAtTheRoot() {
        assertThatThrownBy(() -> SpecReader.read("[]"))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.problems())
                        .extracting(SpecProblem::toString)
                        .containsExactly("$: the spec must be a JSON object -> start from one of the example specs in events/specs/"));
    }

    @Test
    void existingDmsEndpoints_needNoSecretsAccessRole() {
        ObjectNode spec = minimal();
        endpoint(spec, "source").put("endpointArn", "arn:aws:dms:us-east-1:123456789012:endpoint:SRC");
        endpoint(spec, "target").put("endpointArn", "arn:aws:dms:us-east-1:123456789012:endpoint:TGT");
        ((ObjectNode) spec.get("dms")).remove("secretsAccessRoleArn");

        MigrationSpec read = SpecReader.read(spec);

        assertThat(read.source().hasExistingEndpoint()).isTrue();
        assertThat(read.dms().secretsAccessRoleArn()).isNull();
    }

    @Test
    void newDatabaseEndpoints_needTheSecretsAccessRole() {
        ObjectNode spec = minimal();
        ((ObjectNode) spec.get("dms")).remove("secretsAccessRoleArn");

        assertThat(problems(spec)).extracting(SpecProblem::path).containsExactly("dms.secretsAccessRoleArn");
    }

    private static ObjectNode minimal() {
        return (ObjectNode) Json.tree(MINIMAL);
    }

    private static ObjectNode endpoint(ObjectNode spec, String side) {
        return (ObjectNode) spec.get(side);
    }

    private static List<SpecProblem> problems(ObjectNode spec) {
        return catchThrowableOfType(InvalidSpecException.class, () -> SpecReader.read(spec)).problems();
    }
}
