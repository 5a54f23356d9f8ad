package dmsrunbook.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.engine.ReplicationProgress;
import dmsrunbook.engine.ReplicationProgress.Phase;
import dmsrunbook.engine.StreamPositions;
import dmsrunbook.engine.TableProgress;
import dmsrunbook.error.DatabaseOutageException;
import dmsrunbook.error.DatabaseUnavailableException;
import dmsrunbook.error.ReplicationInterruptedException;
import dmsrunbook.engine.TableValidation;
import dmsrunbook.error.DataMismatchException;
import dmsrunbook.error.SyncTimeoutException;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.testing.LocalSpecs;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sync loop's verdict, poll by poll: loading while the full load runs, syncing while CDC catches up, in sync only
 * once latency stayed under the threshold for the whole stable period, and a timeout with the fix when it never does.
 */
class SyncCheckTest {

    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    /** Latency at most 10 s for 300 s, polled every 60 s, for up to 48 h; final latency at most 1 s. */
    private static final MigrationSpec SPEC = spec(10, 300, 48 * 3600, 60);

    private final SyncCheck check = new SyncCheck();

    @Test
    void fullLoadRunning_isLoading_withTheTablesLoadedSoFar() {
        ReplicationProgress progress = new ReplicationProgress(Phase.FULL_LOAD, 40, List.of(
                table("public.orders", "Table completed"), table("public.items", "Full load"), table("public.users", "Before load")),
                null, null, "task running");

        SyncState state = check.evaluate(SPEC, SyncWait.CATCH_UP, progress, null, T0);

        assertThat(state.status()).isEqualTo(SyncStatus.LOADING);
        assertThat(state.detail()).isEqualTo("full load: 1/3 tables, 40%");
        assertThat(state.tablesLoaded()).isEqualTo(1);
        assertThat(state.waitStartedAt()).isEqualTo(T0);
        assertThat(state.polls()).isEqualTo(1);
    }

    @Test
    void changeCaptureBehindTheThreshold_isSyncing() {
        SyncState state = check.evaluate(SPEC, SyncWait.CATCH_UP, cdc(45.5, T0), null, T0);

        assertThat(state.status()).isEqualTo(SyncStatus.SYNCING);
        assertThat(state.detail()).isEqualTo("latency 45.5 s > 10 s");
        assertThat(state.belowThresholdSince()).isNull();
    }

    @Test
    void changeCaptureWithoutALatencyReadingYet_isSyncing() {
        SyncState state = check.evaluate(SPEC, SyncWait.CATCH_UP, cdc(null, null), null, T0);

        assertThat(state.status()).isEqualTo(SyncStatus.SYNCING);
        assertThat(state.detail()).isEqualTo("change capture running, no latency reading yet");
    }

    @Test
    void latencyUnderTheThreshold_isInSyncOnlyAfterStableForSeconds() {
        // GIVEN latency drops under 10 s at T0
        SyncState first = check.evaluate(SPEC, SyncWait.CATCH_UP, cdc(4.0, T0), null, T0);
        assertThat(first.status()).isEqualTo(SyncStatus.SYNCING);
        assertThat(first.belowThresholdSince()).isEqualTo(T0);

        // WHEN it stays there for 299 s THEN still syncing
        SyncState almost = check.evaluate(SPEC, SyncWait.CATCH_UP, cdc(3.0, T0.plusSeconds(299)), first, T0.plusSeconds(299));
        assertThat(almost.status()).isEqualTo(SyncStatus.SYNCING);
        assertThat(almost.detail()).isEqualTo("latency 3 s <= 10 s for 299 of 300 s");

        // AND after the full 300 s it is in sync
        SyncState stable = check.evaluate(SPEC, SyncWait.CATCH_UP, cdc(2.0, T0.plusSeconds(300)), almost, T0.plusSeconds(300));
        assertThat(stable.status()).isEqualTo(SyncStatus.IN_SYNC);
        assertThat(stable.polls()).isEqualTo(3);
        assertThat(stable.waitStartedAt()).isEqualTo(T0);
    }

