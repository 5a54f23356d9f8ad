package dmsrunbook.engine.dms;

import dmsrunbook.mapping.TableName;
import dmsrunbook.database.DatabaseConnector;
import dmsrunbook.database.DatabaseFamilies;
import dmsrunbook.database.ReplicationSlots;
import dmsrunbook.engine.EndpointTests;
import dmsrunbook.engine.ReplicationEngine;
import dmsrunbook.engine.ReplicationHandle;
import dmsrunbook.engine.ReplicationProgress;
import dmsrunbook.engine.StartKind;
import dmsrunbook.engine.StopResult;
import dmsrunbook.engine.TableProgress;
import dmsrunbook.engine.TableValidation;
import dmsrunbook.error.AwsRequestFailedException;
import dmsrunbook.error.EndpointConnectionFailedException;
import dmsrunbook.error.Failures;
import dmsrunbook.error.ReplicationFailedException;
import dmsrunbook.error.ReplicationInterruptedException;
import dmsrunbook.internal.Json;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.spec.MigrationType;
import dmsrunbook.spec.RestartMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.databasemigration.DatabaseMigrationClient;
import software.amazon.awssdk.services.databasemigration.model.InvalidResourceStateException;
import software.amazon.awssdk.services.databasemigration.model.MigrationTypeValue;
import software.amazon.awssdk.services.databasemigration.model.ReplicationEndpointTypeValue;
import software.amazon.awssdk.services.databasemigration.model.ReplicationTask;
import software.amazon.awssdk.services.databasemigration.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.databasemigration.model.ResourceNotFoundException;
import software.amazon.awssdk.services.databasemigration.model.StartReplicationTaskTypeValue;
import software.amazon.awssdk.services.databasemigration.model.TableStatistics;
import software.amazon.awssdk.services.databasemigration.model.Tag;

/**
 * The AWS DMS engine: endpoints and their connection tests, one replication task per migration (named after its
 * migrationId), progress from DescribeReplicationTasks / DescribeTableStatistics / CloudWatch (with each table's
 * validation state when the task settings enable DMS's validation), and a stop that drops
 * the replication slot DMS left on the source (for families that keep slots: PostgreSQL). The slots present before
 * the task was created are recorded, in the source family's words, in a tag of the task.
 */
public final class DmsEngine implements ReplicationEngine {

    private static final Set<String> RUNNING = Set.of("starting", "running", "modifying", "moving");
    private static final String FULL_LOAD_FINISHED = "FULL_LOAD_ONLY_FINISHED";
    private static final String SLOTS_BEFORE_TAG = "dms-runbook:slots-before";

    private final DatabaseMigrationClient dms;
    private final DmsEndpoints endpoints;
    private final CdcLatencyReader latency;
    private final DatabaseConnector databases;
    private final Clock clock;
    private final String stackName;
    private final Map<String, String> instanceIdentifiers = new ConcurrentHashMap<>();

    /** {@code stackName} tags what the engine creates ({@link DmsTags}); null outside a stack. */
    public DmsEngine(DatabaseMigrationClient dms, CdcLatencyReader latency, DatabaseConnector databases, Clock clock, String stackName) {
        this.dms = dms;
        this.stackName = stackName;
        this.endpoints = new DmsEndpoints(dms, stackName);
        this.latency = latency;
        this.databases = databases;
        this.clock = clock;
    }

    @Override
    public boolean exists(MigrationSpec spec) {
        return findTask(spec.migrationId()).isPresent();
    }

    @Override
    public EndpointTests testEndpoints(MigrationSpec spec) {
        String source = endpoints.ensure(spec, spec.source(), ReplicationEndpointTypeValue.SOURCE);
        String target = endpoints.ensure(spec, spec.target(), ReplicationEndpointTypeValue.TARGET);
        for (String endpoint : List.of(source, target)) {
            try {
                dms.testConnection(b -> b.replicationInstanceArn(spec.dms().replicationInstanceArn()).endpointArn(endpoint));
            } catch (InvalidResourceStateException e) {
                // A test of this pair is already running (a retried step): poll that one.
            } catch (SdkException e) {
                throw Failures.ofAws("DMS TestConnection", e);
            }
        }
        return new EndpointTests(source, target, EndpointTests.Status.TESTING, clock.instant(), 0);
    }

