package dmsrunbook.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.error.InvalidSpecException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ValidateMigrationSpec: the execution input in, the normalised spec every later phase reads out, or one error listing every problem. */
class ValidateMigrationSpecHandlerTest {

    private static final String STACK_TOPIC = "arn:aws:sns:us-east-1:123456789012:dms-runbook-alerts-dms-runbook";

    private final ValidateMigrationSpecHandler handler = new ValidateMigrationSpecHandler(Map.of("ALERT_TOPIC_ARN", STACK_TOPIC));

    @Test
    void sampleEvent_returnsTheNormalisedSpec_thatTheNextPhasesSampleEventCarries() {
        JsonNode normalised = SampleEvents.invoke(handler, SampleEvents.of(ValidateMigrationSpecHandler.class));

        assertThat(normalised).isEqualTo(SampleEvents.spec(SampleEvents.of(RunPreflightChecksHandler.class)));
        assertThat(normalised.path("alertTopicArn").asText()).as("the stack's topic fills in").isEqualTo(STACK_TOPIC);
        assertThat(normalised.has("description")).as("prose is not carried from phase to phase").isFalse();
    }

    @Test
    void specThatNamesItsOwnTopic_keepsIt() {
        ObjectNode event = SampleEvents.of(ValidateMigrationSpecHandler.class);
        ((ObjectNode) event.get("spec")).put("alertTopicArn", "arn:aws:sns:us-east-1:123456789012:dms-runbook-team-a");

        assertThat(SampleEvents.invoke(handler, event).path("alertTopicArn").asText()).isEqualTo("arn:aws:sns:us-east-1:123456789012:dms-runbook-team-a");
    }

    @Test
    void sampleEvent_fitsTheStackItNames_andASecretOutsideTheStacksPrefix_isRefusedNamingThePrefix() {
        // GIVEN the function of a stack in us-east-1 of account 123456789012, deployed with the template's prefixes
        ValidateMigrationSpecHandler deployed = new ValidateMigrationSpecHandler(Map.of("ALERT_TOPIC_ARN", STACK_TOPIC,
                "AWS_REGION", "us-east-1", "STACK_ACCOUNT_ID", "123456789012", "SECRET_NAME_PREFIX", "dms-runbook/",
                "ALERT_TOPIC_NAME_PREFIX", "dms-runbook-", "PASS_ROLE_NAME_PREFIX", "dms-runbook-"));
        assertThat(SampleEvents.invoke(deployed, SampleEvents.of(ValidateMigrationSpecHandler.class)).path("migrationId").isTextual()).isTrue();

        // WHEN a spec names a secret the functions may not read
        ObjectNode event = SampleEvents.of(ValidateMigrationSpecHandler.class);
        ((ObjectNode) event.at("/spec/source")).put("secretArn", "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/orders");

        // THEN it is refused now, not with AccessDenied at the preflight
        assertThatThrownBy(() -> SampleEvents.invoke(deployed, event)).isExactlyInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("source.secretArn: is outside the stack's secret names (they must start with \"dms-runbook/\")")
                .hasMessageNotContaining("prod/orders");
    }

    @Test
    void specWithProblems_throwsInvalidSpecException_listingEveryOne() {
        ObjectNode event = SampleEvents.of(ValidateMigrationSpecHandler.class);
        ObjectNode spec = (ObjectNode) event.get("spec");
        spec.remove("target");
        spec.put("migrationType", "copy");

        assertThatThrownBy(() -> SampleEvents.invoke(handler, event))
                .isExactlyInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("The migration spec has 2 problems")
                .hasMessageContaining("target: is required")
                .hasMessageContaining("migrationType: is not allowed (4 characters, not repeated here in case it is a secret)");
    }
}
