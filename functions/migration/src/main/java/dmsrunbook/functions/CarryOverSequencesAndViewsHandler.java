package dmsrunbook.functions;

import dmsrunbook.workflow.CarriedOver;
import dmsrunbook.workflow.PhaseRequest;
import java.util.Map;

/**
 * Phase CarryOverSequencesAndViews: carries to the target what replication does not (every sequence, set from the
 * source's and never back; materialized views refreshed) before the application writes there.
 */
public final class CarryOverSequencesAndViewsHandler extends WorkflowPhaseHandler<CarriedOver> {

    public CarryOverSequencesAndViewsHandler() {
        super();
    }

    public CarryOverSequencesAndViewsHandler(Map<String, String> environment) {
        super(environment);
    }

    @Override
    protected CarriedOver handle(PhaseRequest request) {
        return workflow.carryOverSequencesAndViews(request);
    }
}
