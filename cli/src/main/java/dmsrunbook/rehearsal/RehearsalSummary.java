package dmsrunbook.rehearsal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * How a rehearsal ended: the execution, the data on both sides, what the workflow's data validations concluded (while
 * the application wrote, and after the final sync; null when the execution did not get there), what was left on
 * the source, the initial copy's measured speed ({@code initialCopy}), and where the migration report was saved
 * ({@code report}); in a fault rehearsal also the fault, the
 * outages the display saw, and the failure alerts sent.
 *
 * @param fault    the injected fault's report, or null without {@code --fault}
 * @param outages  every time the display could not reach a database
 * @param unreachableChecks the workflow's replication checks that found a database unreachable, or resumed the replication
 * @param alerts   the subjects of the failure alerts on-call received
 */
public record RehearsalSummary(
        String engine,
        String executionStatus,
        String failure,
        List<TableRows> tables,
        boolean balanceViewMatches,
        String inFlightValidation,
        String finalValidation,
        List<String> slotsLeft,
        List<String> publicationsLeft,
        List<String> subscriptionsLeft,
        String lastLag,
        String writes,
        String initialCopy,
        String report,
        Duration duration,
        FaultInjection.Report fault,
        List<PolledDatabase.Outage> outages,
        List<String> unreachableChecks,
        List<String> alerts) {

    /** One table's rows on the source and on the target. */
    public record TableRows(String table, long source, long target) {
        public boolean matches() {
            return source == target;
        }
    }

    /**
     * Everything matched and nothing was left behind: the only outcome that exits 0. A permanent fault passes when it
     * ended the execution with one alert and a clean source instead.
     */
    public boolean passed() {
        if (fault != null && !fault.injected()) {
            return false;
        }
        if (fault != null && !fault.fault().isTransient()) {
            return "FAILED".equals(executionStatus) && alerts.size() == 1 && slotsLeft.isEmpty() && publicationsLeft.isEmpty()
                    && subscriptionsLeft.isEmpty();
        }
        return "SUCCEEDED".equals(executionStatus) && !tables.isEmpty() && tables.stream().allMatch(TableRows::matches)
                && balanceViewMatches && slotsLeft.isEmpty() && publicationsLeft.isEmpty() && subscriptionsLeft.isEmpty();
    }

    public void print(PrintStream out) {
        out.println();
        out.println("Rehearsal summary (" + engine + ")");
        out.println("  execution:            " + executionStatus + (failure == null ? "" : " - " + failure));
        out.printf("  %-20s %12s %12s%n", "table", "source rows", "target rows");
        for (TableRows table : tables) {
            out.printf("  %-20s %12d %12d  %s%n", table.table(), table.source(), table.target(), table.matches() ? "match" : "MISMATCH");
        }
        out.println("  vw_saldo_atual:       " + (balanceViewMatches ? "same balances on both sides" : "BALANCES DIFFER"));
        out.println("  data validated while writing: " + (inFlightValidation == null ? "not reached" : inFlightValidation));
        out.println("  data validated at cutover:    " + (finalValidation == null ? "not reached" : finalValidation));
        out.println("  last lag seen:        " + lastLag);
        out.println("  application writes:   " + writes);
        out.println("  initial copy:         " + initialCopy);
        out.println("  slots left on source: " + slotsLeft.size() + (slotsLeft.isEmpty() ? "" : " " + slotsLeft));
        out.println("  publications left:    " + publicationsLeft.size() + (publicationsLeft.isEmpty() ? "" : " " + publicationsLeft));
        out.println("  subscriptions left:   " + subscriptionsLeft.size() + (subscriptionsLeft.isEmpty() ? "" : " " + subscriptionsLeft));
        out.println("  migration report:     " + report);
        for (PolledDatabase.Outage outage : outages) {
            out.println("  " + outage.role() + " unreachable:   from " + outage.since() + outage.duration().map(d -> " for " + d.toSeconds() + " s")
                    .orElse(" until the end") + " (" + outage.reason() + ")");
        }
        if (!unreachableChecks.isEmpty()) {
            out.println("  workflow rode through: " + unreachableChecks.size() + " replication check" + (unreachableChecks.size() == 1 ? "" : "s")
                    + " found a database unreachable or resumed the stopped replication; the last: " + unreachableChecks.get(unreachableChecks.size() - 1));
        }
        if (fault != null) {
            out.println("  fault:                " + fault.fault().value() + " at " + fault.moment().value()
                    + (fault.injected() ? ", injected at " + fault.injectedAt() : ", NEVER INJECTED (the moment did not come)"));
            fault.events().forEach(event -> out.println("    " + event));
            if (fault.fault().isTransient()) {
                out.println("  recovery:             " + fault.recoveryTime().map(d -> String.format("%.1f s after the fault ended", d.toMillis() / 1000.0))
                        .orElse("not seen"));
            }
        }
        if (!alerts.isEmpty() || fault != null) {
            out.println("  failure alerts:       " + alerts.size() + (alerts.isEmpty() ? "" : " " + alerts));
        }
        out.println("  duration:             " + duration.toSeconds() + " s");
        if (fault != null && !fault.fault().isTransient()) {
            out.println(passed() ? "REHEARSAL PASSED: the permanent fault ended the execution with one alert, and nothing is left on the source."
                    : "REHEARSAL FAILED: see above.");
            return;
        }
        out.println(passed() ? "REHEARSAL PASSED: every table and balance matches, nothing left on the source."
                : "REHEARSAL FAILED: see above.");
    }
}
