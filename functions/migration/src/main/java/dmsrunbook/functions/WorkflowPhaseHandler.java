package dmsrunbook.functions;

import dmsrunbook.workflow.MigrationWorkflow;
import dmsrunbook.workflow.PhaseRequest;
import java.util.Map;

/**
 * A phase handler that takes the state machine's usual payload (execution id + state so far) and calls one
 * {@link MigrationWorkflow} phase.
 */
public abstract class WorkflowPhaseHandler<O> extends WorkflowHandler<PhaseRequest, O> {

    /** For Lambda: services from the function's environment. */
    protected WorkflowPhaseHandler() {
        super(PhaseRequest.class);
    }

    /** For the local gateway and tests: services from an explicit environment. */
    protected WorkflowPhaseHandler(Map<String, String> environment) {
        super(PhaseRequest.class, environment);
    }

    @Override
    protected String executionId(PhaseRequest input) {
        return input.executionId();
    }
}
