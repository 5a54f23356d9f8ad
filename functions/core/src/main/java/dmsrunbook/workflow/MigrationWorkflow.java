package dmsrunbook.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dmsrunbook.cutover.CutoverObjects;
import dmsrunbook.database.DatabaseFamilies;
import dmsrunbook.engine.EndpointTests;
import dmsrunbook.engine.ReplicationEngine;
import dmsrunbook.engine.ReplicationHandle;
import dmsrunbook.engine.ReplicationProgress;
import dmsrunbook.engine.StopResult;
import dmsrunbook.engine.TableProgress;
import dmsrunbook.engine.dms.DmsPremigrationAssessment;
import dmsrunbook.database.SourceWalRetention;
import dmsrunbook.error.DatabaseUnavailableException;
import dmsrunbook.error.EndpointConnectionFailedException;
import dmsrunbook.error.ReplicationInterruptedException;
import dmsrunbook.error.PreflightFailedException;
import dmsrunbook.error.ReplicationFailedException;
import dmsrunbook.error.SchemaAssessmentFailedException;
import dmsrunbook.internal.Json;
import dmsrunbook.preflight.CheckResult;
import dmsrunbook.preflight.CheckStatus;
import dmsrunbook.preflight.PreflightReport;
import dmsrunbook.schema.assessment.AssessedKind;
import dmsrunbook.schema.assessment.AssessedObject;
import dmsrunbook.schema.assessment.AssessmentClass;
import dmsrunbook.schema.assessment.AssessmentReports;
import dmsrunbook.schema.assessment.DmsPremigrationResult;
import dmsrunbook.schema.assessment.SchemaAssessment;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.spec.SpecReader;
import dmsrunbook.sync.SyncCheck;
import dmsrunbook.sync.SyncState;
import dmsrunbook.sync.SyncWait;
import dmsrunbook.validation.DataItemOutcome;
import dmsrunbook.validation.DataItemRequest;
import dmsrunbook.validation.DataValidationStatus;
import dmsrunbook.validation.DataValidationSummary;
import dmsrunbook.validation.ValidationRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The runbook's phases, one method each, in the order the state machine runs them. Each reads the state so far,
 * does one step through the services, and returns the small result the state machine stores; loops (connection
 * tests, start, sync, stop) return how long to wait before the next call and give up at their limit.
 */
public final class MigrationWorkflow {

    /** DMS connection tests take a minute or two; fifteen means the network is wrong. */
    static final Duration CONNECTION_TEST_LIMIT = Duration.ofMinutes(15);
    /** A new DMS task is ready within minutes; thirty means something holds it. */
    static final Duration START_LIMIT = Duration.ofMinutes(30);
    /** DMS stops and lets go of its slot within minutes; thirty means something still holds the slot. */
    static final Duration STOP_LIMIT = Duration.ofMinutes(30);
    /** How often short loops (connection tests, start, stop) poll at most. */
    static final int SHORT_POLL_SECONDS = 30;
    /** DMS's premigration assessment takes minutes; an hour means it is stuck. */
    static final Duration DMS_ASSESSMENT_LIMIT = Duration.ofMinutes(60);
    /** FAIL lines an error message carries at most (the execution's cause is limited); the rest are in the report. */
    static final int MAX_FAILURE_LINES = 25;

    /** How long a failure alert watches the source's slots to say how fast their WAL grows. */
    static final Duration WAL_GROWTH_SAMPLE = Duration.ofSeconds(3);

    /** FinishTargetSchema gives up after this long (the loop's limit). */
    static final Duration FINISH_SCHEMA_LIMIT = SchemaPhases.FINISH_LIMIT;

    /** ProposeConversions gives up after this long (the loop's limit). */
    static final Duration PROPOSALS_LIMIT = ConversionPhases.PROPOSALS_LIMIT;

    private final RunbookServices services;
    private final SchemaPhases schema;
    private final ConversionPhases conversions;

    public MigrationWorkflow(RunbookServices services) {
        this.services = services;
        this.schema = new SchemaPhases(services);
        this.conversions = new ConversionPhases(services);
    }

    /**
     * ValidateMigrationSpec: checks the whole execution input, its ARNs against what the stack may reach, and returns
     * it normalised, defaults filled in.
     */
    public JsonNode validateSpec(JsonNode input) {
        MigrationSpec spec = SpecReader.read(input, services.settings().stackScope());
        ObjectNode normalised = Json.MAPPER.valueToTree(spec);
        if (spec.alertTopicArn() == null && services.settings().alertTopicArn() != null) {
            normalised.put("alertTopicArn", services.settings().alertTopicArn());
        }
        return normalised;
    }

