package dmsrunbook.functions;

import dmsrunbook.workflow.AppliedConversions;
import dmsrunbook.workflow.PhaseRequest;
import java.util.Map;

/**
 * Phase ApplyAcceptedConversions: creates on the target the conversion proposals the cutover's approver accepted,
 * and only those; a proposal PostgreSQL does not compile fails the migration with PostgreSQL's message.
 */
public final class ApplyAcceptedConversionsHandler extends WorkflowPhaseHandler<AppliedConversions> {

    public ApplyAcceptedConversionsHandler() {
        super();
    }

    public ApplyAcceptedConversionsHandler(Map<String, String> environment) {
        super(environment);
    }

    @Override
    protected AppliedConversions handle(PhaseRequest request) {
        return workflow.applyAcceptedConversions(request);
    }
}
