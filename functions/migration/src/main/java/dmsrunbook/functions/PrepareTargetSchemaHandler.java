package dmsrunbook.functions;

import dmsrunbook.workflow.PhaseRequest;
import dmsrunbook.workflow.TargetSchemaState;
import java.util.Map;

/**
 * Phase PrepareTargetSchema: before replication starts, creates the target's pre-data part (schema.mode apply) or
 * checks it (verify), and fingerprints the source's schema for the cutover's DDL checks.
 */
public final class PrepareTargetSchemaHandler extends WorkflowPhaseHandler<TargetSchemaState> {

    public PrepareTargetSchemaHandler() {
        super();
    }

    public PrepareTargetSchemaHandler(Map<String, String> environment) {
        super(environment);
    }

    @Override
    protected TargetSchemaState handle(PhaseRequest request) {
        return workflow.prepareTargetSchema(request);
    }
}