    @Test
    void latencySpike_restartsTheStablePeriod() {
        // GIVEN latency has been low for 200 s
        SyncState low = check.evaluate(SPEC, SyncWait.CATCH_UP, cdc(1.0, T0), null, T0);
        low = check.evaluate(SPEC, SyncWait.CATCH_UP, cdc(1.0, T0.plusSeconds(200)), low, T0.plusSeconds(200));

        // WHEN it spikes to 40 s, then drops again
        SyncState spike = check.evaluate(SPEC, SyncWait.CATCH_UP, cdc(40.0, T0.plusSeconds(260)), low, T0.plusSeconds(260));
        SyncState again = check.evaluate(SPEC, SyncWait.CATCH_UP, cdc(1.0, T0.plusSeconds(320)), spike, T0.plusSeconds(320));

        // THEN the stable period counts from the drop, not from T0
        assertThat(spike.status()).isEqualTo(SyncStatus.SYNCING);
        assertThat(spike.belowThresholdSince()).isNull();
        assertThat(again.belowThresholdSince()).isEqualTo(T0.plusSeconds(320));
        SyncState notYet = check.evaluate(SPEC, SyncWait.CATCH_UP, cdc(1.0, T0.plusSeconds(600)), again, T0.plusSeconds(600));
        assertThat(notYet.status()).as("only 280 s since the spike").isEqualTo(SyncStatus.SYNCING);
        SyncState stable = check.evaluate(SPEC, SyncWait.CATCH_UP, cdc(1.0, T0.plusSeconds(620)), notYet, T0.plusSeconds(620));
        assertThat(stable.status()).isEqualTo(SyncStatus.IN_SYNC);
    }

    @Test
    void finalWait_ignoresALatencyReadingTakenBeforeWritesStopped() {
        // GIVEN the application went read-only at T0, and the newest reading (0 s) is from the minute before
        SyncState stale = check.evaluate(SPEC, SyncWait.FINAL, cdc(0.0, T0.minusSeconds(30)), null, T0);

        // THEN it does not count
        assertThat(stale.status()).isEqualTo(SyncStatus.SYNCING);
        assertThat(stale.detail()).isEqualTo("waiting for a latency reading taken after writes stopped");

        // AND a reading from after T0 at or under cutover.maxFinalLatencySeconds is enough at once (no stable period)
        SyncState fresh = check.evaluate(SPEC, SyncWait.FINAL, cdc(1.0, T0.plusSeconds(60)), stale, T0.plusSeconds(60));
        assertThat(fresh.status()).isEqualTo(SyncStatus.IN_SYNC);
    }

    @Test
    void finalWait_withStreamPositions_waitsUntilEverythingUpToTheFirstSourcePositionIsApplied() {
        // GIVEN an engine that sees exact positions: at the first final check the source is at 1000, 400 applied
        SyncState first = check.evaluate(SPEC, SyncWait.FINAL, positioned(1000, 400), null, T0);
        assertThat(first.status()).isEqualTo(SyncStatus.SYNCING);
        assertThat(first.drainPosition()).isEqualTo(1000L);
        assertThat(first.detail()).isEqualTo("600 bytes of changes before the cutover point still to apply");

        // WHEN the source moves on (its own background writes) THEN the cutover point stays where writes stopped
        SyncState second = check.evaluate(SPEC, SyncWait.FINAL, positioned(1500, 999), first, T0.plusSeconds(10));
        assertThat(second.status()).isEqualTo(SyncStatus.SYNCING);
        assertThat(second.drainPosition()).isEqualTo(1000L);

        // AND once the applied position reaches it, the final sync is done whatever the latency says
        SyncState drained = check.evaluate(SPEC, SyncWait.FINAL, positioned(1500, 1000), second, T0.plusSeconds(20));
        assertThat(drained.status()).isEqualTo(SyncStatus.IN_SYNC);
        assertThat(drained.detail()).isEqualTo("every change up to the cutover point is applied");
    }

    @Test
    void catchUp_withStreamPositions_stillGoesByLatency() {
        SyncState state = check.evaluate(SPEC, SyncWait.CATCH_UP, positioned(1000, 1000), null, T0);

        assertThat(state.drainPosition()).isNull();
        assertThat(state.detail()).isEqualTo("latency 30 s > 10 s");
    }