    /** RunPreflightChecks: every check on source and target; any FAIL stops the migration with all the fixes. */
    public PreflightOutcome runPreflightChecks(PhaseRequest request) {
        MigrationSpec spec = request.state().spec();
        PreflightReport report = services.preflight().run(spec, engine(spec).exists(spec));
        if (!report.passed()) {
            List<CheckResult> failures = report.failures();
            throw new PreflightFailedException(failures.size() + " of " + report.checks().size() + " preflight checks failed: "
                    + failures.stream().map(CheckResult::line).collect(Collectors.joining("; ")),
                    "fix each FAIL as its line says, then start the migration again");
        }
        return PreflightOutcome.of(report);
    }

    /**
     * AssessSchema: classifies every object of the selected schemas for the target; stores the full report when a
     * report bucket is configured. What cannot work stops the migration here, every failure with its fix, before any
     * data moves. Reads only: a retry gives the same outcome.
     */
    public AssessmentOutcome assessSchema(PhaseRequest request) {
        MigrationSpec spec = request.state().spec();
        SchemaAssessment report = services.schemaAssessment().assess(spec, services.clock().instant());
        String location = services.assessmentReports().store(request.executionId(), report).orElse(null);
        if (!report.passed()) {
            throw failed("The schema assessment found " + report.failures().size() + " object" + (report.failures().size() == 1 ? "" : "s")
                    + " that cannot work", report.failures(), location);
        }
        return AssessmentOutcome.of(report, location);
    }

    /**
     * RunDmsPremigrationAssessment: DMS's own assessment of the task (created here if absent, not started), one step per
     * call; once it ended, its findings are merged into the assessment. A check DMS failed stops the migration.
     */
    public AssessmentOutcome runDmsPremigrationAssessment(PhaseRequest request) {
        MigrationSpec spec = request.state().spec();
        AssessmentOutcome assessment = request.state().assessment();
        DmsPremigrationState previous = assessment.dmsPremigration();
        Instant now = services.clock().instant();
        Instant since = previous == null || previous.startedAt() == null ? now : previous.startedAt();
        String runName = runName(spec, request.executionId());
        DmsPremigrationAssessment.Step step = services.dmsPremigration().advance(spec, request.state().endpoints(), runName);
        if (!step.done()) {
            if (Duration.between(since, now).compareTo(DMS_ASSESSMENT_LIMIT) > 0) {
                throw new SchemaAssessmentFailedException("DMS's premigration assessment " + runName + " did not finish within "
                        + DMS_ASSESSMENT_LIMIT.toMinutes() + " minutes (" + step.status() + ")",
                        "look at the assessment run in the DMS console; remove assessment.dmsPremigration from the spec to go on without it");
            }
            return assessment.withDmsPremigration(new DmsPremigrationState(false, step.status(), runName, step.runArn(), null, 0,
                    List.of(), false, null, since), shortPoll(spec));
        }
        DmsPremigrationResult result = step.result();
        List<AssessedObject> findings = new ArrayList<>(result.findings());
        if (result.message() != null) {
            findings.add(AssessedObject.of(AssessedKind.DMS_ASSESSMENT, runName, AssessmentClass.NEEDS_PERSON, result.message(),
                    "look at the assessment run in the DMS console and run it again there"));
        }
        AssessmentReports reports = services.assessmentReports();
        reports.load(spec.migrationId(), request.executionId()).ifPresent(report -> reports.store(request.executionId(), report.withDmsPremigration(result)));
        List<AssessedObject> failures = findings.stream().filter(f -> f.status() == CheckStatus.FAIL).toList();
        if (!failures.isEmpty()) {
            throw failed("DMS's premigration assessment " + runName + " failed " + failures.size() + " check" + (failures.size() == 1 ? "" : "s"),
                    failures, assessment.reportLocation());
        }
        List<AssessedObject> warned = findings.stream().filter(f -> f.status() == CheckStatus.WARN).toList();
        List<String> lines = AssessmentOutcome.lines(warned);
        String summary = "DMS's premigration assessment " + runName + " of migration " + spec.migrationId() + ": " + result.status() + ", "
                + result.checks().size() + " individual assessments" + (result.resultsLocation() == null ? "" : ", results in " + result.resultsLocation())
                + (result.message() == null ? "" : ". " + result.message()) + ".\n\n" + String.join("\n", lines) + "\n";
        DmsPremigrationState state = new DmsPremigrationState(true, result.status(), runName, step.runArn(), result.resultsLocation(),
                result.checks().size(), lines, !warned.isEmpty(), summary, since);
        return assessment.mergedWith(findings, state);
    }

