package dmsrunbook.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dmsrunbook.deploy.LocalAws;
import dmsrunbook.deploy.LocalSecrets;
import dmsrunbook.engine.EndpointTests;
import dmsrunbook.engine.ReplicationEngine;
import dmsrunbook.engine.ReplicationHandle;
import dmsrunbook.engine.StartKind;
import dmsrunbook.engine.StopResult;
import dmsrunbook.engine.dms.DmsTags;
import dmsrunbook.error.AwsRequestFailedException;
import dmsrunbook.error.ReplicationFailedException;
import dmsrunbook.local.LocalPostgres;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.spec.SpecReader;
import dmsrunbook.workflow.MigrationWorkflow;
import dmsrunbook.workflow.PhaseRequest;
import dmsrunbook.workflow.RunbookServices;
import dmsrunbook.workflow.RunbookSettings;
import dmsrunbook.workflow.StopOutcome;
import dmsrunbook.workflow.WorkflowState;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The DMS engine against moto's DMS (through {@link dmsrunbook.local.DmsGaps}, which records every call) and a real
 * PostgreSQL source: a Step Functions retry never starts a task twice, a re-run resumes or reloads as the spec says,
 * and the stop drops the replication slot DMS left, only that one, and only once nothing reads it.
 */
class DmsEngineIT {

    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private static final String STACK = "dms-runbook-engine-it";

    private static LocalAws aws;
    private static LocalPostgres postgres;
    private static String instanceArn;
    private static RunbookServices services;

    @BeforeAll
    static void startDmsAndTheSource() {
        aws = LocalAws.start();
        postgres = LocalPostgres.startLogicalSource("dms-engine");
        instanceArn = aws.clients().dms().createReplicationInstance(b -> b.replicationInstanceIdentifier("engine-instance")
                .replicationInstanceClass("dms.t3.medium").allocatedStorage(50)).replicationInstance().replicationInstanceArn();
        services = new RunbookServices(aws.clients(), RunbookSettings.from(Map.of("STACK_NAME", STACK)), CLOCK);
    }

    @AfterAll
    static void stopThem() {
        postgres.close();
        aws.close();
    }

    @Test
    void newTask_isCreatedAndReportedNotStarted_thenStartedOnce_andARetryWhileRunningStartsNothing() {
        MigrationSpec spec = spec("first-start", "resume");
        EndpointTests endpoints = engine().testEndpoints(spec);

        // WHEN StartReplication runs the first time THEN it creates the task, which DMS cannot start while creating
        ReplicationHandle created = engine().startReplication(spec, endpoints);
        assertThat(created.started()).isFalse();
        assertThat(created.startKind()).isEqualTo(StartKind.NOT_STARTED);
        assertThat(created.id()).endsWith(":task:first-start");
        assertThat(creations("first-start")).hasSize(1);
        assertThat(startTypes(created.id())).isEmpty();

        // WHEN the state machine comes back THEN the task gets its first start
        ReplicationHandle started = engine().startReplication(spec, endpoints);
        assertThat(started.started()).isTrue();
        assertThat(started.startKind()).isEqualTo(StartKind.FRESH);

        // WHEN Step Functions retries the step while the task runs THEN nothing is started again
        ReplicationHandle retried = engine().startReplication(spec, endpoints);
        assertThat(retried.startKind()).isEqualTo(StartKind.ALREADY_RUNNING);
        assertThat(startTypes(created.id())).containsExactly("start-replication");
        assertThat(creations("first-start")).hasSize(1);
    }

    @Test
    void endpointsAndTaskTheRunbookCreates_carryItsStackTag_whichItsIamPoliciesRequire() {
        MigrationSpec spec = spec("tagged", "resume");

        EndpointTests endpoints = engine().testEndpoints(spec);
        ReplicationHandle task = engine().startReplication(spec, endpoints);

        for (String arn : List.of(endpoints.sourceEndpoint(), endpoints.targetEndpoint(), task.id())) {
            assertThat(tag(arn, DmsTags.STACK)).as(arn).isEqualTo(STACK);
            assertThat(tag(arn, DmsTags.MIGRATION_ID)).as(arn).isEqualTo("tagged");
        }
    }

    @ParameterizedTest(name = "restartMode {0} -> {1} ({2})")
    @CsvSource({"resume, RESUMED, resume-processing", "reload-target, RELOADED, reload-target"})
    void rerunAfterAStop_resumesProcessing_orReloadsOnlyWhenTheSpecAsks(String restartMode, StartKind expectedKind, String expectedStart) {
        // GIVEN a task that ran and was stopped
        MigrationSpec spec = spec("rerun-" + restartMode, restartMode);
        ReplicationHandle handle = runningTask(spec);
        stopTask(spec, handle);

        // WHEN the migration runs again
        ReplicationHandle again = engine().startReplication(spec, engine().testEndpoints(spec));

        // THEN it continues where it stopped, unless a person asked for a reload
        assertThat(again.startKind()).isEqualTo(expectedKind);
        assertThat(startTypes(handle.id())).containsExactly("start-replication", expectedStart);
    }

