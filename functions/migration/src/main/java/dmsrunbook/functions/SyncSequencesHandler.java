package dmsrunbook.functions;

import dmsrunbook.workflow.PhaseRequest;
import dmsrunbook.workflow.SequenceSummary;
import java.util.Map;

/** Phase SyncSequences: moves the target's sequences past every migrated value before the application writes. */
public final class SyncSequencesHandler extends WorkflowPhaseHandler<SequenceSummary> {

    public SyncSequencesHandler() {
        super();
    }

    public SyncSequencesHandler(Map<String, String> environment) {
        super(environment);
    }

    @Override
    protected SequenceSummary handle(PhaseRequest request) {
        return workflow.syncSequences(request);
    }
}
