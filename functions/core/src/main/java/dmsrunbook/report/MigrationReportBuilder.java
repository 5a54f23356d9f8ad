package dmsrunbook.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dmsrunbook.alert.FailureCause;
import dmsrunbook.alert.Redaction;
import dmsrunbook.internal.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a {@link MigrationReport} from what an execution recorded: the phases' timeline and the lag readings from its
 * history, the rest from its state at the end and the final validation's report. Pure: no service is called here.
 */
public final class MigrationReportBuilder {

    /** The sync loops' tasks, and the state field each keeps its result in. */
    static final Map<String, String> SYNC_CHECKS = Map.of("CheckReplication", "sync", "CheckFinalSync", "finalSync");
    /** The approval's task: the application is read-only from its answer until the replication stopped. */
    static final String APPROVAL_STATE = "RequestCutoverApproval";
    static final String FIRST_CUTOVER_STATE = "CheckFinalSync";
    static final String STOP_STATE = "StopReplication";
    /** State types that belong to the loop of the phase before them rather than starting a phase of their own. */
    private static final Set<String> LOOP_STATE_TYPES = Set.of("WaitStateEntered", "ChoiceStateEntered", "PassStateEntered",
            "SucceedStateEntered", "FailStateEntered");

    private final DmsInstancePrices prices;

    public MigrationReportBuilder(DmsInstancePrices prices) {
        this.prices = prices;
    }

    public MigrationReport build(ReportInputs in) {
        JsonNode state = in.state() == null ? MissingNode.getInstance() : in.state();
        JsonNode spec = state.path("spec");
        List<ExecutionEvent> events = in.events();
        Instant started = events.isEmpty() ? null : events.get(0).at();
        Instant ended = in.endedAt() != null ? in.endedAt() : events.isEmpty() ? null : events.get(events.size() - 1).at();
        List<MigrationReport.Phase> phases = phases(events, ended);
        List<String> notes = new ArrayList<>(in.notes());
        MigrationReport.CutoverApproval approval = approval(events, state, spec);
        MigrationReport.Cleanup cleanup = cleanup(state);
        Long readOnly = readOnlyWindow(approval, phases, cleanup);
        String engine = text(spec, "engine");
        return new MigrationReport(MigrationReport.VERSION, text(spec, "migrationId"), in.executionArn(), in.status(),
                failedPhase(phases), in.error(), in.cause() == null ? null : Redaction.scrub(FailureCause.message(in.cause())), engine,
                text(spec, "migrationType"), describe(spec, true), describe(spec, false), started, ended,
                started == null || ended == null ? null : Duration.between(started, ended).toSeconds(), phases, preflight(state),
                assessment(state), tables(in.validationReport(), in.tableCopies()), lag(events), validations(state), approval, readOnly,
                cleanup, cost(engine, in.instanceClass(), started, ended), notes);
    }

    /**
     * The phases: each Task or Map state starts one unless it repeats the phase that runs (a poll loop); the waits and
     * choices between belong to the phase before them. A Map's iterations are inside it and not phases of their own.
     */
    static List<MigrationReport.Phase> phases(List<ExecutionEvent> events, Instant ended) {
        List<MigrationReport.Phase> phases = new ArrayList<>();
        String name = null;
        Instant start = null;
        Instant end = null;
        int calls = 0;
        boolean failed = false;
        int mapDepth = 0;
        for (ExecutionEvent event : events) {
            if (event.type().equals("MapStateExited")) {
                mapDepth--;
            }
            if (mapDepth > 0) {
                continue;
            }
            if (event.type().equals("MapStateEntered")) {
                mapDepth++;
            }
            if (event.entered() && !LOOP_STATE_TYPES.contains(event.type())) {
                if (!event.state().equals(name)) {
                    if (name != null) {
                        phases.add(phase(name, start, end, calls, failed));
                    }
                    name = event.state();
                    start = event.at();
                    calls = 0;
                    failed = false;
                }
                calls++;
                end = event.at();
            } else if (name != null && (event.exited() || event.entered())) {
                end = event.at();
            } else if (name != null && event.failure()) {
                failed = true;
                end = event.at();
            } else if (name != null && event.succeeded()) {
                failed = false;
            }
        }
        if (name != null) {
            phases.add(phase(name, start, end == null ? ended : end, calls, failed));
        }
        return phases;
    }

    private static MigrationReport.Phase phase(String name, Instant start, Instant end, int calls, boolean failed) {
        return new MigrationReport.Phase(name, start, end, Duration.between(start, end).toSeconds(), calls, failed);
    }

