package dmsrunbook.functions;

import dmsrunbook.workflow.PhaseRequest;
import dmsrunbook.engine.ReplicationHandle;
import java.util.Map;

/** Phase StartReplication: creates the task if absent and starts it with the start type its state calls for. */
public final class StartReplicationHandler extends WorkflowPhaseHandler<ReplicationHandle> {

    public StartReplicationHandler() {
        super();
    }

    public StartReplicationHandler(Map<String, String> environment) {
        super(environment);
    }

    @Override
    protected ReplicationHandle handle(PhaseRequest request) {
        return workflow.startReplication(request);
    }
}
