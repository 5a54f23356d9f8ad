package dmsrunbook.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.StateEnteredEventDetails;

class InitialCopyClockTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void theCopyIsTimedFromTheStateEnteredEvent_notFromThePollThatFirstSawIt() {
        InitialCopyClock clock = new InitialCopyClock(3);
        List<HistoryEvent> before = List.of(entered("RunPreflightChecks", T0));
        List<HistoryEvent> started = List.of(entered("RunPreflightChecks", T0), entered("StartReplication", T0.plusSeconds(10)));

        assertThat(clock.observe(before, 0, T0.plusSeconds(5))).isEmpty();
        assertThat(clock.waiting()).isTrue();
        // the first poll after the start already sees two of three tables ready: not done yet
        assertThat(clock.observe(started, 2, T0.plusSeconds(12))).isEmpty();
        assertThat(clock.observe(started, 3, T0.plusMillis(13_500))).contains(Duration.ofMillis(3_500));
        assertThat(clock.waiting()).isFalse();
        assertThat(clock.seconds()).contains(3.5);
        // said once: later polls change nothing
        assertThat(clock.observe(started, 3, T0.plusSeconds(60))).isEmpty();
        assertThat(clock.seconds()).contains(3.5);
    }

    @Test
    void tablesReadyBeforeTheReplicationStarted_areNotACopy() {
        InitialCopyClock clock = new InitialCopyClock(1);
        assertThat(clock.observe(List.of(entered("PrepareTargetSchema", T0)), 1, T0.plusSeconds(1))).isEmpty();
        assertThat(clock.seconds()).isEmpty();
    }

    private static HistoryEvent entered(String state, Instant at) {
        return HistoryEvent.builder().type(HistoryEventType.TASK_STATE_ENTERED).timestamp(at)
                .stateEnteredEventDetails(StateEnteredEventDetails.builder().name(state).build()).build();
    }
}
