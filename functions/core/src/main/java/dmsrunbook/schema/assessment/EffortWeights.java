package dmsrunbook.schema.assessment;

/**
 * The effort estimate, in the spirit of ora2pg's migration cost units: one unit is about five minutes of a DBA's work
 * on the object. What the runbook does itself costs nothing but the review of code it copies; what needs a person
 * costs by kind; what the target cannot have costs a redesign. The README's "Schema assessment" section lists
 * the same table.
 */
public final class EffortWeights {

    /** Reading a copied function, procedure, trigger or rule body once, to know what it does on the target. */
    static final int REVIEW_COPIED_CODE = 1;
    /** Replacing what the target cannot have (another extension, a rewrite): ora2pg's hardest level, an hour. */
    static final int REPLACE_UNSUPPORTED = 12;

    private EffortWeights() {
    }

    /** The units of one object of {@code kind} in {@code assessmentClass}. */
    public static int units(AssessedKind kind, AssessmentClass assessmentClass) {
        return switch (assessmentClass) {
            case CARRIED, CUTOVER_ACTION -> 0;
            case CREATED -> switch (kind) {
                case FUNCTION, PROCEDURE, TRIGGER, RULE -> REVIEW_COPIED_CODE;
                default -> 0;
            };
            case NEEDS_PERSON -> needsPerson(kind);
            case NOT_SUPPORTED -> REPLACE_UNSUPPORTED;
        };
    }

    /** A person's share by kind: re-creating what is declarative is quick, what holds data or code takes longer. */
    private static int needsPerson(AssessedKind kind) {
        return switch (kind) {
            case OWNER, GRANT, SEQUENCE, INDEX, CONSTRAINT, COLLATION -> 1;
            case TABLE, PARTITIONED_TABLE, PARTITION, COLUMN, IDENTITY_COLUMN, GENERATED_COLUMN, EXTENSION, OTHER -> 2;
            case FUNCTION, PROCEDURE, TRIGGER, RULE, EVENT, EVENT_TRIGGER, DMS_ASSESSMENT -> 3;
            case LARGE_OBJECTS -> 6;
            default -> 2;
        };
    }
}
