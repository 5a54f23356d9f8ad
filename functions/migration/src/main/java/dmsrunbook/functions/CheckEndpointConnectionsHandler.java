package dmsrunbook.functions;

import dmsrunbook.workflow.PhaseRequest;
import dmsrunbook.engine.EndpointTests;
import java.util.Map;

/** Phase CheckEndpointConnections: one poll of the connection tests; a failed test stops the migration. */
public final class CheckEndpointConnectionsHandler extends WorkflowPhaseHandler<EndpointTests> {

    public CheckEndpointConnectionsHandler() {
        super();
    }

    public CheckEndpointConnectionsHandler(Map<String, String> environment) {
        super(environment);
    }

    @Override
    protected EndpointTests handle(PhaseRequest request) {
        return workflow.checkEndpointConnections(request);
    }
}
