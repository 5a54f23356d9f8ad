package dmsrunbook.functions;

import dmsrunbook.workflow.ConversionProposalsOutcome;
import dmsrunbook.workflow.PhaseRequest;
import java.util.Map;

/**
 * Phase ProposeConversions (schema.aiAssist): asks the spec's Bedrock model for a PostgreSQL version of each view,
 * routine and trigger that needs a person; proposes only, applies nothing.
 */
public final class ProposeConversionsHandler extends WorkflowPhaseHandler<ConversionProposalsOutcome> {

    public ProposeConversionsHandler() {
        super();
    }

    public ProposeConversionsHandler(Map<String, String> environment) {
        super(environment);
    }

    @Override
    protected ConversionProposalsOutcome handle(PhaseRequest request) {
        return workflow.proposeConversions(request);
    }
}
