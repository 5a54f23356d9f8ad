package dmsrunbook.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** TestEndpointConnections on moto's DMS: creates the migration's two endpoints and starts a connection test of each. */
class TestEndpointConnectionsHandlerIT {

    private final LocalCloud cloud = LocalCloud.get();

    @Test
    void sampleEvent_createsBothEndpoints_andReportsThemTesting() {
        JsonNode tests = SampleEvents.invoke(new TestEndpointConnectionsHandler(cloud.environment()), cloud.pointAt(
                SampleEvents.of(TestEndpointConnectionsHandler.class), "handler-endpoints", "src", "tgt"));

        assertThat(tests.path("status").asText()).isEqualTo("TESTING");
        assertThat(tests.path("waitSeconds").asInt()).as("the spec's poll interval, at most 30 s").isEqualTo(1);
        var endpoints = cloud.aws.dms().describeEndpoints(b -> b.filters(f -> f.name("endpoint-id")
                .values("handler-endpoints-source", "handler-endpoints-target"))).endpoints();
        assertThat(endpoints.stream().map(e -> e.endpointIdentifier() + " " + e.engineName() + " " + e.endpointArn()).toList())
                .containsExactlyInAnyOrder("handler-endpoints-source postgres " + tests.path("sourceEndpoint").asText(),
                        "handler-endpoints-target aurora-postgresql " + tests.path("targetEndpoint").asText());
        assertThat(cloud.dms.requests("TestConnection").stream().map(r -> r.path("EndpointArn").asText()).toList())
                .contains(tests.path("sourceEndpoint").asText(), tests.path("targetEndpoint").asText());
    }
}
