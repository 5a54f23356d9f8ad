package dmsrunbook.engine.dms;

import dmsrunbook.engine.EndpointTests;
import dmsrunbook.error.Failures;
import dmsrunbook.schema.assessment.DmsPremigrationResult;
import dmsrunbook.spec.AssessmentOptions.DmsPremigrationOptions;
import dmsrunbook.spec.MigrationSpec;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.databasemigration.DatabaseMigrationClient;
import software.amazon.awssdk.services.databasemigration.model.InvalidResourceStateException;
import software.amazon.awssdk.services.databasemigration.model.ReplicationTask;
import software.amazon.awssdk.services.databasemigration.model.ReplicationTaskAssessmentRun;
import software.amazon.awssdk.services.databasemigration.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.databasemigration.model.ResourceNotFoundException;

/**
 * DMS's own premigration assessment of a migration's task, driven one step per call so a poll loop can wait between
 * steps: the task is created if absent (DMS assesses a task, not a spec; it is not started here), then an assessment
 * run named after the execution is started once (a retried call finds it by name), then polled until it ends, and its
 * individual assessments are read. A task that already runs (a migration that resumes) is not assessed again.
 */
public final class DmsPremigrationAssessment {

    /** Run states after which nothing changes any more (DMS API reference, ReplicationTaskAssessmentRun.Status). */
    private static final Set<String> FINISHED = Set.of("passed", "warning", "failed", "error-provisioning", "error-executing",
            "invalid state", "cancelling", "deleting");
    /** Task states in which DMS accepts an assessment run. */
    private static final Set<String> ASSESSABLE = Set.of("ready", "stopped", "failed");

    private final DatabaseMigrationClient dms;
    private final DmsEngine engine;

    public DmsPremigrationAssessment(DatabaseMigrationClient dms, DmsEngine engine) {
        this.dms = dms;
        this.engine = engine;
    }

    /** Where one call left the assessment: still going ({@code result} null), or finished with DMS's answer. */
    public record Step(String status, String runArn, DmsPremigrationResult result) {

        public boolean done() {
            return result != null;
        }
    }

    /** Advances the assessment of {@code spec}'s task by one step; {@code runName} names the run (one per execution). */
    public Step advance(MigrationSpec spec, EndpointTests endpoints, String runName) {
        DmsPremigrationOptions options = spec.assessmentOptions().dmsPremigration();
        String location = "s3://" + options.resultsBucket() + "/" + folder(spec, options) + "/";
        ReplicationTask task = engine.ensureTask(spec, endpoints);
        Optional<ReplicationTaskAssessmentRun> run = findRun(task.replicationTaskArn(), runName);
        if (run.isEmpty()) {
            if (task.status().equals("creating")) {
                return new Step("creating-task", null, null);
            }
            if (!ASSESSABLE.contains(task.status())) {
                return new Step("skipped", null, new DmsPremigrationResult(runName, "skipped", null, List.of(),
                        "the task is " + task.status() + " (this migration resumes): DMS assesses a task before its first start only"));
            }
            try {
                String arn = dms.startReplicationTaskAssessmentRun(b -> b.replicationTaskArn(task.replicationTaskArn())
                        .assessmentRunName(runName).resultLocationBucket(options.resultsBucket())
                        .resultLocationFolder(folder(spec, options)).serviceAccessRoleArn(options.serviceAccessRoleArn()))
                        .replicationTaskAssessmentRun().replicationTaskAssessmentRunArn();
                return new Step("starting", arn, null);
            } catch (ResourceAlreadyExistsException | InvalidResourceStateException e) {
                // A retried call started it a moment ago, or the task is between states: look again at the next poll.
                return new Step("starting", null, null);
            } catch (SdkException e) {
                throw Failures.ofAws("DMS StartReplicationTaskAssessmentRun", e);
            }
        }
        ReplicationTaskAssessmentRun current = run.get();
        if (!FINISHED.contains(current.status())) {
            return new Step(current.status(), current.replicationTaskAssessmentRunArn(), null);
        }
        List<DmsPremigrationResult.Check> checks = checks(current.replicationTaskAssessmentRunArn());
        String message = current.status().startsWith("error") || current.status().equals("invalid state")
                ? "DMS could not run the assessment: " + Optional.ofNullable(current.lastFailureMessage()).orElse(current.status()) : null;
        return new Step(current.status(), current.replicationTaskAssessmentRunArn(),
                new DmsPremigrationResult(runName, current.status(), location, checks, message));
    }

    private Optional<ReplicationTaskAssessmentRun> findRun(String taskArn, String runName) {
        try {
            return dms.describeReplicationTaskAssessmentRuns(b -> b.filters(f -> f.name("replication-task-arn").values(taskArn)))
                    .replicationTaskAssessmentRuns().stream().filter(r -> runName.equals(r.assessmentRunName())).findFirst();
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw Failures.ofAws("DMS DescribeReplicationTaskAssessmentRuns", e);
        }
    }

    private List<DmsPremigrationResult.Check> checks(String runArn) {
        try {
            return dms.describeReplicationTaskIndividualAssessments(b -> b.filters(f -> f.name("replication-task-assessment-run-arn").values(runArn)))
                    .replicationTaskIndividualAssessments().stream()
                    .map(a -> new DmsPremigrationResult.Check(a.individualAssessmentName(), a.status())).toList();
        } catch (ResourceNotFoundException e) {
            return List.of();
        } catch (SdkException e) {
            throw Failures.ofAws("DMS DescribeReplicationTaskIndividualAssessments", e);
        }
    }

    private static String folder(MigrationSpec spec, DmsPremigrationOptions options) {
        return options.resultsFolder() != null ? options.resultsFolder() : "dms-runbook/" + spec.migrationId();
    }
}
