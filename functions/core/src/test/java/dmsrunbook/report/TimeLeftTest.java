package dmsrunbook.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeLeftTest {

    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");

    @Test
    void fullLoad_aQuarterCopiedInTenMinutes_leavesThirtyMore() {
        List<ExecutionProgress.TableBar> tables = List.of(new ExecutionProgress.TableBar("public.a", "Table loading", 100L, 400L),
                new ExecutionProgress.TableBar("public.b", "Table loading", 0L, 0L));

        var estimate = TimeLeft.of(T0.plusSeconds(600), T0, tables, null, List.of(), 10, false).orElseThrow();

        assertThat(estimate.left()).isEqualTo(Duration.ofMinutes(30));
        assertThat(estimate.basis()).contains("rows copied");
    }

    @Test
    void fullLoad_withoutRowCounts_usesDmsPercent() {
        List<ExecutionProgress.TableBar> tables = List.of(new ExecutionProgress.TableBar("public.a", "r", null, 400L));

        var estimate = TimeLeft.of(T0.plusSeconds(600), T0, tables, 50, List.of(), 10, false).orElseThrow();

        assertThat(estimate.left()).isEqualTo(Duration.ofMinutes(10));
        assertThat(estimate.basis()).contains("DMS's full-load percent");
    }

    @Test
    void catchUp_fromHowFastTheLagFalls_toTheThreshold() {
        List<MigrationReport.LagPoint> lag = List.of(new MigrationReport.LagPoint(T0, "catch-up", 130),
                new MigrationReport.LagPoint(T0.plusSeconds(60), "catch-up", 70));

        var estimate = TimeLeft.of(T0.plusSeconds(60), T0, List.of(), 100, lag, 10, true).orElseThrow();

        // 60 s of lag gone per minute: 70 s down to 10 s takes another minute
        assertThat(estimate.left()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aGrowingLag_orNothingYet_givesNoEstimate() {
        List<MigrationReport.LagPoint> growing = List.of(new MigrationReport.LagPoint(T0, "catch-up", 30),
                new MigrationReport.LagPoint(T0.plusSeconds(60), "catch-up", 90));

        assertThat(TimeLeft.of(T0.plusSeconds(60), T0, List.of(), null, growing, 10, true)).isEmpty();
        assertThat(TimeLeft.of(T0, null, List.of(), null, List.of(), 10, false)).isEmpty();
    }
}
