package dmsrunbook.functions;

import dmsrunbook.validation.DataValidationSummary;
import dmsrunbook.workflow.PhaseRequest;
import java.util.Map;

/**
 * Phase ConcludeDataValidation: judges every work item's result, runs the business invariants and writes the report;
 * asks for re-checks while changes may be in flight, or refuses the cutover naming the tables and their first keys.
 */
public final class ConcludeDataValidationHandler extends WorkflowPhaseHandler<DataValidationSummary> {

    public ConcludeDataValidationHandler() {
        super();
    }

    public ConcludeDataValidationHandler(Map<String, String> environment) {
        super(environment);
    }

    @Override
    protected DataValidationSummary handle(PhaseRequest request) {
        return workflow.concludeDataValidation(request);
    }
}
