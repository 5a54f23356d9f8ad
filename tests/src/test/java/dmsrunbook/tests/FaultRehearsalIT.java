package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.cli.RunbookCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * {@code runbook rehearse --fault}: databases restart and replication connections drop in the middle of a real
 * migration with the native engine; the migration rides it through and ends with every row, nothing left on the source.
 */
class FaultRehearsalIT {

    @Test
    void targetRestartMidCopy_copyRestartsTheTableCleanly_andTheRehearsalPassesWithEveryRow() {
        String output = rehearse(0, "--fault", "target-restart", "--fault-at", "copy", "--transactions", "300000", "--users", "300",
                "--writes-per-second", "20");

        assertThat(output).containsPattern("FAULT target-restart at copy \\(copying: \\[[a-z, ]*transacoes")
                .containsPattern("target unreachable since \\d\\d:\\d\\d:\\d\\d")
                .contains("target reachable again after", "target started again after")
                .containsPattern("recovered [0-9.]+ s after the fault")
                .containsPattern("recovery: +[0-9.]+ s after the fault ended")
                .containsPattern("the target's log: the copy of transacoes started [2-9] times")
                .containsPattern("workflow rode through: \\d+ replication checks? found a database unreachable or resumed");
        assertPassedWithEveryRow(output);
    }

    @Test
    void targetDownPastTheRetryWindow_endsWithOneAlertNamingTheDatabaseAndTheWalHeld_andCleanupLeavesTheSourceClean() {
        String output = rehearse(0, "--fault", "target-down", "--fault-at", "cdc", "--transactions", "20000", "--users", "300",
                "--writes-per-second", "20");

        assertThat(output).contains("FAULT target-down at cdc")
                .containsPattern("execution FAILED: aurora-postgresql fluxocaixa@127.0.0.1:\\d+ has been unreachable since .* longer than "
                        + "faults.retryWindowSeconds 30 s")
                .containsPattern("Slot dmsrunbook_rehearsal_native \\(inactive\\) holds [0-9]+ [KM]?B of WAL on the source")
                .contains("Fix: bring aurora-postgresql fluxocaixa@127.0.0.1:", "runbook cleanup");
        assertEndedWithOneAlertAndACleanSource(output);
    }

    @Test
    void sourceRestartMidCdc_subscriptionResumesFromItsSlot_andTheRehearsalPassesWithEveryRow() {
        String output = rehearse(0, "--fault", "source-restart", "--fault-at", "cdc", "--transactions", "20000", "--users", "300",
                "--writes-per-second", "40");

        assertThat(output).contains("FAULT source-restart at cdc", "source started again after", "source reachable again after")
                .containsPattern("workflow rode through: .*(unreachable since|was disabled after an error; resumed at)")
                .containsPattern("recovered [0-9.]+ s after the fault");
        assertPassedWithEveryRow(output);
        assertThat(output).containsPattern("usuarios\\s+(\\d+)\\s+\\1\\s+match");
    }

    @Test
    void sourceRestartDuringTheFinalSync_afterTheApproval_isRiddenThrough_andTheCutoverCompletesWithEveryRow() {
        String output = rehearse(0, "--fault", "source-restart", "--fault-at", "final-sync", "--transactions", "20000", "--users", "300",
                "--writes-per-second", "40");

        assertThat(output).contains("cutover approved", "FAULT source-restart at final-sync", "source started again after")
                .containsPattern("recovered [0-9.]+ s after the fault")
                // the final sync's own check met the outage (a database unreachable, or the subscription it disabled) and went on
                .containsPattern("workflow rode through: \\d+ replication checks? .*the last: CheckFinalSync: ")
                .contains("data validated at cutover:    3 of 3 tables equal");
        assertThat(output.indexOf("cutover approved")).as("the fault comes after the approval").isLessThan(output.indexOf("FAULT source-restart"));
        assertPassedWithEveryRow(output);
    }

    @Test
    void applyErrorMidCdc_disablesTheSubscription_andEndsWithOneAlertSayingWhatTheSlotHolds_andACleanSource() {
        String output = rehearse(0, "--fault", "apply-error", "--fault-at", "cdc", "--transactions", "20000", "--users", "300",
                "--writes-per-second", "20");

        assertThat(output).contains("FAULT apply-error at cdc: categorias id 900001")
                .contains("execution FAILED: Subscription dmsrunbook_rehearsal_native was disabled after an error again after this check resumed it")
                .containsPattern("Slot dmsrunbook_rehearsal_native \\((inactive|in use)\\) holds [0-9]+ [KM]?B of WAL on the source");
        assertEndedWithOneAlertAndACleanSource(output);
    }

    /** The migration rode the fault through: it succeeded with every row and the same balances, and left nothing on the source. */
    private static void assertPassedWithEveryRow(String output) {
        assertThat(output).contains("execution SUCCEEDED", "same balances on both sides", "slots left on source: 0", "publications left:    0",
                "subscriptions left:   0", "REHEARSAL PASSED").containsPattern("transacoes\\s+(\\d+)\\s+\\1\\s+match");
    }

    /** A permanent fault: one alert from the replication check, then the cleanup left nothing on the source. */
    private static void assertEndedWithOneAlertAndACleanSource(String output) {
        assertThat(output).containsPattern("failure alerts: +1 \\[\\[dms-runbook\\] rehearsal-native FAILED in CheckReplication\\]")
                .contains("cleaned up the replication after the failure", "slots left on source: 0", "publications left:    0",
                        "subscriptions left:   0", "REHEARSAL PASSED: the permanent fault ended the execution with one alert");
    }

    static String rehearse(int expectedExit, String... args) {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream original = System.out;
        StringWriter err = new StringWriter();
        int exit;
        System.setOut(new PrintStream(console, true));
        String[] command = new String[args.length + 1];
        command[0] = "rehearse";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            exit = RunbookCommand.run(new PrintWriter(System.out, true), new PrintWriter(err, true), command);
        } finally {
            System.setOut(original);
        }
        String output = console.toString();
        original.println(output);
        assertThat(exit).as("exit code; stderr: %s", err).isEqualTo(expectedExit);
        return output;
    }
}