    @Override
    public EndpointTests checkEndpoints(MigrationSpec spec, EndpointTests tests) {
        boolean allSuccessful = true;
        for (String endpoint : List.of(tests.sourceEndpoint(), tests.targetEndpoint())) {
            String side = endpoint.equals(tests.sourceEndpoint()) ? "source" : "target";
            Optional<software.amazon.awssdk.services.databasemigration.model.Connection> connection;
            try {
                connection = dms.describeConnections(b -> b.filters(f -> f.name("endpoint-arn").values(endpoint))).connections().stream()
                        .filter(c -> spec.dms().replicationInstanceArn().equals(c.replicationInstanceArn())).findFirst();
            } catch (ResourceNotFoundException e) {
                connection = Optional.empty();
            } catch (SdkException e) {
                throw Failures.ofAws("DMS DescribeConnections", e);
            }
            String status = connection.map(c -> c.status()).orElse("testing");
            if ("failed".equals(status)) {
                throw new EndpointConnectionFailedException("DMS could not connect to the " + side + " ("
                        + (side.equals("source") ? spec.source() : spec.target()).describe() + "): "
                        + connection.map(c -> c.lastFailureMessage()).orElse("no message"),
                        "check the replication instance's security group and routes to the " + side
                                + ", the secret's credentials, and the SSL mode");
            }
            allSuccessful &= "successful".equals(status);
        }
        return tests.withStatus(allSuccessful ? EndpointTests.Status.SUCCESSFUL : EndpointTests.Status.TESTING);
    }

    @Override
    public ReplicationHandle startReplication(MigrationSpec spec, EndpointTests tests) {
        Optional<ReplicationTask> existing = findTask(spec.migrationId());
        if (existing.isEmpty()) {
            createTask(spec, tests);
            return ReplicationHandle.notStartedYet(findTask(spec.migrationId()).map(ReplicationTask::replicationTaskArn).orElseThrow());
        }
        ReplicationTask task = existing.get();
        checkBelongsToThisMigration(spec, tests, task);
        String status = task.status();
        if (RUNNING.contains(status)) {
            return ReplicationHandle.started(task.replicationTaskArn(), StartKind.ALREADY_RUNNING, startedAt(task));
        }
        if ("stopped".equals(status) && FULL_LOAD_FINISHED.equals(task.stopReason()) && spec.dms().restartMode() == RestartMode.RESUME) {
            return ReplicationHandle.started(task.replicationTaskArn(), StartKind.ALREADY_FINISHED, startedAt(task));
        }
        StartKind kind;
        switch (status) {
            case "ready" -> kind = StartKind.FRESH;
            case "stopped", "failed" -> kind = spec.dms().restartMode() == RestartMode.RELOAD_TARGET ? StartKind.RELOADED : StartKind.RESUMED;
            case "deleting" -> throw new ReplicationFailedException("DMS task " + spec.migrationId() + " is being deleted",
                    "wait until it is gone, then start the migration again");
            default -> {
                // creating, stopping: DMS cannot start it yet; the state machine waits and asks again.
                return ReplicationHandle.notStartedYet(task.replicationTaskArn());
            }
        }
        try {
            dms.startReplicationTask(b -> b.replicationTaskArn(task.replicationTaskArn()).startReplicationTaskType(dmsStartType(kind)));
        } catch (InvalidResourceStateException e) {
            return ReplicationHandle.notStartedYet(task.replicationTaskArn());
        } catch (SdkException e) {
            throw Failures.ofAws("DMS StartReplicationTask", e);
        }
        return ReplicationHandle.started(task.replicationTaskArn(), kind, clock.instant());
    }

