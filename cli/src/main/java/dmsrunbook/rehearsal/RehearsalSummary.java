package dmsrunbook.rehearsal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * How a rehearsal ended: the execution, the data on both sides, what the workflow's data validations concluded (while
 * the application wrote, and after the final sync; null when the execution did not get there), what was left on
 * the source, and where the migration report was saved ({@code report}).
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
        String report,
        Duration duration) {

    /** One table's rows on the source and on the target. */
    public record TableRows(String table, long source, long target) {
        public boolean matches() {
            return source == target;
        }
    }

    /** Everything matched and nothing was left behind: the only outcome that exits 0. */
    public boolean passed() {
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
        out.println("  slots left on source: " + slotsLeft.size() + (slotsLeft.isEmpty() ? "" : " " + slotsLeft));
        out.println("  publications left:    " + publicationsLeft.size() + (publicationsLeft.isEmpty() ? "" : " " + publicationsLeft));
        out.println("  subscriptions left:   " + subscriptionsLeft.size() + (subscriptionsLeft.isEmpty() ? "" : " " + subscriptionsLeft));
        out.println("  migration report:     " + report);
        out.println("  duration:             " + duration.toSeconds() + " s");
        out.println(passed() ? "REHEARSAL PASSED: every table and balance matches, nothing left on the source."
                : "REHEARSAL FAILED: see above.");
    }
}