    @Test
    void finalWait_holdsLatencyToTheCutoverLimit_notTheCatchUpThreshold() {
        SyncState state = check.evaluate(SPEC, SyncWait.FINAL, cdc(5.0, T0.plusSeconds(1)), null, T0);

        assertThat(state.status()).as("5 s is fine to catch up, not to cut over").isEqualTo(SyncStatus.SYNCING);
        assertThat(state.detail()).isEqualTo("latency 5 s > 1 s");
    }

    @Test
    void catchUpThatNeverReachesTheThreshold_timesOutAfterMaxWait_withTheFix() {
        SyncState first = check.evaluate(SPEC, SyncWait.CATCH_UP, cdc(90.0, T0), null, T0);
        Instant past = T0.plusSeconds(48 * 3600 + 1);

        assertThatThrownBy(() -> check.evaluate(SPEC, SyncWait.CATCH_UP, cdc(90.0, past), first, past))
                .isInstanceOf(SyncTimeoutException.class)
                .hasMessageContaining("Replication did not reach 10 s latency within 172800 s (latency 90 s > 10 s)")
                .hasMessageContaining("Fix: size up the replication instance or the target, or raise thresholds.maxWaitSeconds");
    }

    @Test
    void catchUpAtExactlyMaxWait_isStillGivenItsPoll() {
        SyncState first = check.evaluate(SPEC, SyncWait.CATCH_UP, cdc(90.0, T0), null, T0);
        Instant atLimit = T0.plusSeconds(48 * 3600);

        assertThat(check.evaluate(SPEC, SyncWait.CATCH_UP, cdc(90.0, atLimit), first, atLimit).status()).isEqualTo(SyncStatus.SYNCING);
    }

    @Test
    void finalWait_givesUpAfterAnHour_evenWhenMaxWaitIsLonger_andSaysTheAppIsStillReadOnly() {
        SyncState first = check.evaluate(SPEC, SyncWait.FINAL, cdc(30.0, T0), null, T0);
        Instant past = T0.plusSeconds(SyncCheck.MAX_FINAL_WAIT_SECONDS + 1);

        assertThatThrownBy(() -> check.evaluate(SPEC, SyncWait.FINAL, cdc(30.0, past), first, past))
                .isInstanceOf(SyncTimeoutException.class)
                .hasMessageContaining("The final sync did not reach 1 s latency within 3600 s")
                .hasMessageContaining("the application is still read-only: decide to retry or roll back");
    }

    @Test
    void fullLoadOnlyTaskThatFinished_isInSync() {
        ReplicationProgress finished = new ReplicationProgress(Phase.FULL_LOAD_FINISHED, 100,
                List.of(table("public.orders", "Table completed"), table("public.items", "Table completed")), null, null, "task stopped");

        SyncState state = check.evaluate(SPEC, SyncWait.CATCH_UP, finished, null, T0);

        assertThat(state.status()).isEqualTo(SyncStatus.IN_SYNC);
        assertThat(state.detail()).isEqualTo("full load finished: 2 tables");
    }

    @Test
    void waitBetweenPolls_isThePollInterval_whenMaxWaitAllowsIt() {
        SyncState state = check.evaluate(spec(10, 30, 3600, 20), SyncWait.CATCH_UP, cdc(50.0, T0), null, T0);

        assertThat(state.waitSeconds()).isEqualTo(20);
    }

    @Test
    void fortyEightHourWait_isStretched_toAtMostMaxPolls() {
        // WHEN the spec asks for a poll a minute over 48 hours
        int wait = SyncCheck.waitSeconds(60, 48 * 3600);

        // THEN the state machine waits 173 s between polls: 999 polls, not 2,880
        assertThat(wait).isEqualTo(173);
        assertThat(polls(48 * 3600, wait)).isLessThanOrEqualTo(SyncCheck.MAX_POLLS);
        assertThat(check.evaluate(SPEC, SyncWait.CATCH_UP, cdc(50.0, T0), null, T0).waitSeconds()).isEqualTo(173);
    }

