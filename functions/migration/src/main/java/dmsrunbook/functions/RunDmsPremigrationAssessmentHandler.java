package dmsrunbook.functions;

import dmsrunbook.workflow.AssessmentOutcome;
import dmsrunbook.workflow.PhaseRequest;
import java.util.Map;

/**
 * Phase RunDmsPremigrationAssessment: one step of DMS's own premigration assessment of the task (created, not
 * started); polled until it ends, then merged into the schema assessment. A check DMS failed stops the migration.
 */
public final class RunDmsPremigrationAssessmentHandler extends WorkflowPhaseHandler<AssessmentOutcome> {

    public RunDmsPremigrationAssessmentHandler() {
        super();
    }

    public RunDmsPremigrationAssessmentHandler(Map<String, String> environment) {
        super(environment);
    }

    @Override
    protected AssessmentOutcome handle(PhaseRequest request) {
        return workflow.runDmsPremigrationAssessment(request);
    }
}
