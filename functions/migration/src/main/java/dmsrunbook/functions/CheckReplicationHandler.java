package dmsrunbook.functions;

import dmsrunbook.metrics.ReplicationMetrics;
import dmsrunbook.sync.SyncState;
import dmsrunbook.workflow.PhaseRequest;
import java.util.Map;

/**
 * Phase CheckReplication: one poll of the sync loop: loading, syncing or in-sync, and how long to wait. Each poll's
 * lag and progress also go to CloudWatch ({@link ReplicationMetrics}).
 */
public final class CheckReplicationHandler extends WorkflowPhaseHandler<SyncState> {

    public CheckReplicationHandler() {
        super();
    }

    public CheckReplicationHandler(Map<String, String> environment) {
        super(environment);
    }

    @Override
    protected SyncState handle(PhaseRequest request) {
        SyncState state = workflow.checkReplication(request);
        ReplicationMetrics.publish(request.state().spec(), state);
        return state;
    }
}