    @Test
    void dmsValidationEnabled_pendingOrSuspendedRecords_keepTheSyncWaiting_namingTheTables() {
        MigrationSpec validating = validating(spec(10, 0, 48 * 3600, 60));
        ReplicationProgress progress = cdcWith(2.0, List.of(
                validated("public.orders", new TableValidation("Validated", 0, 0, 0)),
                validated("public.items", new TableValidation("Pending records", 0, 0, 120)),
                validated("public.users", new TableValidation("Suspended records", 0, 3, 0))));

        SyncState state = check.evaluate(validating, SyncWait.CATCH_UP, progress, null, T0);

        assertThat(state.status()).isEqualTo(SyncStatus.SYNCING);
        assertThat(state.detail()).isEqualTo("latency 2 s <= 10 s for 0 of 0 s; DMS validation not finished: "
                + "public.items (Pending records: 120 pending), public.users (Suspended records: 3 suspended)");
    }

    @Test
    void dmsValidationEnabled_everyTableValidated_isInSync() {
        MigrationSpec validating = validating(spec(10, 0, 48 * 3600, 60));
        ReplicationProgress progress = cdcWith(0.5, List.of(validated("public.orders", new TableValidation("Validated", 0, 0, 0))));

        assertThat(check.evaluate(validating, SyncWait.FINAL, progress, null, T0).status()).isEqualTo(SyncStatus.IN_SYNC);
    }

    @Test
    void dmsValidationEnabled_butNoStateReported_waits_ratherThanTakingSilenceForValidated() {
        MigrationSpec validating = validating(spec(10, 0, 48 * 3600, 60));

        SyncState state = check.evaluate(validating, SyncWait.CATCH_UP, cdc(2.0, T0), null, T0);

        assertThat(state.status()).isEqualTo(SyncStatus.SYNCING);
        assertThat(state.detail()).endsWith("DMS validation not finished: public.orders (no validation state reported yet)");
    }

    @Test
    void dmsValidationEnabled_failedRecords_stopTheMigration_namingTheTables_evenDuringTheFullLoad() {
        MigrationSpec validating = validating(SPEC);
        ReplicationProgress progress = new ReplicationProgress(Phase.FULL_LOAD, 50, List.of(
                validated("public.orders", new TableValidation("Mismatched records", 4, 0, 10)),
                validated("public.items", new TableValidation("Validated", 0, 0, 0))), null, null, "task running");

        assertThatThrownBy(() -> check.evaluate(validating, SyncWait.CATCH_UP, progress, null, T0))
                .isInstanceOf(DataMismatchException.class)
                .hasMessageContaining("AWS DMS validation found records that differ between the source and the target in 1 table: "
                        + "public.orders (Mismatched records: 4 failed, 10 pending)")
                .hasMessageContaining("awsdms_validation_failures_v1");
    }

    @Test
    void dmsValidationStillPendingAtTheMaxWait_timesOut_sayingWhatToRevalidate() {
        MigrationSpec validating = validating(spec(10, 0, 600, 60));
        ReplicationProgress progress = cdcWith(2.0, List.of(validated("public.items", new TableValidation("Pending records", 0, 0, 7))));
        SyncState first = check.evaluate(validating, SyncWait.CATCH_UP, progress, null, T0);

        assertThatThrownBy(() -> check.evaluate(validating, SyncWait.CATCH_UP, progress, first, T0.plusSeconds(601)))
                .isInstanceOf(SyncTimeoutException.class)
                .hasMessageContaining("Replication did not finish DMS's validation within 600 s")
                .hasMessageContaining("public.items (Pending records: 7 pending)")
                .hasMessageContaining("Revalidate");
    }

    @Test
    void validationStatesOfATaskWhoseSettingsDoNotEnableIt_areIgnored() {
        ReplicationProgress progress = cdcWith(2.0, List.of(validated("public.orders", new TableValidation("Mismatched records", 4, 0, 0))));

        assertThat(check.evaluate(spec(10, 0, 48 * 3600, 60), SyncWait.CATCH_UP, progress, null, T0).status()).isEqualTo(SyncStatus.IN_SYNC);
    }

    static Stream<Arguments> everyAllowedWait() {
        return IntStream.of(1, 5, 30, 60, 300, 3600).boxed().flatMap(poll -> IntStream.of(60, 3599, 3600, 86_399, 172_800, 1_000_001, 30 * 86_400)
                .mapToObj(maxWait -> Arguments.of(poll, maxWait)));
    }

