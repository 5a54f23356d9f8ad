package dmsrunbook.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.error.InvalidSpecException;
import dmsrunbook.error.InvalidSpecException.SpecProblem;
import dmsrunbook.internal.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The mistakes a careless user (or an attacker) makes in a spec, each refused at validation with the field named and
 * the fix, never echoing the value: what the JSON text itself hides (trailing text, a key written twice, a size Step
 * Functions refuses), what the JSON Schema says and the reader used to let through, and what would only fail hours
 * later because the stack may not reach it.
 */
class StrictSpecTest {

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

    /** The stack of the template's defaults, deployed in us-east-1 of account 123456789012. */
    private static final StackScope STACK = StackScope.from(Map.of("AWS_REGION", "us-east-1", "STACK_ACCOUNT_ID", "123456789012",
            "SECRET_NAME_PREFIX", "dms-runbook/", "ALERT_TOPIC_NAME_PREFIX", "dms-runbook-", "PASS_ROLE_NAME_PREFIX", "dms-runbook-"));

    // ---------------------------------------------------------------- the text

    @Test
    void textAfterTheSpec_isRefused_notIgnored() {
        assertThat(problems(MINIMAL + " {\"migrationId\": \"other\"}")).extracting(SpecProblem::toString).singleElement().asString()
                .startsWith("$: has more text after the JSON object at line ").endsWith("-> remove what follows the spec's closing }");
        assertThat(problems(MINIMAL.strip() + "garbage")).extracting(SpecProblem::problem).singleElement().asString()
                .startsWith("has more text after the JSON object");
        assertThat(problems(MINIMAL + "}")).extracting(SpecProblem::problem).singleElement().asString()
                .startsWith("has more text after the JSON object");
    }

