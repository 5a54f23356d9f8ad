package dmsrunbook.functions;

import dmsrunbook.workflow.PhaseRequest;
import dmsrunbook.sync.SyncState;
import java.util.Map;

/** Phase CheckReplication: one poll of the sync loop: loading, syncing or in-sync, and how long to wait. */
public final class CheckReplicationHandler extends WorkflowPhaseHandler<SyncState> {

    public CheckReplicationHandler() {
        super();
    }

    public CheckReplicationHandler(Map<String, String> environment) {
        super(environment);
    }

    @Override
    protected SyncState handle(PhaseRequest request) {
        return workflow.checkReplication(request);
    }
}
