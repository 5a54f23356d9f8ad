package dmsrunbook.workflow;

import java.time.Instant;
import java.util.List;

/**
 * DMS's premigration assessment as the state keeps it while it runs and once it ended: whether it is done (the state
 * machine polls until it is), its status and run, how many individual assessments ran, the lines of those that
 * warned (with {@code summary}, the notice on-call receives), and since when the runbook has been waiting for it.
 */
public record DmsPremigrationState(boolean done, String status, String runName, String runArn, String resultsLocation, int checks,
                                   List<String> warnings, boolean hasWarnings, String summary, Instant startedAt) {
}