    private static String failedPhase(List<MigrationReport.Phase> phases) {
        return phases.stream().filter(MigrationReport.Phase::failed).map(MigrationReport.Phase::name).reduce((a, b) -> b).orElse(null);
    }

    /** Every sync check's latency reading, read from the state each check left. */
    static List<MigrationReport.LagPoint> lag(List<ExecutionEvent> events) {
        List<MigrationReport.LagPoint> points = new ArrayList<>();
        for (ExecutionEvent event : events) {
            if (event.exited() && SYNC_CHECKS.containsKey(event.state()) && event.output() != null) {
                JsonNode sync = output(event).path(SYNC_CHECKS.get(event.state()));
                if (sync.path("latencySeconds").isNumber()) {
                    points.add(new MigrationReport.LagPoint(event.at(), event.state().equals("CheckFinalSync") ? "final" : "catch-up",
                            sync.get("latencySeconds").asDouble()));
                }
            }
        }
        return points;
    }

    private static JsonNode output(ExecutionEvent event) {
        try {
            return Json.tree(event.output());
        } catch (IllegalArgumentException e) {
            return MissingNode.getInstance();
        }
    }

    private static MigrationReport.CutoverApproval approval(List<ExecutionEvent> events, JsonNode state, JsonNode spec) {
        Instant requested = null;
        Instant approved = null;
        Instant cutover = null;
        for (ExecutionEvent event : events) {
            if (APPROVAL_STATE.equals(event.state()) && event.entered()) {
                requested = event.at();
            } else if (APPROVAL_STATE.equals(event.state()) && event.exited()) {
                approved = event.at();
            } else if (FIRST_CUTOVER_STATE.equals(event.state()) && event.entered() && cutover == null) {
                cutover = event.at();
            }
        }
        if (approved != null) {
            return new MigrationReport.CutoverApproval(text(state.path("approval"), "approvedBy"), requested, approved);
        }
        if (requested == null && cutover != null) {
            // The spec's cutover asked nobody: the runbook went on by itself.
            return new MigrationReport.CutoverApproval("automatic (cutover policy " + text(spec.path("cutover"), "policy") + ")", null, cutover);
        }
        return requested == null ? null : new MigrationReport.CutoverApproval(null, requested, null);
    }

    /** From the approval to the replication's stop: the application's read-only window (its downtime). */
    private static Long readOnlyWindow(MigrationReport.CutoverApproval approval, List<MigrationReport.Phase> phases,
                                       MigrationReport.Cleanup cleanup) {
        if (approval == null || approval.approvedAt() == null || cleanup == null || !cleanup.stopped()) {
            return null;
        }
        return phases.stream().filter(p -> p.name().equals(STOP_STATE)).reduce((a, b) -> b)
                .map(stop -> Duration.between(approval.approvedAt(), stop.endedAt()).toSeconds()).orElse(null);
    }

    private static MigrationReport.Preflight preflight(JsonNode state) {
        JsonNode preflight = state.path("preflight");
        if (!preflight.isObject()) {
            return null;
        }
        return new MigrationReport.Preflight(preflight.path("checks").asInt(), preflight.path("passed").asInt(), strings(preflight.path("warnings")));
    }

