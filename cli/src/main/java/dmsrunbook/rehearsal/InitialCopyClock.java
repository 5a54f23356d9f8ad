package dmsrunbook.rehearsal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * Times a rehearsal's initial copy: from the moment the execution entered StartReplication (its history's timestamp,
 * not when a poll first saw it: a small copy ends within one poll) to the first look at which every selected table is
 * ready on the target. What {@code runbook plan} estimates from.
 */
final class InitialCopyClock {

    private final int tables;
    private Instant started;
    private Duration took;

    InitialCopyClock(int tables) {
        this.tables = tables;
    }

    /**
     * Notes one poll: the execution's history so far and how many tables are ready on the target. Returns the copy's
     * duration once, on the poll that first sees it done.
     */
    Optional<Duration> observe(List<HistoryEvent> history, int tablesReady, Instant now) {
        if (started == null) {
            started = history.stream().filter(e -> e.stateEnteredEventDetails() != null
                    && e.stateEnteredEventDetails().name().equals("StartReplication")).map(HistoryEvent::timestamp).findFirst().orElse(null);
        }
        if (started != null && took == null && tablesReady >= tables) {
            took = Duration.between(started, now);
            return Optional.of(took);
        }
        return Optional.empty();
    }

    /** Whether the copy's end is still to be seen: polls then come more often, so it is seen close to when it happened. */
    boolean waiting() {
        return took == null;
    }

    /** The copy's duration in seconds (never 0 once measured), or empty when its end was not seen. */
    Optional<Double> seconds() {
        return Optional.ofNullable(took).map(d -> Math.max(0.001, d.toMillis() / 1000.0));
    }
}
