package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dmsrunbook.report.ExecutionProgress;
import dmsrunbook.report.MigrationReport;
import dmsrunbook.watch.ProgressDisplay;
import dmsrunbook.watch.ProgressRenderer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code runbook watch} prints: the terminal's screen, and plain lines said once when output is not a terminal. */
class ProgressRendererTest {

    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");

    private static ExecutionProgress copying(long rows, List<MigrationReport.LagPoint> lag, List<String> problems) {
        return new ExecutionProgress("arn:aws:states:us-east-1:123456789012:execution:m:run", "cashflow", "RUNNING", T0.plusSeconds(300),
                List.of(new MigrationReport.Phase("RunPreflightChecks", T0, T0.plusSeconds(4), 4, 1, false),
                        new MigrationReport.Phase("CheckReplication", T0.plusSeconds(4), T0.plusSeconds(300), 296, 5, false)),
                lag, 50, 1, 2,
                List.of(new ExecutionProgress.TableBar("public.transacoes", "Table loading", rows, 1000L),
                        new ExecutionProgress.TableBar("public.usuarios", "ready", null, 40L)),
                Duration.ofSeconds(185), "full load, from the rows copied of the source's estimate", problems);
    }

    @Test
    void screen_showsPhasesWithDurations_aBarPerTable_theLagChart_andTheTimeLeft() {
        List<MigrationReport.LagPoint> lag = List.of(new MigrationReport.LagPoint(T0.plusSeconds(100), "catch-up", 40),
                new MigrationReport.LagPoint(T0.plusSeconds(160), "catch-up", 20), new MigrationReport.LagPoint(T0.plusSeconds(220), "catch-up", 0));

        List<String> screen = ProgressRenderer.screen(copying(500, lag, List.of()));

        assertThat(screen).anyMatch(l -> l.matches("  RunPreflightChecks +4 s"))
                .anyMatch(l -> l.matches("> CheckReplication +4 min 56 s  \\(5 calls\\)"))
                .anyMatch(l -> l.matches("  public\\.transacoes +\\[#{12}-{12}\\]  50%  500 of ~1000 rows"))
                .anyMatch(l -> l.matches("  public\\.usuarios +\\[ready\\]  ~40 rows"))
                .contains("Full load: 50%, 1 of 2 tables loaded", "  █▅▁  (0 to 40 s)",
                        "Time left: about 3 min 05 s (full load, from the rows copied of the source's estimate)");
    }

    @Test
    void plainOutput_saysEachThingOnce_andAgainOnlyWhenItChanges() {
        StringWriter out = new StringWriter();
        ProgressDisplay display = new ProgressDisplay(new PrintWriter(out), false);

        display.show(copying(500, List.of(), List.of("the source could not be reached for its table sizes: refused")));
        display.show(copying(500, List.of(), List.of("the source could not be reached for its table sizes: refused")));
        display.show(copying(750, List.of(new MigrationReport.LagPoint(T0.plusSeconds(290), "catch-up", 3)), List.of()));

        List<String> lines = out.toString().lines().toList();
        assertThat(lines).doesNotHaveDuplicates().contains("phase RunPreflightChecks started at 08:00:00",
                "phase RunPreflightChecks done after 4 s", "phase CheckReplication started at 08:00:04",
                "warning: the source could not be reached for its table sizes: refused", "lag 3 s at 08:04:50 (catch-up)");
        assertThat(lines).filteredOn(l -> l.startsWith("table public.transacoes")).hasSize(2)
                .satisfiesExactly(l -> assertThat(l).matches("table public\\.transacoes +\\[#{12}-{12}\\]  50%  500 of ~1000 rows"),
                        l -> assertThat(l).matches("table public\\.transacoes +\\[#{18}-{6}\\]  75%  750 of ~1000 rows"));
        // the running phase has no end yet, and no terminal control characters
        assertThat(lines).noneMatch(l -> l.startsWith("phase CheckReplication done")).noneMatch(l -> l.contains("\u001b"));
    }
}
