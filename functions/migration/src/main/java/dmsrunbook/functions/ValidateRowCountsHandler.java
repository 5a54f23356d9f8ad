package dmsrunbook.functions;

import dmsrunbook.workflow.PhaseRequest;
import dmsrunbook.workflow.CountSummary;
import java.util.Map;

/** Phase ValidateRowCounts: exact row counts of every selected table on both sides; a mismatch names the tables. */
public final class ValidateRowCountsHandler extends WorkflowPhaseHandler<CountSummary> {

    public ValidateRowCountsHandler() {
        super();
    }

    public ValidateRowCountsHandler(Map<String, String> environment) {
        super(environment);
    }

    @Override
    protected CountSummary handle(PhaseRequest request) {
        return workflow.validateRowCounts(request);
    }
}
