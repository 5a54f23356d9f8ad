package dmsrunbook.schema.assessment;

import dmsrunbook.spec.TargetPlatformKind;

/**
 * The target the schema is judged against: its platform and PostgreSQL major version, what the target itself reported
 * (null when it was not asked), and whether the spec declared platform or version instead of the target reporting them.
 */
public record TargetPlatform(TargetPlatformKind kind, int majorVersion, String reportedVersion, boolean declared) {

    /** E.g. "Amazon Aurora PostgreSQL 15 (declared in the spec; the target reports 15.18)". */
    public String describe() {
        String text = kind.words() + " " + majorVersion;
        if (declared) {
            return text + " (declared in the spec" + (reportedVersion == null ? "" : "; the target reports " + reportedVersion) + ")";
        }
        return reportedVersion == null ? text : text + " (" + reportedVersion + ")";
    }
}