    /** TestEndpointConnections: creates the endpoints the spec does not reuse and starts their connection tests. */
    public EndpointTests testEndpointConnections(PhaseRequest request) {
        MigrationSpec spec = request.state().spec();
        EndpointTests tests = engine(spec).testEndpoints(spec);
        return new EndpointTests(tests.sourceEndpoint(), tests.targetEndpoint(), tests.status(), tests.startedAt(), shortPoll(spec));
    }

    /** CheckEndpointConnections: polls the tests; a failed one stops the migration with the engine's message. */
    public EndpointTests checkEndpointConnections(PhaseRequest request) {
        MigrationSpec spec = request.state().spec();
        EndpointTests tests = engine(spec).checkEndpoints(spec, request.state().endpoints());
        if (tests.status() == EndpointTests.Status.TESTING
                && Duration.between(tests.startedAt(), services.clock().instant()).compareTo(CONNECTION_TEST_LIMIT) > 0) {
            throw new EndpointConnectionFailedException("The endpoint connection tests did not finish within "
                    + CONNECTION_TEST_LIMIT.toMinutes() + " minutes", "check that the replication instance is available, then start again");
        }
        return tests;
    }

    /**
     * PrepareTargetSchema: before replication starts, the target's pre-data part created ({@code schema.mode apply}) or
     * checked ({@code verify}), and the source's schema fingerprinted for the cutover's DDL checks.
     */
    public TargetSchemaState prepareTargetSchema(PhaseRequest request) {
        return schema.prepare(request.state().spec());
    }

    /**
     * FinishTargetSchema: once the target is in sync, one slice of the post-data part within {@code timeLeft} (the
     * invocation's remaining time); called until {@code finished}, when the whole schema was compared with the source's.
     */
    public TargetSchemaState finishTargetSchema(PhaseRequest request, Duration timeLeft) {
        return schema.finish(request.state().spec(), request.state().targetSchema(), timeLeft);
    }

    /** CheckSourceSchema: stops the cutover if DDL changed the source's schema since the target was made to match it. */
    public SourceSchemaCheck checkSourceSchema(PhaseRequest request) {
        return schema.check(request.state().spec(), request.state().targetSchema());
    }

    /** StartReplication: creates the task or subscription if absent and starts it the way its state calls for. */
    public ReplicationHandle startReplication(PhaseRequest request) {
        MigrationSpec spec = request.state().spec();
        ReplicationHandle previous = request.state().replication();
        ReplicationHandle handle = engine(spec).startReplication(spec, request.state().endpoints());
        Instant now = services.clock().instant();
        if (handle.started()) {
            return handle.withAttempt(previous == null || previous.firstAttemptAt() == null ? now : previous.firstAttemptAt(),
                    SyncCheck.waitSeconds(spec.thresholds().pollIntervalSeconds(), spec.thresholds().maxWaitSeconds()));
        }
        Instant first = previous == null || previous.firstAttemptAt() == null ? now : previous.firstAttemptAt();
        if (Duration.between(first, now).compareTo(START_LIMIT) > 0) {
            throw new ReplicationFailedException("The replication could not be started within " + START_LIMIT.toMinutes() + " minutes",
                    "look at the task in the DMS console: it may be stuck in creating or stopping");
        }
        return handle.withAttempt(first, shortPoll(spec));
    }

    /**
     * CheckReplication: one poll of the sync loop (catch-up before cutover, final after it). A database it cannot reach
     * is polled again within the spec's retry window (the engine resumes on its own once it is back: the subscription
     * from its slot's confirmed position, a DMS task from its checkpoint); a failure that stops the replication for
     * good says how much WAL the source's slots hold meanwhile.
     */
    public SyncState checkReplication(PhaseRequest request) {
        MigrationSpec spec = request.state().spec();
        SyncState previous = request.syncWait() == SyncWait.FINAL ? request.state().finalSync() : request.state().sync();
        ReplicationProgress progress;
        try {
            progress = engine(spec).check(spec, request.state().replication());
        } catch (DatabaseUnavailableException e) {
            return services.syncCheck().unreachable(spec, request.syncWait(), e, previous, services.clock().instant(),
                    () -> walRetention().describe(spec));
        } catch (ReplicationInterruptedException e) {
            Instant now = services.clock().instant();
            if (services.syncCheck().resumedRecently(spec, previous, now)) {
                throw withWalHeld(spec, e.detail() + (previous != null && previous.resumedAt() != null
                        ? " again after this check resumed it at " + previous.resumedAt() : ""), e.remediation(), e);
            }
            try {
                engine(spec).startReplication(spec, request.state().endpoints());
            } catch (DatabaseUnavailableException unavailable) {
                return services.syncCheck().unreachable(spec, request.syncWait(), unavailable, previous, now,
                        () -> walRetention().describe(spec));
            }
            return services.syncCheck().resumed(spec, request.syncWait(), e, previous, now);
        } catch (ReplicationFailedException e) {
            throw withWalHeld(spec, e.detail(), e.remediation(), e);
        }
        return services.syncCheck().evaluate(spec, request.syncWait(), progress, previous, services.clock().instant());
    }

