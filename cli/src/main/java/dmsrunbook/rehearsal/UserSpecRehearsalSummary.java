package dmsrunbook.rehearsal;

import dmsrunbook.plan.MeasuredThroughput;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How the rehearsal of an operator's own spec ended: the execution (whose validation and invariants are the spec's),
 * rows per selected table on both sides, what the workflow's data validations concluded (null when not reached), what
 * was left on the source, and the full-load speed measured.
 * A target table that does not exist counts -1 rows.
 */
public record UserSpecRehearsalSummary(
        String migrationId,
        String engine,
        String executionStatus,
        String failure,
        List<RehearsalSummary.TableRows> tables,
        String inFlightValidation,
        String finalValidation,
        List<String> slotsLeft,
        List<String> publicationsLeft,
        List<String> subscriptionsLeft,
        String lastLag,
        String writes,
        Optional<MeasuredThroughput> throughput,
        Path throughputFile,
        Duration duration) {

    /** The execution succeeded, every table matched and nothing was left behind: the only outcome that exits 0. */
    public boolean passed() {
        return "SUCCEEDED".equals(executionStatus) && !tables.isEmpty() && tables.stream().allMatch(RehearsalSummary.TableRows::matches)
                && slotsLeft.isEmpty() && publicationsLeft.isEmpty() && subscriptionsLeft.isEmpty();
    }

    public void print(PrintStream out) {
        int width = Math.max(20, tables.stream().mapToInt(t -> t.table().length()).max().orElse(0));
        out.println();
        out.println("Rehearsal summary (" + migrationId + ", " + engine + ")");
        out.println("  execution:            " + executionStatus + (failure == null ? "" : " - " + failure));
        out.printf("  %-" + width + "s %12s %12s%n", "table", "source rows", "target rows");
        for (RehearsalSummary.TableRows table : tables) {
            out.printf("  %-" + width + "s %12d %12d  %s%n", table.table(), table.source(), table.target(),
                    table.matches() ? "match" : "MISMATCH");
        }
        out.println("  data validated while writing: " + (inFlightValidation == null ? "not reached" : inFlightValidation));
        out.println("  data validated at cutover:    " + (finalValidation == null ? "not reached" : finalValidation));
        out.println("  last lag seen:        " + lastLag);
        out.println("  application writes:   " + writes);
        out.println("  initial copy:         " + throughput.map(t -> String.format("%d rows, %d bytes in %.1f s: %.0f rows/s, %.0f bytes/s "
                + "(recorded in %s for runbook plan)", t.rows(), t.bytes(), t.seconds(), t.rowsPerSecond(), t.bytesPerSecond(), throughputFile))
                .orElse("not measured"));
        out.println("  slots left on source: " + slotsLeft.size() + (slotsLeft.isEmpty() ? "" : " " + slotsLeft));
        out.println("  publications left:    " + publicationsLeft.size() + (publicationsLeft.isEmpty() ? "" : " " + publicationsLeft));
        out.println("  subscriptions left:   " + subscriptionsLeft.size() + (subscriptionsLeft.isEmpty() ? "" : " " + subscriptionsLeft));
        out.println("  duration:             " + duration.toSeconds() + " s");
        out.println(passed() ? "REHEARSAL PASSED: every selected table matches, nothing left on the source."
                : "REHEARSAL FAILED: see above.");
    }
}
