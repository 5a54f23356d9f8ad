package dmsrunbook.functions;

import dmsrunbook.validation.DataItemOutcome;
import dmsrunbook.validation.DataItemRequest;
import java.util.Map;

/**
 * One iteration of the validation's Map: diffs one work item (or re-checks what it found different), keeps its result
 * in the validation bucket, and returns a few figures only.
 */
public final class DiffDataItemHandler extends WorkflowHandler<DataItemRequest, DataItemOutcome> {

    public DiffDataItemHandler() {
        super(DataItemRequest.class);
    }

    public DiffDataItemHandler(Map<String, String> environment) {
        super(DataItemRequest.class, environment);
    }

    @Override
    protected DataItemOutcome handle(DataItemRequest request) {
        return workflow.diffDataItem(request);
    }

    @Override
    protected String executionId(DataItemRequest request) {
        return request.executionId();
    }
}
