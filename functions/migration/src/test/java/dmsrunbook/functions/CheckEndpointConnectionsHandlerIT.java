package dmsrunbook.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.error.EndpointConnectionFailedException;
import org.junit.jupiter.api.Test;

/** CheckEndpointConnections: one poll of the tests TestEndpointConnections started; a failed test stops the migration. */
class CheckEndpointConnectionsHandlerIT {

    private final LocalCloud cloud = LocalCloud.get();

    @Test
    void testsThatPass_areReportedSuccessful_afterSomePolls() {
        ObjectNode event = testing("handler-check-endpoints");
        CheckEndpointConnectionsHandler handler = new CheckEndpointConnectionsHandler(cloud.environment());

        JsonNode polled = SampleEvents.invoke(handler, event);
        for (int poll = 0; poll < 5 && polled.path("status").asText().equals("TESTING"); poll++) {
            polled = SampleEvents.invoke(handler, LocalCloud.withResult(event, "endpoints", polled));
        }

        assertThat(polled.path("status").asText()).isEqualTo("SUCCESSFUL");
        assertThat(polled.path("sourceEndpoint").asText()).isEqualTo(event.at("/state/endpoints/sourceEndpoint").asText());
    }

    @Test
    void testThatFails_stopsTheMigration_withDmsMessage() {
        ObjectNode event = testing("handler-unreachable");
        cloud.dms.failConnectionTest("handler-unreachable-target", "Test connection failed: could not connect to server: Connection timed out");

        assertThatThrownBy(() -> SampleEvents.invoke(new CheckEndpointConnectionsHandler(cloud.environment()), event))
                .isExactlyInstanceOf(EndpointConnectionFailedException.class)
                .hasMessageContaining("DMS could not connect to the target")
                .hasMessageContaining("Connection timed out");
    }

    /** The sample event, with the endpoints TestEndpointConnections created and whose tests it started. */
    private ObjectNode testing(String migrationId) {
        ObjectNode event = cloud.pointAt(SampleEvents.of(CheckEndpointConnectionsHandler.class), migrationId, "src", "tgt");
        JsonNode started = SampleEvents.invoke(new TestEndpointConnectionsHandler(cloud.environment()),
                cloud.pointAt(SampleEvents.of(TestEndpointConnectionsHandler.class), migrationId, "src", "tgt"));
        return LocalCloud.withResult(event, "endpoints", started);
    }
}
