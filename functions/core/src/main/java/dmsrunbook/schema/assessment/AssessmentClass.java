package dmsrunbook.schema.assessment;

import com.fasterxml.jackson.annotation.JsonValue;
import dmsrunbook.preflight.CheckStatus;

/**
 * Who makes an object right on the target: each object of the assessed schemas gets exactly one class. The status
 * each class has unless the assessment says otherwise: what the runbook does passes, what needs a person is a WARN,
 * what the target cannot have is a FAIL.
 */
public enum AssessmentClass {
    /** The rows (or values) reach the target through the replication engine's data movement. */
    CARRIED("carried", "carried by the data movement", CheckStatus.PASS),
    /** The schema step creates it on the target from the source's definition. */
    CREATED("created", "created by the schema step", CheckStatus.PASS),
    /** The runbook acts on it at the cutover (sequences set, materialized views refreshed). */
    CUTOVER_ACTION("cutover-action", "needs an action at cutover (the runbook does it)", CheckStatus.PASS),
    /** Nothing in the runbook carries it: a person must, and the report says how. */
    NEEDS_PERSON("needs-person", "needs a person", CheckStatus.WARN),
    /** The target (its engine, version or platform) cannot have it. */
    NOT_SUPPORTED("not-supported", "not supported on the target", CheckStatus.FAIL);

    private final String value;
    private final String words;
    private final CheckStatus defaultStatus;

    AssessmentClass(String value, String words, CheckStatus defaultStatus) {
        this.value = value;
        this.words = words;
        this.defaultStatus = defaultStatus;
    }

    /** The JSON spelling, e.g. {@code cutover-action}. */
    @JsonValue
    public String value() {
        return value;
    }

    /** The class as the report says it, e.g. "needs a person". */
    public String words() {
        return words;
    }

    public CheckStatus defaultStatus() {
        return defaultStatus;
    }
}
