package dmsrunbook.functions;

import dmsrunbook.validation.DataValidationSummary;
import dmsrunbook.workflow.PhaseRequest;
import java.util.Map;

/**
 * Phase PlanDataValidation: lists the selected tables, splits those too large for one invocation into key ranges,
 * packs the rest several to a work item, and keeps the items in the validation bucket; returns their numbers for the Map.
 */
public final class PlanDataValidationHandler extends WorkflowPhaseHandler<DataValidationSummary> {

    public PlanDataValidationHandler() {
        super();
    }

    public PlanDataValidationHandler(Map<String, String> environment) {
        super(environment);
    }

    @Override
    protected DataValidationSummary handle(PhaseRequest request) {
        return workflow.planDataValidation(request);
    }
}