    @ParameterizedTest(name = "poll {0} s, max wait {1} s")
    @MethodSource("everyAllowedWait")
    void anyAllowedWait_takesAtMostMaxPolls_andNeverPollsFasterThanAsked(int pollIntervalSeconds, int maxWaitSeconds) {
        int wait = SyncCheck.waitSeconds(pollIntervalSeconds, maxWaitSeconds);

        assertThat(polls(maxWaitSeconds, wait)).isLessThanOrEqualTo(SyncCheck.MAX_POLLS);
        assertThat(wait).isGreaterThanOrEqualTo(pollIntervalSeconds);
    }

    /** How many polls fit in a wait: the loop polls until the elapsed time passes maxWait. */
    private static long polls(int maxWaitSeconds, int waitSeconds) {
        return (maxWaitSeconds + waitSeconds - 1) / waitSeconds;
    }

    @Test
    void targetUnreachable_withinTheRetryWindow_isUnreachable_andPolledAgain_fromTheFirstFailure() {
        DatabaseUnavailableException refused = refused("aurora-postgresql app@db.example.internal:5432");
        SyncState inSyncSoFar = check.evaluate(SPEC, SyncWait.CATCH_UP, cdc(2.0, T0), null, T0);

        SyncState first = check.unreachable(SPEC, SyncWait.CATCH_UP, refused, inSyncSoFar, T0.plusSeconds(60), () -> "unused");
        SyncState later = check.unreachable(SPEC, SyncWait.CATCH_UP, refused, first, T0.plusSeconds(400), () -> "unused");

        assertThat(first.status()).isEqualTo(SyncStatus.UNREACHABLE);
        assertThat(first.outage()).isEqualTo(new DatabaseOutage("aurora-postgresql app@db.example.internal:5432", T0.plusSeconds(60),
                refused.detail()));
        assertThat(first.waitSeconds()).as("faults.retryIntervalSeconds").isEqualTo(15);
        assertThat(first.belowThresholdSince()).as("the stable period starts over once it is back").isNull();
        assertThat(first.waitStartedAt()).isEqualTo(T0);
        assertThat(later.outage().since()).isEqualTo(T0.plusSeconds(60));
        assertThat(later.detail()).startsWith("aurora-postgresql app@db.example.internal:5432 unreachable since 2026-11-21T10:01:00Z (340 of 600 s)");
        assertThat(check.evaluate(SPEC, SyncWait.CATCH_UP, cdc(2.0, T0.plusSeconds(420)), later, T0.plusSeconds(420)).outage())
                .as("answered again").isNull();
    }

    @Test
    void databaseUnreachableForTheWholeRetryWindow_stopsTheMigration_namingTheDatabaseTheWalHeldAndTheFix() {
        DatabaseUnavailableException refused = refused("aurora-postgresql app@db.example.internal:5432");
        SyncState first = check.unreachable(SPEC, SyncWait.CATCH_UP, refused, null, T0, () -> "unused");

        assertThatThrownBy(() -> check.unreachable(SPEC, SyncWait.CATCH_UP, refused, first, T0.plusSeconds(600),
                () -> "Slot dmsrunbook_sync_check (inactive) holds 96 MB of WAL on the source, growing by about 4 MB/min."))
                .isInstanceOf(DatabaseOutageException.class)
                .hasMessageContaining("aurora-postgresql app@db.example.internal:5432 has been unreachable since 2026-11-21T10:00:00Z (600 s, "
                        + "longer than faults.retryWindowSeconds 600 s)")
                .hasMessageContaining("Connection to db.example.internal:5432 refused. (SQLSTATE 08001)")
                .hasMessageContaining("holds 96 MB of WAL on the source, growing by about 4 MB/min")
                .hasMessageContaining("Fix: bring aurora-postgresql app@db.example.internal:5432 back")
                .hasMessageContaining("runbook cleanup");
    }