    @Test
    void keyWrittenTwice_isRefused_namingTheField_notTheValues() {
        String twice = MINIMAL.replace("\"host\": \"db.example.internal\",",
                "\"host\": \"db.example.internal\", \"host\": \"s3cr3t-other-host\",");

        assertThat(problems(twice)).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("source.host");
            assertThat(p.problem()).startsWith("is written twice in the same object at line ");
            assertThat(p.fix()).contains("keep one");
            assertThat(p.toString()).doesNotContain("s3cr3t");
        });
        assertThat(problems(MINIMAL.replace("\"migrationType\"", "\"migrationId\": \"x\", \"migrationType\"")))
                .extracting(SpecProblem::path).containsExactly("migrationId");
    }

    @Test
    void specOverStepFunctionsLimit_isRefusedBeforeItIsParsed_sayingTheLimit() {
        // GIVEN 10 MB that is not even JSON: were it parsed, the problem would be "not valid JSON"
        String huge = "x".repeat(10 * 1024 * 1024);

        assertThat(problems(huge)).extracting(SpecProblem::toString).singleElement().asString()
                .contains("$: is 10240 KB; Step Functions takes an execution input of at most 256 KB", "keep the spec under 256 KB")
                .hasSizeLessThan(300);
    }

    @Test
    void specJustUnderTheLimit_isRead() {
        ObjectNode spec = minimal();
        spec.put("description", "d".repeat(SpecText.MAX_BYTES - Json.write(spec).length() - 40));

        assertThat(SpecReader.read(Json.write(spec), StackScope.UNKNOWN).migrationId()).isEqualTo("orders-move");
    }

    @Test
    void tenMegabyteValue_isNeverEchoed() {
        // A tree does not pass the text's size check (later phases read the state's spec): the value is still not repeated
        ObjectNode spec = minimal();
        endpoint(spec, "source").put("secretArn", "p".repeat(10 * 1024 * 1024));

        InvalidSpecException error = catchThrowableOfType(InvalidSpecException.class, () -> SpecReader.read(spec, StackScope.UNKNOWN));

        assertThat(error.getMessage()).hasSizeLessThan(2000).doesNotContain("pppppppp").contains("source.secretArn");
    }

    // ---------------------------------------------------------------- what the schema says

    @Test
    void descriptionThatIsNotText_isRefused() {
        ObjectNode spec = minimal();
        spec.put("description", 12345);

        assertThat(problems(spec)).extracting(SpecProblem::path, SpecProblem::problem)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("description", "must be a non-empty string, not a number"));
    }

    @Test
    void taskSettingsSectionMisspelt_isRefused_suggestingDmsName() {
        ObjectNode spec = minimal();
        ((ObjectNode) spec.get("dms")).putObject("taskSettings").putObject("FullLoadSetting").put("TargetTablePrepMode", "DO_NOTHING");

        assertThat(problems(spec)).extracting(SpecProblem::toString)
                .containsExactly("dms.taskSettings.FullLoadSetting: unknown field -> did you mean 'FullLoadSettings'?");
    }

    @Test
    void taskSettingsSectionOfTheWrongType_isRefusedByTheSchema_whereTheReaderDoesNotLook() {
        // The reader looks into FullLoadSettings only when the schema step sets the prep mode; with mode none only the schema does
        ObjectNode spec = minimal();
        ((ObjectNode) spec.get("dms")).putObject("taskSettings").put("FullLoadSettings", "DO_NOTHING").put("FailTaskWhenCleanTaskResourceFailed", "yes");

        assertThat(problems(spec)).extracting(SpecProblem::toString).containsExactlyInAnyOrder(
                "dms.taskSettings.FullLoadSettings: must be a JSON object or null, not a string -> write a JSON object or null",
                "dms.taskSettings.FailTaskWhenCleanTaskResourceFailed: must be true or false, not a string -> write true or false");
    }

    @Test
    void ruleThatIsAString_isRefusedAtTheRule() {
        ObjectNode spec = minimal();
        ((ArrayNode) spec.at("/tableMappings/rules")).add("selection");

        assertThat(problems(spec)).extracting(SpecProblem::path, SpecProblem::problem).containsExactly(org.assertj.core.groups.Tuple.tuple(
                "tableMappings.rules[1]", "must be a JSON object (one DMS mapping rule), not a string"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "0"})
    void ruleIdThatIsNotPositive_isRefused(String ruleId) {
        ObjectNode spec = minimal();
        ((ObjectNode) spec.at("/tableMappings/rules/0")).put("rule-id", ruleId);

        assertThat(problems(spec)).extracting(SpecProblem::path, SpecProblem::problem).containsExactly(org.assertj.core.groups.Tuple.tuple(
                "tableMappings.rules[0].rule-id", "must be a positive whole number " + SpecEcho.unrepeated(ruleId)));
    }

    @Test
    void ruleIdsRepeated_areRefused_evenInMappingsWrittenAsAString() {
        ObjectNode spec = minimal();
        ObjectNode second = ((ArrayNode) spec.at("/tableMappings/rules")).addObject().put("rule-type", "selection").put("rule-id", 1)
                .put("rule-name", "again").put("rule-action", "exclude");
        second.putObject("object-locator").put("schema-name", "public").put("table-name", "audit");

        assertThat(problems(spec)).extracting(SpecProblem::toString).containsExactly(
                "tableMappings.rules[1].rule-id: is the rule-id of rules[0] too -> give each rule its own rule-id (DMS refuses the mappings)");
        spec.put("tableMappings", spec.get("tableMappings").toString());
        assertThat(problems(spec)).extracting(SpecProblem::path).containsExactly("tableMappings.rules[1].rule-id");
    }

    @Test
    void fractions_areNotWholeNumbers_saidPlainly() {
        ObjectNode spec = minimal();
        endpoint(spec, "source").put("port", 5432.5);
        spec.putObject("thresholds").put("pollIntervalSeconds", 0.5);

        assertThat(problems(spec)).extracting(SpecProblem::toString).containsExactlyInAnyOrder(
                "source.port: must be a whole number, not a fraction -> write a number between 1 and 65535",
                "thresholds.pollIntervalSeconds: must be a whole number of seconds, not a fraction -> write a number between 1 and 3600");
    }

    @Test
    void pollIntervalLongerThanTheStablePeriod_isRefused() {
        ObjectNode spec = minimal();
        spec.putObject("thresholds").put("stableForSeconds", 30).put("pollIntervalSeconds", 60);

        assertThat(problems(spec)).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("thresholds.pollIntervalSeconds");
            assertThat(p.problem()).startsWith("60 s is longer than stableForSeconds (30 s)");
            assertThat(p.fix()).isEqualTo("poll at most every 30 s, or raise stableForSeconds");
        });
    }

    @Test
    void dmsSettingsMistakes_areSaidWithoutJacksonsWords() {
        ObjectNode spec = minimal();
        endpoint(spec, "source").putObject("dmsSettings").put("HeartbeatFrequency", 1.5).putObject("SlotName").put("a", 1);
        endpoint(spec, "target").putObject("dmsSettings").putArray("ServerTimezone").add("UTC");

        List<SpecProblem> problems = problems(spec);

        assertThat(problems).extracting(SpecProblem::path).containsExactlyInAnyOrder("source.dmsSettings", "target.dmsSettings");
        assertThat(problems).extracting(SpecProblem::toString).allSatisfy(text -> assertThat(text)
                .doesNotContain("com.", "java.", "`", "Cannot", "BuilderImpl", "token", "[Source", "\"?\""));
    }

    @Test
    void dmsSettingsValues_thatDmsWouldRefuseAtCreateEndpoint_areRefused() {
        ObjectNode fraction = minimal();
        endpoint(fraction, "source").putObject("dmsSettings").put("HeartbeatFrequency", 1.5);
        assertThat(problems(fraction)).extracting(SpecProblem::problem).containsExactly("setting \"HeartbeatFrequency\" has the wrong type");

        ObjectNode choice = minimal();
        endpoint(choice, "source").putObject("dmsSettings").put("PluginName", "wal2jsn");
        assertThat(problems(choice)).extracting(SpecProblem::problem)
                .containsExactly("setting \"PluginName\" is not one of DMS's values (no-preference, test-decoding, pglogical)");
    }

    // ---------------------------------------------------------------- ARNs

    @Test
    void arnsWithoutRegionOrAccount_areRefused() {
        ObjectNode spec = minimal();
        endpoint(spec, "source").put("secretArn", "arn:aws:secretsmanager::123456789012:secret:dms-runbook/orders-src");
        endpoint(spec, "target").put("secretArn", "arn:aws:secretsmanager:us-east-1::secret:dms-runbook/orders-tgt");
        spec.put("alertTopicArn", "arn:aws:sns:us-east-1:1234:dms-runbook-alerts");

        assertThat(problems(spec)).extracting(SpecProblem::path, SpecProblem::problem).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("source.secretArn", "has no region"),
                org.assertj.core.groups.Tuple.tuple("target.secretArn", "has no account"),
                org.assertj.core.groups.Tuple.tuple("alertTopicArn", "has an account that is not 12 digits"));
    }

    @Test
    void iamArns_haveNoRegion_asTheSuggestedExampleSays() {
        ObjectNode spec = minimal();
        ((ObjectNode) spec.get("dms")).remove("secretsAccessRoleArn");
        String suggested = problems(spec).get(0).fix();
        String example = suggested.substring(suggested.indexOf("arn:"));

        // WHEN the user writes the role as the fix suggests THEN it is accepted
        assertThat(example).isEqualTo("arn:aws:iam::123456789012:role/name");
        ((ObjectNode) spec.get("dms")).put("secretsAccessRoleArn", example.replace("name", "dms-runbook-secrets"));
        assertThat(SpecReader.read(spec, STACK).dms().secretsAccessRoleArn()).endsWith("role/dms-runbook-secrets");

        ((ObjectNode) spec.get("dms")).put("secretsAccessRoleArn", "arn:aws:iam:us-east-1:123456789012:role/dms-runbook-secrets");
        assertThat(problems(spec)).extracting(SpecProblem::toString).containsExactly("dms.secretsAccessRoleArn: names a region, but IAM "
                + "ARNs have none -> leave the region empty (two colons), like arn:aws:iam::123456789012:role/name");
    }

    @Test
    void arnsOutsideTheStack_areRefusedAtValidation_namingThePrefix() {
        ObjectNode spec = minimal();
        endpoint(spec, "source").put("secretArn", "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/orders-src");
        endpoint(spec, "target").put("secretArn", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:dms-runbook/orders-tgt");
        ((ObjectNode) spec.get("dms")).put("replicationInstanceArn", "arn:aws:dms:us-east-1:210987654321:rep:orders-instance")
                .put("secretsAccessRoleArn", "arn:aws:iam::123456789012:role/admin");
        spec.put("alertTopicArn", "arn:aws:sns:us-east-1:123456789012:ops-pager");

        assertThat(problems(spec, STACK)).extracting(SpecProblem::toString).containsExactlyInAnyOrder(
                "source.secretArn: is outside the stack's secret names (they must start with \"dms-runbook/\") -> use one whose name "
                        + "starts with \"dms-runbook/\", or deploy the stack with another SecretNamePrefix",
                "target.secretArn: is in another region than the stack (us-east-1) -> use a resource in us-east-1: the stack's "
                        + "functions and DMS reach no other region",
                "dms.replicationInstanceArn: is in another account than the stack (123456789012) -> use a resource of account "
                        + "123456789012: the stack's roles reach no other account",
                "dms.secretsAccessRoleArn: is outside the stack's role names (they must start with \"dms-runbook-\") -> use one whose "
                        + "name starts with \"dms-runbook-\", or deploy the stack with another PassRoleNamePrefix",
                "alertTopicArn: is outside the stack's topic names (they must start with \"dms-runbook-\") -> use one whose name "
                        + "starts with \"dms-runbook-\", or deploy the stack with another AlertTopicNamePrefix");
        assertThat(SpecReader.read(spec, StackScope.UNKNOWN).migrationId()).as("without a stack, only their shape is checked")
                .isEqualTo("orders-move");
    }

    @Test
    void laterPhases_readTheSpecWithoutTheStackScope_whichValidationCheckedOnce() {
        ObjectNode spec = minimal();
        endpoint(spec, "source").put("secretArn", "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/orders-src");

        assertThat(SpecReader.read(spec).source().secretArn()).endsWith("prod/orders-src");
    }

    @Test
    void stackScope_comesFromTheFunctionsEnvironment_andIsUnknownWithoutIt() {
        assertThat(StackScope.from(Map.of("AWS_REGION", "us-east-1"))).isEqualTo(StackScope.UNKNOWN);
        assertThat(StackScope.from(Map.of("AWS_REGION", "us-east-1", "STACK_ACCOUNT_ID", "123456789012", "SECRET_NAME_PREFIX", "db/")))
                .isEqualTo(new StackScope("us-east-1", "123456789012", "db/", null, null));
        assertThat(SpecReader.read(minimal(), STACK).migrationId()).as("the shipped minimal spec fits the default stack").isEqualTo("orders-move");
    }

    private static List<SpecProblem> problems(ObjectNode spec, StackScope scope) {
        InvalidSpecException error = catchThrowableOfType(InvalidSpecException.class, () -> SpecReader.read(spec, scope));
        assertThat(error).as("the spec is refused").isNotNull();
        return error.problems();
    }

    private static List<SpecProblem> problems(String text) {
        return catchThrowableOfType(InvalidSpecException.class, () -> SpecReader.read(text, StackScope.UNKNOWN)).problems();
    }

    private static List<SpecProblem> problems(ObjectNode spec) {
        return problems(spec, StackScope.UNKNOWN);
    }

    private static ObjectNode minimal() {
        return (ObjectNode) Json.tree(MINIMAL);
    }

    private static ObjectNode endpoint(ObjectNode spec, String side) {
        return (ObjectNode) spec.get(side);
    }
}
