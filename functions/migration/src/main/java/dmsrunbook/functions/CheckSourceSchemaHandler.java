package dmsrunbook.functions;

import dmsrunbook.workflow.PhaseRequest;
import dmsrunbook.workflow.SourceSchemaCheck;
import java.util.Map;

/**
 * Phases CheckSourceSchemaBeforeApproval and CheckSourceSchemaAtCutover: DDL on the source since the target was made
 * to match it stops the cutover, naming the objects that changed.
 */
public final class CheckSourceSchemaHandler extends WorkflowPhaseHandler<SourceSchemaCheck> {

    public CheckSourceSchemaHandler() {
        super();
    }

    public CheckSourceSchemaHandler(Map<String, String> environment) {
        super(environment);
    }

    @Override
    protected SourceSchemaCheck handle(PhaseRequest request) {
        return workflow.checkSourceSchema(request);
    }
}
