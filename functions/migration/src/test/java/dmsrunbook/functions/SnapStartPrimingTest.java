package dmsrunbook.functions;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Priming before a SnapStart snapshot reads a sample phase request, spec included, in the real stack's environment:
 * the sample's ARNs (another account) must not fail it, since what the stack may reach is ValidateMigrationSpec's check.
 */
class SnapStartPrimingTest {

    @Test
    void primingInAStackOfAnotherAccountAndRegion_readsTheSampleSpecWithoutFailing() {
        RunPreflightChecksHandler handler = new RunPreflightChecksHandler(Map.of("AWS_REGION", "eu-west-1",
                "STACK_ACCOUNT_ID", "210987654321", "SECRET_NAME_PREFIX", "prod/", "ALERT_TOPIC_NAME_PREFIX", "ops-",
                "PASS_ROLE_NAME_PREFIX", "ops-"));

        assertThatCode(() -> handler.beforeCheckpoint(null)).doesNotThrowAnyException();
    }
}
