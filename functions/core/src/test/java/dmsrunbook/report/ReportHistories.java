package dmsrunbook.report;

import com.fasterxml.jackson.databind.JsonNode;
import dmsrunbook.internal.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Execution histories and states written by hand, as Step Functions records them, for the report's pure tests. */
final class ReportHistories {

    static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");
    static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:migration:cashflow-run";

    private final List<ExecutionEvent> events = new ArrayList<>();
    private long seconds;

    ReportHistories started() {
        return event("ExecutionStarted", null, null);
    }

    /** A task that runs {@code duration} seconds and leaves {@code output} as the state. */
    ReportHistories task(String name, long duration, String output) {
        event("TaskStateEntered", name, null);
        seconds += duration;
        return event("TaskStateExited", name, output);
    }

    ReportHistories failedTask(String name, long duration) {
        event("TaskStateEntered", name, null);
        seconds += duration;
        event("LambdaFunctionFailed", null, null);
        return event("TaskStateExited", name, "{}");
    }

    ReportHistories waits(String name, long duration) {
        event("WaitStateEntered", name, null);
        seconds += duration;
        return event("WaitStateExited", name, "{}");
    }

    ReportHistories choice(String name) {
        event("ChoiceStateEntered", name, null);
        return event("ChoiceStateExited", name, "{}");
    }

    ReportHistories map(String name, long duration) {
        event("MapStateEntered", name, null);
        event("TaskStateEntered", "DiffDataItem", null);
        seconds += duration;
        event("TaskStateExited", "DiffDataItem", "{}");
        return event("MapStateExited", name, "{}");
    }

    ReportHistories event(String type, String state, String output) {
        events.add(new ExecutionEvent(events.size() + 1, T0.plusSeconds(seconds), type, state, output));
        return this;
    }

    List<ExecutionEvent> events() {
        return List.copyOf(events);
    }

    Instant now() {
        return T0.plusSeconds(seconds);
    }

    static String sync(double latency) {
        return "{\"sync\":{\"status\":\"IN_SYNC\",\"latencySeconds\":" + latency + "}}";
    }

    static String finalSync(double latency) {
        return "{\"finalSync\":{\"status\":\"DRAINED\",\"latencySeconds\":" + latency + "}}";
    }

    /** A cash-flow migration's state at its end, with DMS, an approved cutover and both validations. */
    static JsonNode completedState() {
        return Json.tree("""
                {"spec":{"migrationId":"cashflow","engine":"dms","migrationType":"full-load-and-cdc",
                  "source":{"engine":"postgres","host":"src.example","port":5432,"database":"fluxocaixa","secretArn":"arn:aws:secretsmanager:us-east-1:123456789012:secret:dms-runbook/src"},
                  "target":{"engine":"postgres","host":"tgt.example","port":5432,"database":"fluxocaixa","secretArn":"arn:aws:secretsmanager:us-east-1:123456789012:secret:dms-runbook/tgt"},
                  "dms":{"replicationInstanceArn":"arn:aws:dms:us-east-1:123456789012:rep:ABC"},
                  "tableMappings":{"rules":[{"rule-type":"selection","rule-id":"1","rule-name":"1","object-locator":{"schema-name":"public","table-name":"%"},"rule-action":"include"}]},
                  "cutover":{"policy":"approval"}},
                 "preflight":{"checks":12,"passed":11,"warnings":["WARN source ssl: not required"],"hasWarnings":true},
                 "assessment":{"objects":9,"counts":{"automatic":8,"manual":1},"warnings":["WARN trigger t"],"reportLocation":"s3://assess/assessments/cashflow/run/"},
                 "replication":{"id":"arn:aws:dms:us-east-1:123456789012:task:T","started":true},
                 "dataValidation":{"run":"in-flight","status":"EQUAL","summary":"3 of 3 tables equal","report":"s3://v/validation/in-flight/report.json"},
                 "approval":{"approvedBy":"Maria on-call"},
                 "finalDataValidation":{"run":"final","status":"EQUAL","summary":"3 of 3 tables equal; 2046 rows on the source, 2046 on the target","report":"s3://v/validation/final/report.json"},
                 "cutoverObjects":{"summary":"2 sequences moved forward on the target"},
                 "appliedConversions":{"applied":["procedure shop.add_order"],"notAccepted":1},
                 "stop":{"stopped":true,"detail":"task stopped","droppedSlots":["slot_a"],"droppedPublications":[]}}
                """);
    }

    static JsonNode finalValidationReport() {
        return Json.tree("""
                {"run":"final","tables":[
                  {"sourceTable":"public.contas","targetTable":"public.contas","verdict":"equal","result":{"sourceRows":40,"targetRows":40}},
                  {"sourceTable":"public.transacoes","targetTable":"public.transacoes","verdict":"equal","result":{"sourceRows":2000,"targetRows":2000}}]}
                """);
    }

    /** The history of that migration: catch-up lag falling, an approval after an hour's wait, the final sync, the stop. */
    static ReportHistories completedRun() {
        return new ReportHistories().started()
                .task("ValidateMigrationSpec", 1, "{}").task("RunPreflightChecks", 4, "{}").choice("DidPreflightWarn?")
                .task("StartReplication", 2, "{}").waits("WaitBeforeCheckingReplication", 60)
                .task("CheckReplication", 1, sync(120)).choice("IsReplicationInSync?").waits("WaitBeforeCheckingReplication", 60)
                .task("CheckReplication", 1, sync(30)).choice("IsReplicationInSync?").waits("WaitBeforeCheckingReplication", 60)
                .task("CheckReplication", 1, sync(2)).choice("IsReplicationInSync?")
                .task("PlanDataValidation", 2, "{}").map("DiffDataItems", 30).task("ConcludeDataValidation", 3, "{}")
                .task("RequestCutoverApproval", 3600, "{}").choice("IsTheApproverNamed?")
                .task("CheckFinalSync", 1, finalSync(1)).choice("HasFinalSyncDrained?")
                .task("PlanFinalDataValidation", 2, "{}").map("DiffFinalDataItems", 40).task("ConcludeFinalDataValidation", 3, "{}")
                .task("StopReplication", 5, "{}").choice("HasReplicationStopped?").waits("WaitForReplicationToStop", 10)
                .task("StopReplication", 5, "{}").choice("HasReplicationStopped?")
                .event("TaskStateEntered", "NotifyMigrationComplete", null);
    }
}
