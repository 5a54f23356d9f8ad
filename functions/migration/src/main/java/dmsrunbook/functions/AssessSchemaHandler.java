package dmsrunbook.functions;

import dmsrunbook.workflow.AssessmentOutcome;
import dmsrunbook.workflow.PhaseRequest;
import java.util.Map;

/**
 * Phase AssessSchema: classifies every object of the selected schemas for the target; anything that cannot work stops
 * the migration with its fix before data moves.
 */
public final class AssessSchemaHandler extends WorkflowPhaseHandler<AssessmentOutcome> {

    public AssessSchemaHandler() {
        super();
    }

    public AssessSchemaHandler(Map<String, String> environment) {
        super(environment);
    }

    @Override
    protected AssessmentOutcome handle(PhaseRequest request) {
        return workflow.assessSchema(request);
    }
}
