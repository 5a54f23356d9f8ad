package dmsrunbook.report;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * One event of an execution's history, as much as the report and the watch read: its order, time, type (e.g.
 * {@code TaskStateEntered}), the state it concerns (entries and exits only) and the state's output (exits only).
 */
public record ExecutionEvent(long id, Instant at, String type, String state, String output) {

    /** An entry into a state. */
    public boolean entered() {
        return type.endsWith("StateEntered");
    }

    /** An exit from a state. */
    public boolean exited() {
        return type.endsWith("StateExited");
    }

    /** A failure of a state's work (a task, a Lambda, a Map), not of the execution as a whole. */
    public boolean failure() {
        return !type.startsWith("Execution") && (type.endsWith("Failed") || type.endsWith("TimedOut"));
    }

    /** A success of a state's work: after a retry, the phase did not fail after all. */
    public boolean succeeded() {
        return !type.startsWith("Execution") && type.endsWith("Succeeded");
    }

    /** The SDK's events, oldest first (sorted by id: not every implementation returns them in order). */
    public static List<ExecutionEvent> of(List<HistoryEvent> events) {
        return events.stream().map(ExecutionEvent::of).sorted(Comparator.comparingLong(ExecutionEvent::id)).toList();
    }

    static ExecutionEvent of(HistoryEvent event) {
        String state = null;
        String output = null;
        if (event.stateEnteredEventDetails() != null) {
            state = event.stateEnteredEventDetails().name();
        } else if (event.stateExitedEventDetails() != null) {
            state = event.stateExitedEventDetails().name();
            output = event.stateExitedEventDetails().output();
        }
        return new ExecutionEvent(event.id(), event.timestamp(), event.typeAsString(), state, output);
    }
}