    @Test
    void existingTaskOfTheSameNameWithOtherEndpoints_isRefused_notHijacked() {
        // GIVEN someone's task already named like this migration, between other endpoints
        var dms = aws.clients().dms();
        String otherSource = dms.createEndpoint(b -> b.endpointIdentifier("someone-elses-source").endpointType("source")
                .engineName("postgres")).endpoint().endpointArn();
        String otherTarget = dms.createEndpoint(b -> b.endpointIdentifier("someone-elses-target").endpointType("target")
                .engineName("postgres")).endpoint().endpointArn();
        dms.createReplicationTask(b -> b.replicationTaskIdentifier("taken-name").sourceEndpointArn(otherSource)
                .targetEndpointArn(otherTarget).replicationInstanceArn(instanceArn).migrationType("full-load")
                .tableMappings("{\"rules\": []}"));
        MigrationSpec spec = spec("taken-name", "resume");

        assertThatThrownBy(() -> engine().startReplication(spec, engine().testEndpoints(spec)))
                .isInstanceOf(AwsRequestFailedException.class)
                .hasMessageContaining("DMS task taken-name already exists with other endpoints or another instance")
                .hasMessageContaining("Fix: use another migrationId, or delete the old task");
        assertThat(aws.dmsGaps().requests("StartReplicationTask"))
                .noneMatch(r -> r.path("ReplicationTaskArn").asText().endsWith(":task:taken-name"));
    }

    @Test
    void stop_dropsOnlyTheSlotAddedAfterTheTaskWasCreated_andWaitsWhileDmsStillReadsIt() throws Exception {
        // GIVEN another application's slot on the source before the migration
        String database = database("slots");
        MigrationSpec spec = spec("slot-cleanup", "resume", database);
        execute(database, "SELECT pg_create_logical_replication_slot('other_app_slot', 'test_decoding')");
        try {
            ReplicationHandle handle = runningTask(spec);
            assertThat(tag(handle.id(), "dms-runbook:slots-before")).isEqualTo("other_app_slot");

            // AND the slot DMS made when it started, still being read
            execute(database, "SELECT pg_create_logical_replication_slot('dms_task_slot', 'test_decoding')");
            try (Connection reader = postgres.readSlot(database, "dms_task_slot")) {
                // WHEN the runbook stops the task THEN it waits: first for the task, then for the slot's reader
                assertThat(engine().stop(spec, handle).detail()).isEqualTo("DMS task stopping");
                StopResult held = engine().stop(spec, handle);
                assertThat(held.stopped()).isFalse();
                assertThat(held.detail()).isEqualTo("DMS still holds replication slot dms_task_slot");
                assertThat(slots(database)).containsExactly("dms_task_slot", "other_app_slot");
            }
            awaitInactive(database, "dms_task_slot");

            // WHEN nothing reads it any more THEN only DMS's slot is dropped
            StopResult stopped = engine().stop(spec, handle);
            assertThat(stopped.stopped()).isTrue();
            assertThat(stopped.droppedSlots()).containsExactly("dms_task_slot");
            assertThat(slots(database)).containsExactly("other_app_slot");
        } finally {
            execute(database, "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE database = current_database()");
        }
    }

    @Test
    void slotStillReadPastTheStopLimit_failsTheStopPhase_withTheFix() throws Exception {
        // GIVEN DMS's slot that something keeps reading after the task stopped
        String database = database("held_slot");
        MigrationSpec spec = spec("held-slot", "resume", database);
        ReplicationHandle handle = runningTask(spec);
        execute(database, "SELECT pg_create_logical_replication_slot('dms_held_slot', 'test_decoding')");
        MigrationWorkflow workflow = new MigrationWorkflow(services);
        try (Connection reader = postgres.readSlot(database, "dms_held_slot")) {
            // WHEN StopReplication polls for 10 minutes THEN it keeps waiting
            StopOutcome first = workflow.stopReplication(stopRequest(spec, handle, null));
            CLOCK.advance(Duration.ofMinutes(10));
            StopOutcome waiting = workflow.stopReplication(stopRequest(spec, handle, first));
            assertThat(waiting.stopped()).isFalse();
            assertThat(waiting.stoppingSince()).isEqualTo(first.stoppingSince());

            // AND past 30 minutes it gives up, saying what to do with the slot
            CLOCK.advance(Duration.ofMinutes(21));
            assertThatThrownBy(() -> workflow.stopReplication(stopRequest(spec, handle, waiting)))
                    .isInstanceOf(ReplicationFailedException.class)
                    .hasMessageContaining("did not stop and release the source within 30 minutes (DMS still holds replication slot dms_held_slot)")
                    .hasMessageContaining("pg_drop_replication_slot");
        } finally {
            awaitInactive(database, "dms_held_slot");
            execute(database, "SELECT pg_drop_replication_slot('dms_held_slot')");
        }
    }

