package dmsrunbook.report;

import dmsrunbook.error.Failures;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/** Reads an execution's history and description from Step Functions, for the report and the watch. */
public final class ExecutionHistory {

    private final SfnClient sfn;

    public ExecutionHistory(SfnClient sfn) {
        this.sfn = sfn;
    }

    /** Every event of the execution, oldest first. */
    public List<ExecutionEvent> events(String executionArn) {
        try {
            List<HistoryEvent> events = new ArrayList<>();
            sfn.getExecutionHistoryPaginator(b -> b.executionArn(executionArn).maxResults(1000).includeExecutionData(true))
                    .events().forEach(events::add);
            return ExecutionEvent.of(events);
        } catch (SdkException e) {
            throw Failures.ofAws("Step Functions GetExecutionHistory " + executionArn, e);
        }
    }

    /** The execution's status, input and output (or error and cause). */
    public DescribeExecutionResponse describe(String executionArn) {
        try {
            return sfn.describeExecution(b -> b.executionArn(executionArn));
        } catch (SdkException e) {
            throw Failures.ofAws("Step Functions DescribeExecution " + executionArn, e);
        }
    }
}
