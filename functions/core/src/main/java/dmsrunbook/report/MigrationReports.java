package dmsrunbook.report;

import com.fasterxml.jackson.databind.JsonNode;
import dmsrunbook.internal.Json;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.databasemigration.DatabaseMigrationClient;
import software.amazon.awssdk.services.databasemigration.model.Filter;
import software.amazon.awssdk.services.databasemigration.model.ReplicationInstance;
import software.amazon.awssdk.services.databasemigration.model.TableStatistics;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Writes an execution's report: gathers its history (GetExecutionHistory), its final data validation's report (the
 * per-table rows, from the validation bucket), DMS's table statistics and the instance's class, builds the
 * {@link MigrationReport} and stores its HTML and JSON in the report bucket. What cannot be read becomes a note in
 * the report, not a failure; {@link #writeSafely} never throws, so a report that cannot be written never hides the
 * migration's own outcome or its alert.
 */
public final class MigrationReports {

    private static final Logger LOG = LoggerFactory.getLogger(MigrationReports.class);

    private final ExecutionHistory history;
    private final S3Client s3;
    private final DatabaseMigrationClient dms;
    private final String reportBucket;
    private final MigrationReportBuilder builder;
    private final Clock clock;

    public MigrationReports(ExecutionHistory history, S3Client s3, DatabaseMigrationClient dms, String reportBucket,
                            DmsInstancePrices prices, Clock clock) {
        this.history = history;
        this.s3 = s3;
        this.dms = dms;
        this.reportBucket = reportBucket;
        this.builder = new MigrationReportBuilder(prices);
        this.clock = clock;
    }

    /**
     * For the functions that write reports: clients from {@code aws}, the bucket from {@code REPORT_BUCKET} (none when
     * unset: {@link #writeSafely} then says so in the message instead of writing).
     */
    public static MigrationReports from(dmsrunbook.aws.AwsClients aws, java.util.Map<String, String> environment) {
        return new MigrationReports(new ExecutionHistory(aws.sfn()), aws.s3(), aws.dms(), environment.get("REPORT_BUCKET"),
                DmsInstancePrices.load(), Clock.systemUTC());
    }

    /**
     * Builds the report of an execution ending now with {@code status} ({@code error} and {@code cause} when it failed),
     * from {@code state}, its state at the end.
     */
    public MigrationReport build(String executionArn, String status, String error, String cause, JsonNode state) {
        List<ExecutionEvent> events;
        String unread = null;
        try {
            events = history.events(executionArn);
        } catch (RuntimeException e) {
            // The rest of the report still holds: say what is missing.
            events = List.of();
            unread = "The execution's history could not be read (" + e.getMessage() + "): the timeline, the lag and the approval's time are missing.";
        }
        MigrationReport report = build(executionArn, status, error, cause, state, events, clock.instant());
        if (unread == null) {
            return report;
        }
        List<String> notes = new ArrayList<>(report.notes());
        notes.add(0, unread);
        return new MigrationReport(report.version(), report.migrationId(), report.execution(), report.status(), report.failedPhase(),
                report.error(), report.cause(), report.engine(), report.migrationType(), report.source(), report.target(), report.startedAt(),
                report.endedAt(), report.durationSeconds(), report.phases(), report.preflight(), report.assessment(), report.tables(),
                report.lag(), report.validations(), report.approval(), report.readOnlyWindowSeconds(), report.cleanup(), report.cost(), notes);
    }

    /** Builds the report from a history already read (the CLI rebuilds a report after the execution ended). */
    public MigrationReport build(String executionArn, String status, String error, String cause, JsonNode state,
                                 List<ExecutionEvent> events, java.time.Instant endedAt) {
        state = state == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : state;
        List<String> notes = new ArrayList<>();
        JsonNode validation = validationReport(state, notes);
        List<ReportInputs.TableCopy> copies = new ArrayList<>();
        String instanceClass = null;
        if ("dms".equals(state.path("spec").path("engine").asText())) {
            copies = tableStatistics(state, notes);
            instanceClass = instanceClass(state, notes);
        }
        return builder.build(new ReportInputs(executionArn, status, error, cause, endedAt, events, state, validation, copies,
                instanceClass, notes));
    }

    /** Builds and stores the report; throws when it cannot be stored. */
    public ReportLink write(String executionArn, String status, String error, String cause, JsonNode state) {
        if (reportBucket == null || reportBucket.isBlank()) {
            throw new IllegalStateException("no report bucket is configured (REPORT_BUCKET)");
        }
        MigrationReport report = build(executionArn, status, error, cause, state);
        return new ReportStore(s3, reportBucket).put(executionArn, ReportFiles.of(report));
    }

    /** As {@link #write}, but a failure is logged and returned as the link's problem instead of thrown. */
    public ReportLink writeSafely(String executionArn, String status, String error, String cause, JsonNode state) {
        try {
            return write(executionArn, status, error, cause, state);
        } catch (RuntimeException e) {
            LOG.warn("The migration report of {} was not written: {}", executionArn, e.getMessage());
            return ReportLink.notWritten(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * The execution's report: fetched from where its last step wrote it (the location NotifyMigrationComplete or
     * AlertOnCall left in the history), or, when it wrote none or it is gone, rebuilt from its history and its last
     * state. A running execution's is rebuilt: a snapshot of how far it got.
     */
    public RetrievedReport fetchOrRebuild(String executionArn) {
        List<ExecutionEvent> events = history.events(executionArn);
        var execution = history.describe(executionArn);
        String why = "the execution wrote no report";
        Optional<String> written = writtenReport(events);
        if (written.isPresent()) {
            String json = written.get();
            try {
                byte[] bytes = s3Object(json).asByteArray();
                String html = s3Object(json.substring(0, json.lastIndexOf('/') + 1) + ReportStore.HTML).asUtf8String();
                return new RetrievedReport(ReportFiles.of(bytes, html), json, false);
            } catch (SdkException e) {
                why = "its report " + json + " could not be read (" + e.getMessage() + ")";
            }
        } else if (execution.status() == software.amazon.awssdk.services.sfn.model.ExecutionStatus.RUNNING) {
            why = "the execution is still running";
        }
        JsonNode state = lastState(events, execution.output());
        java.time.Instant ended = execution.stopDate() != null ? execution.stopDate() : clock.instant();
        MigrationReport report = build(executionArn, execution.statusAsString(), execution.error(), execution.cause(), state, events, ended);
        return new RetrievedReport(ReportFiles.of(report), "rebuilt from the execution's history: " + why, true);
    }

    /** Where the execution's last step wrote the report's JSON, when it did. */
    static Optional<String> writtenReport(List<ExecutionEvent> events) {
        for (int i = events.size() - 1; i >= 0; i--) {
            ExecutionEvent event = events.get(i);
            if (event.exited() && event.output() != null && ("NotifyMigrationComplete".equals(event.state()) || "AlertOnCall".equals(event.state()))) {
                JsonNode output = Json.tree(event.output());
                JsonNode link = "AlertOnCall".equals(event.state()) ? output.at("/alert/report") : output.at("/completion/report");
                String location = link.path("jsonLocation").asText("");
                return location.startsWith("s3://") ? Optional.of(location) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The state the execution last left (what the watch reads too): its output when it succeeded, else the output of the last state it exited. */
    public static JsonNode lastState(List<ExecutionEvent> events, String executionOutput) {
        if (executionOutput != null && executionOutput.startsWith("{")) {
            return Json.tree(executionOutput);
        }
        for (int i = events.size() - 1; i >= 0; i--) {
            ExecutionEvent event = events.get(i);
            if (event.exited() && event.output() != null && event.output().startsWith("{")) {
                JsonNode state = Json.tree(event.output());
                if (state.has("spec")) {
                    return state;
                }
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private software.amazon.awssdk.core.ResponseBytes<?> s3Object(String location) {
        String path = location.substring("s3://".length());
        int slash = path.indexOf('/');
        return s3.getObjectAsBytes(b -> b.bucket(path.substring(0, slash)).key(path.substring(slash + 1)));
    }

    /** The final validation's report (or the in-flight one's when the final did not run), read from its S3 location. */
    private JsonNode validationReport(JsonNode state, List<String> notes) {
        for (String field : List.of("finalDataValidation", "dataValidation")) {
            String location = state.path(field).path("report").asText("");
            if (location.startsWith("s3://")) {
                String path = location.substring("s3://".length());
                int slash = path.indexOf('/');
                try {
                    String json = s3.getObjectAsBytes(b -> b.bucket(path.substring(0, slash)).key(path.substring(slash + 1))).asUtf8String();
                    return Json.tree(json);
                } catch (SdkException | IllegalArgumentException e) {
                    notes.add("The validation report " + location + " could not be read (" + e.getMessage() + "): the table rows are missing.");
                    return null;
                }
            }
        }
        return null;
    }

    private List<ReportInputs.TableCopy> tableStatistics(JsonNode state, List<String> notes) {
        String task = state.path("replication").path("id").asText("");
        if (!task.startsWith("arn:")) {
            return List.of();
        }
        List<ReportInputs.TableCopy> copies = new ArrayList<>();
        try {
            for (var page : dms.describeTableStatisticsPaginator(b -> b.replicationTaskArn(task).maxRecords(500))) {
                for (TableStatistics t : page.tableStatistics()) {
                    Double seconds = t.fullLoadStartTime() == null || t.fullLoadEndTime() == null ? null
                            : Duration.between(t.fullLoadStartTime(), t.fullLoadEndTime()).toMillis() / 1000.0;
                    copies.add(new ReportInputs.TableCopy(t.schemaName() + "." + t.tableName(), t.fullLoadRows() == null ? 0 : t.fullLoadRows(),
                            seconds));
                }
            }
        } catch (SdkException e) {
            notes.add("DMS's table statistics could not be read (" + e.getMessage() + "): rows loaded and copy times are missing.");
        }
        return copies;
    }

    private String instanceClass(JsonNode state, List<String> notes) {
        String arn = state.path("spec").path("dms").path("replicationInstanceArn").asText("");
        if (arn.isEmpty()) {
            return null;
        }
        try {
            Optional<ReplicationInstance> instance = dms.describeReplicationInstances(b -> b.filters(
                    Filter.builder().name("replication-instance-arn").values(arn).build())).replicationInstances().stream().findFirst();
            return instance.map(ReplicationInstance::replicationInstanceClass).orElse(null);
        } catch (SdkException e) {
            notes.add("The replication instance could not be described (" + e.getMessage() + "): the cost is unknown.");
            return null;
        }
    }
}