    private static MigrationReport.Assessment assessment(JsonNode state) {
        JsonNode assessment = state.path("assessment");
        if (!assessment.isObject()) {
            return null;
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        assessment.path("counts").fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asInt()));
        JsonNode dms = assessment.path("dmsPremigration");
        String dmsLine = dms.isObject() ? text(dms, "runName") + ": " + text(dms, "status") + ", " + dms.path("checks").asInt()
                + " individual assessments" + (dms.hasNonNull("resultsLocation") ? ", results in " + text(dms, "resultsLocation") : "") : null;
        return new MigrationReport.Assessment(assessment.path("objects").asInt(), counts, strings(assessment.path("warnings")),
                text(assessment, "reportLocation"), dmsLine);
    }

    /**
     * Every table of the final validation (or the in-flight one's, or DMS's statistics when there was no validation),
     * with DMS's copy figures where it has them.
     */
    private static List<MigrationReport.Table> tables(JsonNode validationReport, List<ReportInputs.TableCopy> copies) {
        Map<String, ReportInputs.TableCopy> byName = new LinkedHashMap<>();
        copies.forEach(c -> byName.put(unquoted(c.table()), c));
        List<MigrationReport.Table> tables = new ArrayList<>();
        if (validationReport != null) {
            for (JsonNode table : validationReport.path("tables")) {
                String name = text(table, "sourceTable");
                JsonNode result = table.path("result");
                ReportInputs.TableCopy copy = byName.remove(unquoted(name));
                tables.add(new MigrationReport.Table(name, text(table, "targetTable"), longOrNull(result, "sourceRows"),
                        longOrNull(result, "targetRows"), text(table, "verdict"), copy == null ? null : copy.rowsLoaded(),
                        copy == null ? null : copy.copySeconds(), null));
            }
        }
        byName.values().forEach(copy -> tables.add(new MigrationReport.Table(copy.table(), null, null, null, null, copy.rowsLoaded(),
                copy.copySeconds(), null)));
        return tables;
    }

    private static String unquoted(String table) {
        return table == null ? "" : table.replace("\"", "");
    }

    private static List<MigrationReport.Validation> validations(JsonNode state) {
        List<MigrationReport.Validation> validations = new ArrayList<>();
        for (String field : List.of("dataValidation", "finalDataValidation")) {
            JsonNode validation = state.path(field);
            if (validation.isObject()) {
                String report = text(validation, "report");
                validations.add(new MigrationReport.Validation(text(validation, "run"), text(validation, "status"), text(validation, "summary"),
                        report == null || report.isEmpty() ? null : report));
            }
        }
        return validations;
    }

    private static MigrationReport.Cleanup cleanup(JsonNode state) {
        JsonNode stop = state.path("stop");
        JsonNode carried = state.path("cutoverObjects");
        // The conversion proposals the approver accepted, created on the target at the cutover.
        JsonNode applied = state.path("appliedConversions");
        if (!stop.isObject() && !carried.isObject() && !applied.isObject()) {
            return null;
        }
        return new MigrationReport.Cleanup(stop.path("stopped").asBoolean(false), text(stop, "detail"), strings(stop.path("droppedSlots")),
                strings(stop.path("droppedPublications")), text(carried, "summary"), strings(applied.path("applied")));
    }

    /** DMS: the instance's hours over the execution times its class's price; the native engine has no DMS cost. */
    MigrationReport.Cost cost(String engine, String instanceClass, Instant started, Instant ended) {
        if (engine == null) {
            return null;
        }
        if (!engine.equals("dms")) {
            return new MigrationReport.Cost(engine, null, null, null, 0.0, prices.currency(), "native: no DMS cost");
        }
        Double hours = started == null || ended == null ? null : Duration.between(started, ended).toSeconds() / 3600.0;
        if (instanceClass == null) {
            return new MigrationReport.Cost(engine, null, hours, null, null, prices.currency(), "unknown: the replication instance's class could not be read");
        }
        Double price = prices.hourly(instanceClass).orElse(null);
        if (price == null || hours == null) {
            return new MigrationReport.Cost(engine, instanceClass, hours, null, null, prices.currency(),
                    "unknown: no price for " + instanceClass + " in the project's table (" + prices.provenance() + ")");
        }
        double amount = Math.round(hours * price * 10_000) / 10_000.0;
        return new MigrationReport.Cost(engine, instanceClass, hours, price, amount, prices.currency(),
                String.format(java.util.Locale.ROOT, "%.4f %s: %s for %.2f h at %.3f %s/h (%s; instance hours only, storage and transfer not included)",
                        amount, prices.currency(), instanceClass, hours, price, prices.currency(), prices.provenance()));
    }

    /** As the spec describes its endpoints: "postgres db@host:port", or an S3 target's bucket and folder. */
    private static String describe(JsonNode spec, boolean source) {
        JsonNode endpoint = spec.path(source ? "source" : "target");
        if (!endpoint.isObject()) {
            return null;
        }
        if (endpoint.hasNonNull("host")) {
            return text(endpoint, "engine") + " " + text(endpoint, "database") + "@" + text(endpoint, "host") + ":" + endpoint.path("port").asText();
        }
        JsonNode s3 = endpoint.path("dmsSettings");
        return text(endpoint, "engine") + (s3.hasNonNull("BucketName") ? " s3://" + text(s3, "BucketName") + "/" + s3.path("BucketFolder").asText("") : "");
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static String text(JsonNode node, String field) {
        return node != null && node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static Long longOrNull(JsonNode node, String field) {
        return node != null && node.hasNonNull(field) && node.get(field).isNumber() ? node.get(field).asLong() : null;
    }
}
