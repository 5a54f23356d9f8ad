package dmsrunbook.workflow;

import java.time.Instant;
import java.util.List;

/**
 * The end of the replication: whether it has stopped (the state machine polls until it has), what it released on
 * the source, since when the runbook has been stopping it, and, once stopped, the migration's closing summary for the
 * completion notice.
 */
public record StopOutcome(boolean stopped, String detail, List<String> droppedSlots, List<String> droppedPublications,
                          int waitSeconds, String summary, Instant stoppingSince) {
}
