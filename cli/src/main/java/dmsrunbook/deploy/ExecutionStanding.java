package dmsrunbook.deploy;

import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Where a migration execution stands: its status, the state it entered last (its current phase; empty before the
 * first), and the error and cause it failed with (null while it has not).
 */
public record ExecutionStanding(ExecutionStatus status, Optional<String> phase, String error, String cause) {

    /** Reads the execution's standing from Step Functions. */
    public static ExecutionStanding of(SfnClient sfn, String executionArn) {
        DescribeExecutionResponse execution = sfn.describeExecution(b -> b.executionArn(executionArn));
        List<String> entered = new Executions(sfn, execution.stateMachineArn()).enteredStates(executionArn);
        return new ExecutionStanding(execution.status(), entered.isEmpty() ? Optional.empty() : Optional.of(entered.get(entered.size() - 1)),
                execution.error(), execution.cause());
    }
}