    /**
     * The migration's task, created (not started) when absent: for the steps that need the task before it starts,
     * like DMS's premigration assessment. StartReplication later finds it and starts it.
     */
    public ReplicationTask ensureTask(MigrationSpec spec, EndpointTests tests) {
        Optional<ReplicationTask> existing = findTask(spec.migrationId());
        if (existing.isPresent()) {
            checkBelongsToThisMigration(spec, tests, existing.get());
            return existing.get();
        }
        createTask(spec, tests);
        return findTask(spec.migrationId()).orElseThrow(() -> new ReplicationFailedException(
                "DMS task " + spec.migrationId() + " was created but cannot be found", "look at the tasks in the DMS console"));
    }

    @Override
    public ReplicationProgress progress(MigrationSpec spec, ReplicationHandle handle) {
        ReplicationTask task = findTask(spec.migrationId()).orElseThrow(() -> new ReplicationFailedException(
                "DMS task " + spec.migrationId() + " no longer exists", "start the migration again"));
        String status = task.status();
        if ("failed".equals(status) || "stopped".equals(status) && !FULL_LOAD_FINISHED.equals(task.stopReason())) {
            String message = firstNonBlank(task.lastFailureMessage(), task.stopReason(), status);
            String fix = "read the task's CloudWatch log, fix the cause, then start the migration again (it resumes)";
            if ("failed".equals(status)) {
                // A failed task resumes from its checkpoint: the check tries that once before giving up.
                throw new ReplicationInterruptedException("DMS task " + spec.migrationId() + " failed: " + message, fix);
            }
            throw new ReplicationFailedException("DMS task " + spec.migrationId() + " " + status + ": " + message, fix);
        }
        List<TableProgress> tables = tableStatistics(task.replicationTaskArn());
        List<String> errored = tables.stream().filter(t -> "Table error".equals(t.state())).map(TableProgress::table).toList();
        if (!errored.isEmpty()) {
            throw new ReplicationFailedException("DMS could not migrate " + String.join(", ", errored),
                    "read the task's CloudWatch log for those tables, fix them, then reload them (dms.restartMode reload-target)");
        }
        Integer percent = task.replicationTaskStats() == null ? null : task.replicationTaskStats().fullLoadProgressPercent();
        ReplicationProgress.Phase phase = phase(spec.migrationType(), task, tables, percent);
        if (phase != ReplicationProgress.Phase.CHANGE_CAPTURE) {
            return new ReplicationProgress(phase, percent, tables, null, null, "task " + status);
        }
        var reading = latency.latest(instanceIdentifier(task.replicationInstanceArn()), resourceId(task.replicationTaskArn()), clock.instant());
        return new ReplicationProgress(phase, percent, tables, reading.map(CdcLatencyReader.Reading::seconds).orElse(null),
                reading.map(CdcLatencyReader.Reading::observedAt).orElse(null), "task " + status);
    }

    @Override
    public StopResult stop(MigrationSpec spec, ReplicationHandle handle) {
        Optional<ReplicationTask> task = findTask(spec.migrationId());
        if (task.isPresent() && RUNNING.contains(task.get().status())) {
            try {
                dms.stopReplicationTask(b -> b.replicationTaskArn(task.get().replicationTaskArn()));
            } catch (InvalidResourceStateException e) {
                // Already stopping.
            } catch (SdkException e) {
                throw Failures.ofAws("DMS StopReplicationTask", e);
            }
            return StopResult.stopping("DMS task stopping");
        }
        if (task.isPresent() && "stopping".equals(task.get().status())) {
            return StopResult.stopping("DMS task stopping");
        }
        Optional<ReplicationSlots> sourceSlots = DatabaseFamilies.of(spec.source().engine()).replicationSlots();
        if (sourceSlots.isEmpty()) {
            return new StopResult(true, "DMS task stopped", List.of(), List.of());
        }
        ReplicationSlots slots = sourceSlots.get();
        // DMS leaves its logical slot on the source, retaining WAL for ever: drop the ones this migration added.
        Optional<List<String>> slotsBefore = task.flatMap(t -> slotsBefore(t.replicationTaskArn())).flatMap(slots::recorded);
        if (slotsBefore.isEmpty()) {
            return new StopResult(true, "DMS task stopped; the slots present before it are unknown, so none was dropped: "
                    + "drop the task's slot with pg_drop_replication_slot", List.of(), List.of());
        }
        List<String> slotsToKeep = slotsBefore.get();
        List<String> dropped = new ArrayList<>();
        try (Connection source = databases.connect(spec.source())) {
            for (ReplicationSlots.Slot slot : slots.list(source)) {
                if (slotsToKeep.contains(slot.name())) {
                    continue;
                }
                if (slot.active()) {
                    return StopResult.stopping("DMS still holds replication slot " + slot.name());
                }
                if (slots.drop(source, slot.name())) {
                    dropped.add(slot.name());
                }
            }
        } catch (SQLException e) {
            throw Failures.ofSql("Dropping replication slots", spec.source().describe(), e);
        }
        return new StopResult(true, "DMS task stopped", dropped, List.of());
    }

