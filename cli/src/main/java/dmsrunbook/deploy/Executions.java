package dmsrunbook.deploy;

import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.spec.SpecReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/** Starts executions of a state machine and reads how they went: status, the states they entered, their history. */
public final class Executions {

    private final SfnClient sfn;
    private final String stateMachineArn;

    public Executions(SfnClient sfn, String stateMachineArn) {
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
    }

    /** Starts an execution named {@code name} with {@code input}; returns its ARN. */
    public String start(String name, String input) {
        return sfn.startExecution(b -> b.stateMachineArn(stateMachineArn).name(name).input(input)).executionArn();
    }

    /**
     * Starts a migration with {@code specJson} as its input, read here first so a bad spec fails before AWS is
     * called; the execution is named {@code name}, or {@code <migrationId>-<epoch seconds>} when null. Returns its ARN.
     */
    public String startMigration(String specJson, String name) {
        MigrationSpec spec = SpecReader.read(specJson);
        return start(name != null ? name : spec.migrationId() + "-" + Instant.now().getEpochSecond(), specJson);
    }

    public DescribeExecutionResponse describe(String executionArn) {
        return sfn.describeExecution(b -> b.executionArn(executionArn));
    }

    /** Waits until the execution is no longer running. */
    public DescribeExecutionResponse awaitEnd(String executionArn, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            DescribeExecutionResponse execution = describe(executionArn);
            if (execution.status() != ExecutionStatus.RUNNING) {
                return execution;
            }
            sleep(250);
        }
        throw new AssertionError("execution still running after " + timeout + "; entered: " + enteredStates(executionArn));
    }

    /** Waits until the execution has entered {@code state} (a wait for a moment in its run, e.g. to act there). */
    public void awaitEntered(String executionArn, String state, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (enteredStates(executionArn).contains(state)) {
                return;
            }
            sleep(200);
        }
        throw new AssertionError(executionArn + " never entered " + state + " within " + timeout + "; entered: " + enteredStates(executionArn));
    }

    /** Every history event, oldest first. */
    public List<HistoryEvent> history(String executionArn) {
        List<HistoryEvent> events = new ArrayList<>();
        sfn.getExecutionHistoryPaginator(b -> b.executionArn(executionArn).maxResults(1000)).events().forEach(events::add);
        return events;
    }

    /** The names of the states the execution entered, in order (loops repeat their states). */
    public List<String> enteredStates(String executionArn) {
        return enteredStates(history(executionArn));
    }

    /** The names of the states entered in {@code history}, in order. */
    public static List<String> enteredStates(List<HistoryEvent> history) {
        return history.stream().filter(e -> e.stateEnteredEventDetails() != null).map(e -> e.stateEnteredEventDetails().name()).toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
