package dmsrunbook.functions;

import dmsrunbook.workflow.PhaseRequest;
import dmsrunbook.engine.EndpointTests;
import java.util.Map;

/** Phase TestEndpointConnections: creates missing endpoints and starts their connection tests. */
public final class TestEndpointConnectionsHandler extends WorkflowPhaseHandler<EndpointTests> {

    public TestEndpointConnectionsHandler() {
        super();
    }

    public TestEndpointConnectionsHandler(Map<String, String> environment) {
        super(environment);
    }

    @Override
    protected EndpointTests handle(PhaseRequest request) {
        return workflow.testEndpointConnections(request);
    }
}
