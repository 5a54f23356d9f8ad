package dmsrunbook.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.error.InvalidSpecException;
import dmsrunbook.internal.Json;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A password pasted into the wrong field of a spec is refused without being repeated: the refusal travels to the
 * function's log, the execution history and the SNS alert, so it names the field and the value's shape only.
 */
class SpecProblemsNeverEchoSecretsTest {

    /** Quotes, a backslash and spaces: what a real password may hold. */
    private static final String PASSWORD = "Tr0ub4dor & 'x\\\" 3-NEVER-ECHOED";

    private static final String SPEC = """
            {
              "migrationId": "orders-move",
              "migrationType": "full-load-and-cdc",
              "source": {"engine": "postgres", "host": "db.example.internal", "database": "orders",
                         "secretArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:dms-runbook/orders-src"},
              "target": {"engine": "postgres", "host": "db2.example.internal", "database": "orders",
                         "secretArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:dms-runbook/orders-tgt"},
              "tableMappings": {"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "all",
                  "object-locator": {"schema-name": "public", "table-name": "%"}, "rule-action": "include"}]},
              "dms": {"replicationInstanceArn": "arn:aws:dms:us-east-1:123456789012:rep:orders-instance",
                      "secretsAccessRoleArn": "arn:aws:iam::123456789012:role/dms-runbook-secrets-access"}
            }
            """;

    static Stream<Arguments> fieldsAPasswordCanBePastedInto() {
        return Stream.of(
                pasted("source.secretArn", spec -> side(spec, "source").put("secretArn", PASSWORD)),
                pasted("target.endpointArn", spec -> side(spec, "target").put("endpointArn", PASSWORD)),
                pasted("source.host", spec -> side(spec, "source").put("host", PASSWORD)),
                pasted("target.database", spec -> side(spec, "target").put("database", PASSWORD)),
                pasted("source.engine", spec -> side(spec, "source").put("engine", PASSWORD)),
                pasted("target.sslMode", spec -> side(spec, "target").put("sslMode", PASSWORD)),
                pasted("migrationId", spec -> spec.put("migrationId", PASSWORD)),
                pasted("migrationType", spec -> spec.put("migrationType", PASSWORD)),
                pasted("alertTopicArn", spec -> spec.put("alertTopicArn", PASSWORD)),
                pasted("dms.secretsAccessRoleArn", spec -> ((ObjectNode) spec.get("dms")).put("secretsAccessRoleArn", PASSWORD)),
                pasted("dms.restartMode", spec -> ((ObjectNode) spec.get("dms")).put("restartMode", PASSWORD)),
                pasted("source.dmsSettings.HeartbeatFrequency", spec -> side(spec, "source").putObject("dmsSettings")
                        .put("HeartbeatFrequency", PASSWORD)),
                pasted("a rule's rule-type", spec -> rule(spec).put("rule-type", PASSWORD)),
                pasted("a rule's rule-action", spec -> rule(spec).put("rule-action", PASSWORD)),
                pasted("a rule's rule-id", spec -> rule(spec).put("rule-id", PASSWORD)),
                pasted("an S3 target's DataFormat", spec -> spec.putObject("target").put("engine", "s3").putObject("dmsSettings")
                        .put("BucketName", "lake").put("ServiceAccessRoleArn", "arn:aws:iam::123456789012:role/dms-runbook-s3")
                        .put("DataFormat", PASSWORD)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fieldsAPasswordCanBePastedInto")
    void passwordPastedIntoAField_isRefused_withoutBeingRepeated(String field, ObjectNode spec) {
        InvalidSpecException error = catchThrowableOfType(InvalidSpecException.class, () -> SpecReader.read(spec));

        assertThat(error).as("the spec is refused").isNotNull();
        assertThat(error.getMessage()).as("the refusal names the field").contains(field.startsWith("a rule") ? "tableMappings.rules[0]"
                : field.startsWith("an S3") ? "target.dmsSettings.DataFormat" : field.replace(".HeartbeatFrequency", ""));
        assertNotRepeated(error.getMessage());
    }

    @Test
    void specTextThatIsNotJson_saysWhereItBreaks_withoutQuotingTheTextThere() {
        String text = SPEC.replace("\"orders-move\"", "NeverEchoedBareToken");

        InvalidSpecException error = catchThrowableOfType(InvalidSpecException.class, () -> SpecReader.read(text));

        assertThat(error.getMessage()).contains("$: is not valid JSON at line 2, column").doesNotContain("NeverEchoedBareToken");
    }

    @Test
    void tableMappingsStringThatIsNotJson_isRefusedWithoutQuotingIt() {
        ObjectNode spec = (ObjectNode) Json.tree(SPEC);
        spec.put("tableMappings", "{rules: " + PASSWORD + "}");

        InvalidSpecException error = catchThrowableOfType(InvalidSpecException.class, () -> SpecReader.read(spec));

        assertThat(error.getMessage()).contains("tableMappings: is a string that is not JSON");
        assertNotRepeated(error.getMessage());
    }

    private static void assertNotRepeated(String message) {
        assertThat(message).doesNotContain(PASSWORD).doesNotContain("NEVER-ECHOED").doesNotContain("Tr0ub4dor");
    }

    private static Arguments pasted(String field, Consumer<ObjectNode> change) {
        ObjectNode spec = (ObjectNode) Json.tree(SPEC);
        change.accept(spec);
        return Arguments.of(field, spec);
    }

    private static ObjectNode side(ObjectNode spec, String side) {
        return (ObjectNode) spec.get(side);
    }

    private static ObjectNode rule(ObjectNode spec) {
        return (ObjectNode) spec.get("tableMappings").get("rules").get(0);
    }
}
