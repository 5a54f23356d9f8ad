package dmsrunbook.report;

import com.fasterxml.jackson.databind.JsonNode;
import dmsrunbook.database.DatabaseFamilies;
import dmsrunbook.engine.ReplicationHandle;
import dmsrunbook.engine.ReplicationProgress;
import dmsrunbook.engine.TableProgress;
import dmsrunbook.internal.Json;
import dmsrunbook.mapping.TableName;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.spec.SpecReader;
import dmsrunbook.validation.diff.ComparedDatabase;
import dmsrunbook.workflow.RunbookServices;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

/**
 * Reads where an execution stands, for {@code runbook watch}: the phases and lag from its history, the full load's
 * figures from its last sync check, each table's rows from the engine (DMS's table statistics, or the subscription's
 * state) beside the source's row estimates (read once, then kept). An engine or a source that cannot be reached
 * becomes a problem line of the progress; the history itself is read first and its failure is thrown (the caller says
 * so and polls again).
 */
public final class ProgressReader {

    private static final Duration SOURCE_QUERY_TIMEOUT = Duration.ofSeconds(30);

    private final ExecutionHistory history;
    private final RunbookServices services;
    private Map<String, Long> sourceEstimates;

    public ProgressReader(ExecutionHistory history, RunbookServices services) {
        this.history = history;
        this.services = services;
    }

    public ExecutionProgress read(String executionArn) {
        List<ExecutionEvent> events = history.events(executionArn);
        DescribeExecutionResponse execution = history.describe(executionArn);
        Instant now = execution.stopDate() != null ? execution.stopDate() : services.clock().instant();
        JsonNode state = MigrationReports.lastState(events, execution.output());
        List<MigrationReport.Phase> phases = new ArrayList<>(MigrationReportBuilder.phases(events, now));
        if (execution.stopDate() == null && !phases.isEmpty()) {
            // The running phase lasts until now, not until its last event.
            MigrationReport.Phase last = phases.remove(phases.size() - 1);
            phases.add(new MigrationReport.Phase(last.name(), last.startedAt(), now, Duration.between(last.startedAt(), now).toSeconds(),
                    last.calls(), last.failed()));
        }
        List<MigrationReport.LagPoint> lag = MigrationReportBuilder.lag(events);
        JsonNode sync = state.path("finalSync").isObject() ? state.path("finalSync") : state.path("sync");
        Integer percent = sync.path("fullLoadPercent").isNumber() ? sync.path("fullLoadPercent").asInt() : null;
        List<String> problems = new ArrayList<>();
        List<ExecutionProgress.TableBar> tables = List.of();
        MigrationSpec spec = spec(state);
        JsonNode replication = state.path("replication");
        boolean replicating = spec != null && replication.path("started").asBoolean(false) && !state.path("stop").path("stopped").asBoolean(false)
                && execution.stopDate() == null;
        if (replicating) {
            tables = tables(spec, Json.convert(replication, ReplicationHandle.class), problems);
        }
        boolean catchingUp = "CHANGE_CAPTURE".equals(sync.path("phase").asText()) || sync.path("tablesTotal").asInt() > 0
                && sync.path("tablesLoaded").asInt() >= sync.path("tablesTotal").asInt();
        Instant copyStarted = replication.hasNonNull("startedAt") ? Instant.parse(replication.get("startedAt").asText()) : null;
        var estimate = replicating ? TimeLeft.of(now, copyStarted, tables, percent, lag,
                spec.thresholds().cdcLatencySeconds(), catchingUp) : java.util.Optional.<TimeLeft.Estimate>empty();
        return new ExecutionProgress(executionArn, spec == null ? state.path("spec").path("migrationId").asText(null) : spec.migrationId(),
                execution.statusAsString(), now, phases, lag, percent, sync.path("tablesLoaded").asInt(), sync.path("tablesTotal").asInt(), tables,
                estimate.map(TimeLeft.Estimate::left).orElse(null), estimate.map(TimeLeft.Estimate::basis).orElse(null), problems);
    }

    private List<ExecutionProgress.TableBar> tables(MigrationSpec spec, ReplicationHandle handle, List<String> problems) {
        List<TableProgress> copied;
        try {
            ReplicationProgress progress = services.engineFor(spec).progress(spec, handle);
            copied = progress.tables();
        } catch (RuntimeException e) {
            problems.add("the replication (" + spec.engine().value() + ") could not be read: " + e.getMessage() + "; trying again at the next poll");
            return List.of();
        }
        Map<String, Long> estimates = sourceEstimates(spec, problems);
        boolean countsRows = spec.engine().value().equals("dms");
        List<ExecutionProgress.TableBar> tables = new ArrayList<>();
        for (TableProgress table : copied) {
            tables.add(new ExecutionProgress.TableBar(table.table(), table.state(), countsRows ? table.rowsLoaded() + table.inserts() : null,
                    estimates.get(table.table().replace("\"", ""))));
        }
        return tables;
    }

    /** The source's row estimates of the selected tables (the planner's statistics, not a count), read once. */
    private Map<String, Long> sourceEstimates(MigrationSpec spec, List<String> problems) {
        if (sourceEstimates != null) {
            return sourceEstimates;
        }
        ComparedDatabase source = ComparedDatabase.of(services.databases(), spec.source());
        try (Connection connection = source.openReadOnly(SOURCE_QUERY_TIMEOUT)) {
            List<TableName> tables = spec.mappings().select(DatabaseFamilies.of(spec.source().engine()).dialect().listTables(connection));
            Map<String, Long> estimates = new HashMap<>();
            if (!tables.isEmpty()) {
                source.dialect().estimatedRows(connection, tables).forEach((table, rows) -> estimates.put(table.toString().replace("\"", ""), rows));
            }
            sourceEstimates = estimates;
            return estimates;
        } catch (SQLException | RuntimeException e) {
            problems.add("the source could not be reached for its table sizes: " + e.getMessage() + "; trying again at the next poll");
            return Map.of();
        }
    }

    private static MigrationSpec spec(JsonNode state) {
        if (!state.path("spec").isObject()) {
            return null;
        }
        try {
            return SpecReader.read(state.path("spec"));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