    /** A replication failure that also says how much WAL the source's slots hold and how fast it grows. */
    private ReplicationFailedException withWalHeld(MigrationSpec spec, String detail, String remediation, RuntimeException cause) {
        String walHeld = walRetention().describe(spec);
        return new ReplicationFailedException(walHeld.isEmpty() ? detail : detail + (detail.endsWith(".") ? " " : ". ") + walHeld,
                remediation, cause);
    }

    private SourceWalRetention walRetention() {
        return new SourceWalRetention(services.databases(), WAL_GROWTH_SAMPLE);
    }

    /**
     * PlanDataValidation: the work items of the in-flight or the final validation (tables batched, large ones split
     * into key ranges), kept in the validation store; the summary lists them for the Map. An S3 target has none: its
     * rows are what DMS reports it wrote.
     */
    public DataValidationSummary planDataValidation(PhaseRequest request) {
        MigrationSpec spec = request.state().spec();
        if (!spec.target().engine().isDatabase()) {
            return new DataValidationSummary(request.validationRun(), DataValidationStatus.PENDING, 0, List.of(), 0, 0, 0, 0, 0, 0, 0, 0,
                    0, 0, "", "", "an S3 target: its rows are compared with DMS's table statistics");
        }
        return services.dataValidation().plan(request.executionId(), spec, request.validationRun());
    }

    /** DiffDataItem: one Map iteration: diffs (or re-checks) one work item, its result kept in the validation store. */
    public DataItemOutcome diffDataItem(DataItemRequest request) {
        return services.dataValidation().diffItem(request);
    }

    /**
     * ConcludeDataValidation: judges the items' results, runs the invariants, reports; asks for re-checks while changes
     * may be in flight, or refuses the cutover naming the tables and their first keys.
     */
    public DataValidationSummary concludeDataValidation(PhaseRequest request) {
        MigrationSpec spec = request.state().spec();
        ValidationRun run = request.validationRun();
        DataValidationSummary diffed = run == ValidationRun.FINAL ? request.state().finalDataValidation() : request.state().dataValidation();
        if (!spec.target().engine().isDatabase()) {
            return countsOnObjectStore(request, spec, run);
        }
        return services.dataValidation().conclude(request.executionId(), spec, run, diffed);
    }

    /** An S3 target cannot be queried with SQL: its rows per table are DMS's (full-load rows + inserts - deletes). */
    private DataValidationSummary countsOnObjectStore(PhaseRequest request, MigrationSpec spec, ValidationRun run) {
        Map<String, Long> estimates = new HashMap<>();
        for (TableProgress table : engine(spec).progress(spec, request.state().replication()).tables()) {
            estimates.put(table.table(), table.rowsLoaded() + table.inserts() - table.deletes());
        }
        return DataValidationSummary.ofCounts(services.rowCounts().validate(spec, run, estimates));
    }

    /**
     * CarryOverSequencesAndViews: what neither engine replicates, carried to the target by its database family: every
     * sequence of the selected schemas set from the source's (never back), materialized views refreshed. Nothing for
     * a target that needs nothing (MySQL) or is not a database (S3).
     */
    public CarriedOver carryOverSequencesAndViews(PhaseRequest request) {
        MigrationSpec spec = request.state().spec();
        if (!spec.target().engine().isDatabase()) {
            return CarriedOver.of(CutoverObjects.none());
        }
        return CarriedOver.of(DatabaseFamilies.of(spec.target().engine()).carryOverToTarget(services.databases(), spec));
    }

    /**
     * ProposeConversions (schema.aiAssist): asks the spec's Bedrock model for a PostgreSQL version of each view, routine
     * and trigger that needs a person, never twice for one object; loops until each has its proposal. Proposes only:
     * nothing reaches the target here.
     */
    public ConversionProposalsOutcome proposeConversions(PhaseRequest request) {
        return conversions.propose(request.state().spec(), request.executionId(), request.state().conversionProposals());
    }

