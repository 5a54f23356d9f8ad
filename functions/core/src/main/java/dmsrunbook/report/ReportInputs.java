package dmsrunbook.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * Everything a report is built from, gathered by {@link MigrationReports} (or a test): the execution, how it ended
 * ({@code status} SUCCEEDED, FAILED, RUNNING...; {@code error} and {@code cause} when it failed), its history, its state
 * at the end, the final data validation's report (the per-table rows; null when absent), DMS's table statistics
 * ({@code tableCopies}, empty for the native engine), the DMS instance's class (null when unknown or native), and
 * notes on what could not be read.
 */
public record ReportInputs(String executionArn, String status, String error, String cause, Instant endedAt, List<ExecutionEvent> events,
                           JsonNode state, JsonNode validationReport, List<TableCopy> tableCopies, String instanceClass, List<String> notes) {

    public ReportInputs {
        events = List.copyOf(events);
        tableCopies = List.copyOf(tableCopies);
        notes = List.copyOf(notes);
    }

    /** One table as DMS's statistics show it: the rows its full load copied and how long that took (null when unknown). */
    public record TableCopy(String table, long rowsLoaded, Double copySeconds) {
    }
}
