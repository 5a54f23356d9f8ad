package dmsrunbook.functions;

import dmsrunbook.workflow.PhaseRequest;
import dmsrunbook.workflow.PreflightOutcome;
import java.util.Map;

/** Phase RunPreflightChecks: checks source and target are ready; any FAIL stops the migration with its fixes. */
public final class RunPreflightChecksHandler extends WorkflowPhaseHandler<PreflightOutcome> {

    public RunPreflightChecksHandler() {
        super();
    }

    public RunPreflightChecksHandler(Map<String, String> environment) {
        super(environment);
    }

    @Override
    protected PreflightOutcome handle(PhaseRequest request) {
        return workflow.runPreflightChecks(request);
    }
}