    private void createTask(MigrationSpec spec, EndpointTests tests) {
        String slotsBefore = slotsBeforeTag(spec);
        try {
            dms.createReplicationTask(b -> {
                b.replicationTaskIdentifier(spec.migrationId())
                        .sourceEndpointArn(tests.sourceEndpoint())
                        .targetEndpointArn(tests.targetEndpoint())
                        .replicationInstanceArn(spec.dms().replicationInstanceArn())
                        .migrationType(migrationType(spec.migrationType()))
                        .tableMappings(Json.write(spec.tableMappings()))
                        .tags(tags(spec, slotsBefore));
                if (spec.dms().taskSettings() != null) {
                    b.replicationTaskSettings(Json.write(spec.dms().taskSettings()));
                }
            });
        } catch (ResourceAlreadyExistsException e) {
            // A retried step created it a moment ago.
        } catch (SdkException e) {
            throw Failures.ofAws("DMS CreateReplicationTask " + spec.migrationId(), e);
        }
    }

    private List<Tag> tags(MigrationSpec spec, String slotsBefore) {
        List<Tag> tags = new ArrayList<>(DmsTags.of(spec, stackName));
        tags.add(Tag.builder().key(SLOTS_BEFORE_TAG).value(slotsBefore).build());
        return tags;
    }

    /**
     * The source's slots before DMS adds its own, kept in a tag of the task (created once per migration), so that
     * the stop drops DMS's slot only, even after re-runs of the workflow.
     */
    private String slotsBeforeTag(MigrationSpec spec) {
        Optional<ReplicationSlots> slots = DatabaseFamilies.of(spec.source().engine()).replicationSlots();
        if (slots.isEmpty()) {
            return ReplicationSlots.NO_SLOTS;
        }
        try (Connection source = databases.connect(spec.source())) {
            return slots.get().record(source);
        } catch (SQLException e) {
            throw Failures.ofSql("Listing replication slots", spec.source().describe(), e);
        }
    }

    /** The slots-before tag's value, as the source family recorded it. */
    private Optional<String> slotsBefore(String taskArn) {
        try {
            return dms.listTagsForResource(b -> b.resourceArn(taskArn)).tagList().stream()
                    .filter(t -> SLOTS_BEFORE_TAG.equals(t.key())).findFirst().map(t -> t.value());
        } catch (SdkException e) {
            throw Failures.ofAws("DMS ListTagsForResource", e);
        }
    }

    private void checkBelongsToThisMigration(MigrationSpec spec, EndpointTests tests, ReplicationTask task) {
        if (!tests.sourceEndpoint().equals(task.sourceEndpointArn()) || !tests.targetEndpoint().equals(task.targetEndpointArn())
                || !spec.dms().replicationInstanceArn().equals(task.replicationInstanceArn())) {
            throw new AwsRequestFailedException("DMS task " + spec.migrationId() + " already exists with other endpoints or another instance",
                    "use another migrationId, or delete the old task", null);
        }
    }

    private Optional<ReplicationTask> findTask(String identifier) {
        try {
            return dms.describeReplicationTasks(b -> b.filters(f -> f.name("replication-task-id").values(identifier)))
                    .replicationTasks().stream().filter(t -> identifier.equals(t.replicationTaskIdentifier())).findFirst();
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw Failures.ofAws("DMS DescribeReplicationTasks", e);
        }
    }

