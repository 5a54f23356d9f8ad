package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.local.LocalPostgres;
import dmsrunbook.rehearsal.CashFlowSchema;
import dmsrunbook.rehearsal.DmsStandIn;
import dmsrunbook.rehearsal.LocalRunbook;
import dmsrunbook.sync.SyncCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * A Standard workflow ends when its history reaches 25,000 events. This measures what one turn of the sync loop
 * (wait, check, decide) writes to a real execution's history, and multiplies it by the polls of the longest wait the
 * spec allows by default (48 hours): the wait must stay well under the limit, with room for every other phase.
 */
class HistoryEventBudgetIT {

    private static final int HISTORY_LIMIT = 25_000;
    private static final int FORTY_EIGHT_HOURS = 48 * 3600;

    @RegisterExtension
    static final LocalRunbookExtension runbook = new LocalRunbookExtension();

    @Test
    void fortyEightHourCdcWait_staysWellUnderTheHistoryLimit_measuredOnARealExecution() throws Exception {
        // GIVEN a migration whose sync loop turns a few times (3 s of low latency needed, polled every second)
        List<HistoryEvent> history = runMigration();
        List<Integer> loopStarts = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            HistoryEvent event = history.get(i);
            if (event.type() == HistoryEventType.TASK_STATE_ENTERED && event.stateEnteredEventDetails().name().equals("CheckReplication")) {
                loopStarts.add(i);
            }
        }
        assertThat(loopStarts).as("turns of the sync loop").hasSizeGreaterThanOrEqualTo(2);

        // WHEN one turn's events are counted (the most of any turn)
        int eventsPerTurn = 0;
        for (int i = 1; i < loopStarts.size(); i++) {
            eventsPerTurn = Math.max(eventsPerTurn, loopStarts.get(i) - loopStarts.get(i - 1));
        }
        int everythingElse = history.size() - eventsPerTurn * (loopStarts.size() - 1);

        // THEN 48 hours of polling, the final sync at its limit, and the rest of the run use under half the history
        int polls = polls(FORTY_EIGHT_HOURS, SyncCheck.waitSeconds(60, FORTY_EIGHT_HOURS));
        int finalPolls = polls(SyncCheck.MAX_FINAL_WAIT_SECONDS, SyncCheck.waitSeconds(60, SyncCheck.MAX_FINAL_WAIT_SECONDS));
        long worstCase = (long) eventsPerTurn * (polls + finalPolls) + everythingElse;
        assertThat(eventsPerTurn).as("events per turn of wait, check and decide").isBetween(5, 20);
        assertThat(polls).isLessThanOrEqualTo(SyncCheck.MAX_POLLS);
        assertThat(worstCase).as("%d events per turn x (%d + %d polls) + %d other events", eventsPerTurn, polls, finalPolls, everythingElse)
                .isLessThan(HISTORY_LIMIT / 2);
    }

    private static List<HistoryEvent> runMigration() throws Exception {
        try (LocalPostgres source = LocalPostgres.startLogicalSource("history-source");
             LocalPostgres target = LocalPostgres.start("history-target", Map.of())) {
            CashFlowDatabases.givenOnSourceWithSchemaOnTarget(source, target, 5, 50);
            String spec = MigrationSpecs.dmsFullLoadAndCdc(runbook.get(), "history-budget", source, target, "fluxocaixa", "auto")
                    .replace("\"stableForSeconds\": 2", "\"stableForSeconds\": 3");
            try (DmsStandIn dms = new DmsStandIn(runbook.aws(), LocalRunbook.INSTANCE_IDENTIFIER, source, "fluxocaixa", target,
                    "fluxocaixa", CashFlowSchema.TABLES).attach("history-budget")) {
                String execution = runbook.executions().start("history-budget-run", spec);
                var result = runbook.executions().awaitEnd(execution, Duration.ofMinutes(3));
                assertThat(result.status()).as("cause: %s", result.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
                return runbook.executions().history(execution);
            }
        }
    }

    private static int polls(int maxWaitSeconds, int waitSeconds) {
        return (maxWaitSeconds + waitSeconds - 1) / waitSeconds;
    }
}