    // ------------------------------------------------------------------ the migration

    private static ReplicationEngine engine() {
        return services.engineFor(spec("any", "resume"));
    }

    private static MigrationSpec spec(String migrationId, String restartMode) {
        return spec(migrationId, restartMode, "postgres");
    }

    private static MigrationSpec spec(String migrationId, String restartMode, String database) {
        String secret = LocalSecrets.put(aws, "dms-runbook/" + migrationId, LocalPostgres.SUPERUSER, LocalPostgres.PASSWORD,
                postgres.host(), postgres.port());
        return SpecReader.read("""
                {"migrationId": "%1$s", "migrationType": "full-load-and-cdc",
                 "source": {"engine": "postgres", "host": "%2$s", "port": %3$d, "database": "%4$s", "sslMode": "none", "secretArn": "%5$s"},
                 "target": {"engine": "aurora-postgresql", "host": "%2$s", "port": %3$d, "database": "%4$s_copy", "sslMode": "none",
                            "secretArn": "%5$s"},
                 "tableMappings": {"rules": [{"rule-type": "selection", "rule-id": "1", "rule-name": "all",
                     "object-locator": {"schema-name": "public", "table-name": "%%"}, "rule-action": "include"}]},
                 "dms": {"replicationInstanceArn": "%6$s", "restartMode": "%7$s",
                         "secretsAccessRoleArn": "arn:aws:iam::123456789012:role/dms-runbook-secrets-access"}}
                """.formatted(migrationId, postgres.host(), postgres.port(), database, secret, instanceArn, restartMode));
    }

    /** A task created and started, as after StartReplication's first two polls. */
    private static ReplicationHandle runningTask(MigrationSpec spec) {
        EndpointTests endpoints = engine().testEndpoints(spec);
        engine().startReplication(spec, endpoints);
        ReplicationHandle handle = engine().startReplication(spec, endpoints);
        assertThat(handle.startKind()).isEqualTo(StartKind.FRESH);
        return handle;
    }

    private static void stopTask(MigrationSpec spec, ReplicationHandle handle) {
        assertThat(engine().stop(spec, handle).stopped()).as("first stop only asks DMS").isFalse();
        assertThat(engine().stop(spec, handle).stopped()).isTrue();
    }

    private static PhaseRequest stopRequest(MigrationSpec spec, ReplicationHandle handle, StopOutcome previous) {
        return new PhaseRequest("arn:aws:states:us-east-1:123456789012:execution:MigrationStateMachine:held-slot",
                new WorkflowState(spec, null, null, null, null, handle, null, null, null, null, null, null, null, previous, null, null, null), null, null);
    }

    private static List<String> creations(String taskIdentifier) {
        return aws.dmsGaps().requests("CreateReplicationTask").stream()
                .filter(r -> r.path("ReplicationTaskIdentifier").asText().equals(taskIdentifier)).map(JsonNode::toString).toList();
    }

    private static List<String> startTypes(String taskArn) {
        return aws.dmsGaps().requests("StartReplicationTask").stream().filter(r -> r.path("ReplicationTaskArn").asText().equals(taskArn))
                .map(r -> r.path("StartReplicationTaskType").asText()).toList();
    }

    private static String tag(String arn, String key) {
        return aws.clients().dms().listTagsForResource(b -> b.resourceArn(arn)).tagList().stream()
                .filter(t -> t.key().equals(key)).map(t -> t.value()).findFirst().orElse(null);
    }

    // ------------------------------------------------------------------ the source's slots

    private static String database(String name) {
        postgres.createDatabase(name);
        return name;
    }

    private static void awaitInactive(String database, String slot) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = postgres.connect(database); Statement s = c.createStatement();
                 ResultSet row = s.executeQuery("SELECT active FROM pg_replication_slots WHERE slot_name = '" + slot + "'")) {
                if (!row.next() || !row.getBoolean(1)) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("slot " + slot + " still active");
    }

    private static List<String> slots(String database) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = postgres.connect(database); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT slot_name FROM pg_replication_slots WHERE database = current_database() ORDER BY 1")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static void execute(String database, String sql) {
        postgres.execute(database, sql);
    }
}
