package dmsrunbook.schema.assessment;

import java.util.List;

/**
 * What DMS's own premigration assessment run said: its name and status, where DMS wrote the detailed results, and
 * each individual assessment's status ({@code passed}, {@code warning}, {@code failed}, {@code error}, {@code skipped},
 * {@code cancelled}). {@code message} explains a run that did not happen or ended in an error.
 */
public record DmsPremigrationResult(String runName, String status, String resultsLocation, List<Check> checks, String message) {

    public DmsPremigrationResult {
        checks = checks == null ? List.of() : List.copyOf(checks);
    }

    /** One individual assessment of the run. */
    public record Check(String name, String status) {
    }

    /**
     * The checks as assessed objects for the report: a failed check FAILs (DMS says the task cannot work), a warning,
     * an error of the check itself or a cancelled check needs a person; passed and skipped checks are not listed.
     */
    public List<AssessedObject> findings() {
        return checks.stream().filter(c -> !c.status().equals("passed") && !c.status().equals("skipped")).map(c -> {
            boolean failed = c.status().equals("failed");
            AssessedObject object = AssessedObject.of(AssessedKind.DMS_ASSESSMENT, c.name(), AssessmentClass.NEEDS_PERSON,
                    "DMS's premigration assessment reports " + c.status(),
                    "read its result in " + resultsLocation + ", fix what it names, then start the migration again");
            return failed ? object.withStatus(dmsrunbook.preflight.CheckStatus.FAIL) : object;
        }).toList();
    }
}