    @Test
    void replicationThatStoppedItselfOnAnError_isResumedOnce_andStoppingAgainWithinTheWindowNeedsAPerson() {
        ReplicationInterruptedException disabled = new ReplicationInterruptedException("Subscription s was disabled after an error", "fix it");
        SyncState syncing = check.evaluate(SPEC, SyncWait.CATCH_UP, cdc(45.0, T0), null, T0);

        assertThat(check.resumedRecently(SPEC, syncing, T0.plusSeconds(60))).as("never resumed").isFalse();
        SyncState resumed = check.resumed(SPEC, SyncWait.CATCH_UP, disabled, syncing, T0.plusSeconds(60));
        SyncState afterwards = check.evaluate(SPEC, SyncWait.CATCH_UP, cdc(3.0, T0.plusSeconds(120)), resumed, T0.plusSeconds(120));

        assertThat(resumed.status()).isEqualTo(SyncStatus.SYNCING);
        assertThat(resumed.resumedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(resumed.detail()).isEqualTo("Subscription s was disabled after an error; resumed at 2026-11-21T10:01:00Z");
        assertThat(afterwards.resumedAt()).as("kept from poll to poll").isEqualTo(T0.plusSeconds(60));
        assertThat(check.resumed(SPEC, SyncWait.CATCH_UP, disabled, check.unreachable(SPEC, SyncWait.CATCH_UP,
                refused("postgres app@db.example.internal:5432"), syncing, T0.plusSeconds(30), () -> ""), T0.plusSeconds(60)).status())
                .as("resumed after an outage: streaming again, not unreachable").isEqualTo(SyncStatus.SYNCING);
        assertThat(check.resumedRecently(SPEC, afterwards, T0.plusSeconds(659))).as("within faults.retryWindowSeconds").isTrue();
        assertThat(check.resumedRecently(SPEC, afterwards, T0.plusSeconds(660))).as("a new fault, long after").isFalse();
    }

    private static DatabaseUnavailableException refused(String database) {
        return (DatabaseUnavailableException) dmsrunbook.error.Failures.ofSql("Reading the subscription", database,
                new java.sql.SQLException("Connection to db.example.internal:5432 refused.", "08001"));
    }

    private static ReplicationProgress cdc(Double latency, Instant observedAt) {
        return new ReplicationProgress(Phase.CHANGE_CAPTURE, 100, List.of(table("public.orders", "Table completed")),
                latency, observedAt, "task running");
    }

    /** A native-engine reading: 30 s of latency, and the source's and the applied stream positions. */
    private static ReplicationProgress positioned(long source, long applied) {
        return new ReplicationProgress(Phase.CHANGE_CAPTURE, 100, List.of(table("public.orders", "ready")),
                30.0, T0, "apply lag", new StreamPositions(source, applied));
    }

    private static ReplicationProgress cdcWith(double latency, List<TableProgress> tables) {
        return new ReplicationProgress(Phase.CHANGE_CAPTURE, 100, tables, latency, T0, "task running");
    }

    private static TableProgress validated(String name, TableValidation validation) {
        return new TableProgress(name, "Table completed", 100, 0, 0, 0, validation);
    }

    /** The spec with DMS's validation turned on in its task settings. */
    private static MigrationSpec validating(MigrationSpec spec) {
        ObjectNode json = dmsrunbook.internal.Json.MAPPER.valueToTree(spec);
        LocalSpecs.taskSettings(json).putObject("ValidationSettings").put("EnableValidation", true);
        return LocalSpecs.read(json);
    }

    private static TableProgress table(String name, String state) {
        return new TableProgress(name, state, 100, 0, 0, 0);
    }

    private static MigrationSpec spec(int latency, int stableFor, int maxWait, int poll) {
        LocalSpecs.Side database = new LocalSpecs.Side("postgres", "db.example.internal", 5432, "app", LocalSpecs.unreadSecret("app"));
        LocalSpecs.Side target = new LocalSpecs.Side("postgres", "db.example.internal", 5432, "app_copy", LocalSpecs.unreadSecret("app-copy"));
        ObjectNode spec = LocalSpecs.dms("sync-check", database, target, "public");
        spec.putObject("thresholds").put("cdcLatencySeconds", latency).put("stableForSeconds", stableFor)
                .put("maxWaitSeconds", maxWait).put("pollIntervalSeconds", poll);
        return LocalSpecs.read(spec);
    }
}