    /**
     * ApplyAcceptedConversions: creates on the target the proposals the cutover's approver accepted by name, in one
     * transaction; one that does not compile fails the migration with PostgreSQL's message. Not accepted: never applied.
     */
    public AppliedConversions applyAcceptedConversions(PhaseRequest request) {
        ConversionAcceptance accepted = request.state().conversionAcceptance();
        return conversions.applyAccepted(request.state().spec(), request.executionId(), accepted == null ? List.of() : accepted.names());
    }

    /** StopReplication: stops it and releases the source's slots; polled until stopped, then summarises. */
    public StopOutcome stopReplication(PhaseRequest request) {
        MigrationSpec spec = request.state().spec();
        StopOutcome previous = request.state().stop();
        Instant now = services.clock().instant();
        Instant since = previous == null || previous.stoppingSince() == null ? now : previous.stoppingSince();
        StopResult result = engine(spec).stop(spec, request.state().replication());
        if (!result.stopped() && Duration.between(since, now).compareTo(STOP_LIMIT) > 0) {
            throw new ReplicationFailedException("The replication did not stop and release the source within "
                    + STOP_LIMIT.toMinutes() + " minutes (" + result.detail() + ")",
                    "stop the task in the DMS console; once nothing reads the slot, drop it with pg_drop_replication_slot, "
                            + "or it keeps WAL on the source");
        }
        String summary = result.stopped() ? summary(spec, request.state(), result) : null;
        return new StopOutcome(result.stopped(), result.detail(), result.droppedSlots(), result.droppedPublications(),
                shortPoll(spec), summary, since);
    }

    /** One assessment run per execution: a retried or re-polled call finds it by this name. */
    private static String runName(MigrationSpec spec, String executionId) {
        String execution = executionId == null ? "local" : executionId.substring(executionId.lastIndexOf(':') + 1);
        String name = (spec.migrationId() + "-" + execution).replaceAll("[^A-Za-z0-9-]", "-");
        return name.length() > 100 ? name.substring(0, 100) : name;
    }

    private static SchemaAssessmentFailedException failed(String what, List<AssessedObject> failures, String reportLocation) {
        List<String> lines = failures.stream().limit(MAX_FAILURE_LINES).map(AssessedObject::line).toList();
        String more = failures.size() > lines.size() ? "; ... and " + (failures.size() - lines.size()) + " more" : "";
        return new SchemaAssessmentFailedException(what + ": " + String.join("; ", lines) + more,
                "fix each FAIL as its line says, then start the migration again"
                        + (reportLocation == null ? "" : " (full report: " + reportLocation + "assessment.html)"));
    }

    private ReplicationEngine engine(MigrationSpec spec) {
        return services.engineFor(spec);
    }

    private static int shortPoll(MigrationSpec spec) {
        return Math.min(SHORT_POLL_SECONDS, spec.thresholds().pollIntervalSeconds());
    }

    private String summary(MigrationSpec spec, WorkflowState state, StopResult result) {
        StringBuilder text = new StringBuilder("Migration ").append(spec.migrationId()).append(" is complete (")
                .append(spec.engine().value()).append(", ").append(spec.migrationType().value()).append(").\n")
                .append("Source: ").append(spec.source().describe()).append("\nTarget: ").append(spec.target().describe()).append('\n');
        if (state.dataValidation() != null) {
            text.append("Data validated while the application wrote: ").append(state.dataValidation().summary()).append(".\n");
        }
        if (state.finalDataValidation() != null) {
            text.append("Data validated after the final sync: ").append(state.finalDataValidation().summary()).append(".\n");
            if (state.finalDataValidation().report() != null && !state.finalDataValidation().report().isEmpty()) {
                text.append("Validation report: ").append(state.finalDataValidation().report()).append('\n');
            }
        }
        if (state.cutoverObjects() != null) {
            text.append(state.cutoverObjects().summary()).append('\n');
        }
        text.append("Replication stopped: ").append(result.detail()).append(".\n");
        if (!result.droppedSlots().isEmpty()) {
            text.append("Replication slots dropped on the source: ").append(String.join(", ", result.droppedSlots())).append(".\n");
        }
        if (!result.droppedPublications().isEmpty()) {
            text.append("Publications dropped on the source: ").append(String.join(", ", result.droppedPublications())).append(".\n");
        }
        ReplicationHandle handle = state.replication();
        if (handle != null && handle.startedAt() != null) {
            text.append("Replication ran ").append(Duration.between(handle.startedAt(), services.clock().instant()).toMinutes())
                    .append(" minutes.\n");
        }
        return text.toString();
    }
}
