package dmsrunbook.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dmsrunbook.error.PreflightFailedException;
import org.junit.jupiter.api.Test;

/** RunPreflightChecks on real PostgreSQL, with secrets in moto: the checks' outcome, or the FAILs as one error. */
class RunPreflightChecksHandlerIT {

    private static final String ORDERS = "CREATE TABLE orders (id bigint PRIMARY KEY, total numeric)";

    private final LocalCloud cloud = LocalCloud.get();

    @Test
    void sampleEvent_onAReadySourceAndEmptyTarget_passes_reportingItsWarnings() {
        JsonNode outcome = SampleEvents.invoke(new RunPreflightChecksHandler(cloud.environment()), cloud.pointAt(
                SampleEvents.of(RunPreflightChecksHandler.class), "handler-preflight", cloud.database("preflight_src", ORDERS),
                cloud.database("preflight_tgt", ORDERS)));

        assertThat(outcome.path("checks").asInt()).isGreaterThan(10);
        assertThat(outcome.path("passed").asInt()).isEqualTo(outcome.path("checks").asInt() - outcome.path("warnings").size());
        assertThat(outcome.path("hasWarnings").asBoolean()).isTrue();
        assertThat(outcome.path("warningText").asText()).isEqualTo(
                "WARN source ssl: the connection is not encrypted -> enable SSL on the server and set sslMode \"require\" or stricter");
    }

    @Test
    void sourceTableWithoutPrimaryKey_failsThePhase_withTheReplicaIdentityFix() {
        var event = cloud.pointAt(SampleEvents.of(RunPreflightChecksHandler.class), "handler-preflight-nopk",
                cloud.database("preflight_nopk_src", ORDERS + "; CREATE TABLE order_events (order_id bigint, event text)"),
                cloud.database("preflight_nopk_tgt", ORDERS));

        assertThatThrownBy(() -> SampleEvents.invoke(new RunPreflightChecksHandler(cloud.environment()), event))
                .isExactlyInstanceOf(PreflightFailedException.class)
                .hasMessageContaining("FAIL source primary keys")
                .hasMessageContaining("ALTER TABLE \"public\".\"order_events\" REPLICA IDENTITY FULL;");
    }
}
