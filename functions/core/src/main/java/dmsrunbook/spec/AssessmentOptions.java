package dmsrunbook.spec;

/**
 * The spec's {@code assessment} block, all optional: the target platform and major version to judge the schema
 * against when they are not the ones the target reports (assessing before the target exists, or for a planned
 * upgrade), and where DMS's own premigration assessment writes its results (engine dms only; without it that
 * assessment does not run).
 */
public record AssessmentOptions(TargetPlatformKind targetPlatform, Integer targetVersion, DmsPremigrationOptions dmsPremigration) {

    /** No assessment options: the target is judged as it reports itself; DMS's premigration assessment does not run. */
    public static AssessmentOptions none() {
        return new AssessmentOptions(null, null, null);
    }

    /**
     * Where DMS's premigration assessment puts its results: an S3 bucket (in the replication instance's region), the
     * IAM role DMS writes there with, and an optional folder.
     */
    public record DmsPremigrationOptions(String resultsBucket, String serviceAccessRoleArn, String resultsFolder) {
    }
}
