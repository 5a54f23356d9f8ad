package dmsrunbook.functions;

import com.amazonaws.services.lambda.runtime.Context;
import dmsrunbook.workflow.PhaseRequest;
import dmsrunbook.workflow.TargetSchemaState;
import java.time.Duration;
import java.util.Map;

/**
 * Phase FinishTargetSchema: once the target is in sync, one slice of its post-data part within the invocation's
 * remaining time (the state machine calls it again until finished), then the whole schema compared with the source's.
 */
public final class FinishTargetSchemaHandler extends WorkflowPhaseHandler<TargetSchemaState> {

    /** The time a slice assumes outside Lambda (no context): a short one. */
    static final Duration WITHOUT_CONTEXT = Duration.ofMinutes(2);

    public FinishTargetSchemaHandler() {
        super();
    }

    public FinishTargetSchemaHandler(Map<String, String> environment) {
        super(environment);
    }

    @Override
    protected TargetSchemaState handle(PhaseRequest request) {
        return workflow.finishTargetSchema(request, WITHOUT_CONTEXT);
    }

    @Override
    protected TargetSchemaState handle(PhaseRequest request, Context context) {
        return context == null ? handle(request) : workflow.finishTargetSchema(request, Duration.ofMillis(context.getRemainingTimeInMillis()));
    }
}
