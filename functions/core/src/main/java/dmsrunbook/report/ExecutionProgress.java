package dmsrunbook.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Where a running (or ended) execution stands, for {@code runbook watch}: its phases so far with their durations (the
 * one running lasts until {@code at}), the lag readings of its sync checks, the full load's figures, each table's rows
 * copied of the source's estimate, an estimate of the time left, and what could not be read this time
 * ({@code problems}: an unreachable endpoint is reported, never fatal).
 */
public record ExecutionProgress(String execution, String migrationId, String status, Instant at, List<MigrationReport.Phase> phases,
                                List<MigrationReport.LagPoint> lag, Integer fullLoadPercent, int tablesLoaded, int tablesTotal,
                                List<TableBar> tables, Duration timeLeft, String timeLeftBasis, List<String> problems) {

    public ExecutionProgress {
        phases = List.copyOf(phases);
        lag = List.copyOf(lag);
        tables = List.copyOf(tables);
        problems = List.copyOf(problems);
    }

    public boolean running() {
        return "RUNNING".equals(status);
    }

    /**
     * One table: the engine's state for it, the rows it copied ({@code rows}: DMS's full-load rows plus inserts; null when
     * the engine counts none, as a native subscription), and the source's estimate ({@code total}; null when unknown).
     */
    public record TableBar(String table, String state, Long rows, Long total) {

        /** The share copied, 0 to 1, or null when it cannot be known. */
        public Double fraction() {
            if (rows == null || total == null) {
                return null;
            }
            return total <= 0 ? 1.0 : Math.min(1.0, rows / (double) total);
        }
    }
}
