package dmsrunbook.functions;

import dmsrunbook.workflow.PhaseRequest;
import dmsrunbook.workflow.StopOutcome;
import java.util.Map;

/** Phase StopReplication: stops replication and drops what it left on the source; polled until stopped. */
public final class StopReplicationHandler extends WorkflowPhaseHandler<StopOutcome> {

    public StopReplicationHandler() {
        super();
    }

    public StopReplicationHandler(Map<String, String> environment) {
        super(environment);
    }

    @Override
    protected StopOutcome handle(PhaseRequest request) {
        return workflow.stopReplication(request);
    }
}