    private List<TableProgress> tableStatistics(String taskArn) {
        List<TableProgress> tables = new ArrayList<>();
        try {
            for (var page : dms.describeTableStatisticsPaginator(b -> b.replicationTaskArn(taskArn).maxRecords(500))) {
                for (TableStatistics t : page.tableStatistics()) {
                    TableValidation validation = t.validationState() == null ? null : new TableValidation(t.validationState(),
                            orZero(t.validationFailedRecords()), orZero(t.validationSuspendedRecords()), orZero(t.validationPendingRecords()));
                    tables.add(new TableProgress(new TableName(t.schemaName(), t.tableName()).toString(), t.tableState(), orZero(t.fullLoadRows()),
                            orZero(t.inserts()), orZero(t.updates()), orZero(t.deletes()), validation));
                }
            }
        } catch (ResourceNotFoundException e) {
            return List.of();
        } catch (SdkException e) {
            throw Failures.ofAws("DMS DescribeTableStatistics", e);
        }
        return tables;
    }

    private static ReplicationProgress.Phase phase(MigrationType type, ReplicationTask task, List<TableProgress> tables, Integer percent) {
        String status = task.status();
        if ("stopped".equals(status)) {
            return ReplicationProgress.Phase.FULL_LOAD_FINISHED;
        }
        if (!"running".equals(status)) {
            return ReplicationProgress.Phase.STARTING;
        }
        if (type == MigrationType.CDC) {
            return ReplicationProgress.Phase.CHANGE_CAPTURE;
        }
        boolean loaded = !tables.isEmpty() && tables.stream().allMatch(t -> "Table completed".equals(t.state()))
                && (percent == null || percent >= 100);
        if (!loaded) {
            return ReplicationProgress.Phase.FULL_LOAD;
        }
        return type == MigrationType.FULL_LOAD ? ReplicationProgress.Phase.FULL_LOAD : ReplicationProgress.Phase.CHANGE_CAPTURE;
    }

    private String instanceIdentifier(String instanceArn) {
        return instanceIdentifiers.computeIfAbsent(instanceArn, arn -> {
            try {
                return dms.describeReplicationInstances(b -> b.filters(f -> f.name("replication-instance-arn").values(arn)))
                        .replicationInstances().stream().findFirst()
                        .map(i -> i.replicationInstanceIdentifier()).orElse(resourceId(arn));
            } catch (SdkException e) {
                throw Failures.ofAws("DMS DescribeReplicationInstances", e);
            }
        });
    }

    private Instant startedAt(ReplicationTask task) {
        return task.replicationTaskStartDate() != null ? task.replicationTaskStartDate() : clock.instant();
    }

    /** The last part of an ARN: DMS's resource id, which is also its CloudWatch task dimension. */
    static String resourceId(String arn) {
        return arn.substring(arn.lastIndexOf(':') + 1);
    }

    /** DMS's StartReplicationTaskType for a start: start-replication the first time, resume-processing or reload-target after. */
    private static StartReplicationTaskTypeValue dmsStartType(StartKind kind) {
        return switch (kind) {
            case FRESH -> StartReplicationTaskTypeValue.START_REPLICATION;
            case RESUMED -> StartReplicationTaskTypeValue.RESUME_PROCESSING;
            case RELOADED -> StartReplicationTaskTypeValue.RELOAD_TARGET;
            case ALREADY_RUNNING, ALREADY_FINISHED, NOT_STARTED -> throw new IllegalArgumentException(kind + " starts no task");
        };
    }

    private static MigrationTypeValue migrationType(MigrationType type) {
        return switch (type) {
            case FULL_LOAD -> MigrationTypeValue.FULL_LOAD;
            case FULL_LOAD_AND_CDC -> MigrationTypeValue.FULL_LOAD_AND_CDC;
            case CDC -> MigrationTypeValue.CDC;
        };
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return "";
    }
}
