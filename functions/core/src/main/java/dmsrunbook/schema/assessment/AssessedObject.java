package dmsrunbook.schema.assessment;

import com.fasterxml.jackson.annotation.JsonProperty;
import dmsrunbook.preflight.CheckStatus;

/**
 * One object of the assessment and its verdict: what it is, its one class, whether that passes, warns or fails, what
 * was found, what the runbook does with it or the fix a person applies, and the effort it costs in units (see
 * {@link EffortWeights}).
 *
 * @param kind   what it is
 * @param name   the object as a reader recognises it, e.g. {@code shop.orders.status} (quoted parts where needed)
 * @param action what the runbook does (classes it handles) or the fix (classes that need a person or fail)
 * @param sourceText the object's full source text when a person needs it (a view, routine, trigger or event to
 *                   rewrite); null otherwise. Kept out of the workflow's state ({@link #withoutTexts()}).
 * @param proposal   a model's proposed PostgreSQL version (schema.aiAssist), never applied unless the approver
 *                   accepts it; null when none was asked for. Kept out of the state too.
 */
public record AssessedObject(AssessedKind kind, String name, @JsonProperty("class") AssessmentClass assessmentClass,
                             CheckStatus status, String detail, String action, int units, String sourceText,
                             String proposal) {

    /** An object with its class's usual status and its kind's and class's usual effort. */
    public static AssessedObject of(AssessedKind kind, String name, AssessmentClass assessmentClass, String detail, String action) {
        return new AssessedObject(kind, name, assessmentClass, assessmentClass.defaultStatus(), detail, action,
                EffortWeights.units(kind, assessmentClass), null, null);
    }

    /** The same object with another status (a class whose usual status does not fit this case). */
    public AssessedObject withStatus(CheckStatus other) {
        return new AssessedObject(kind, name, assessmentClass, other, detail, action, units, sourceText, proposal);
    }

    /** The same object carrying the source text a person rewrites. */
    public AssessedObject withSourceText(String text) {
        return new AssessedObject(kind, name, assessmentClass, status, detail, action, units, text, proposal);
    }

    /** The same object without its source text: what a workflow's state may hold (the text can be any size). */
    public AssessedObject withoutTexts() {
        return sourceText == null && proposal == null ? this : new AssessedObject(kind, name, assessmentClass, status, detail, action, units, null, null);
    }

    /** The same object with a model's proposal beside its source text. */
    public AssessedObject withProposal(String proposed) {
        return new AssessedObject(kind, name, assessmentClass, status, detail, action, units, sourceText, proposed);
    }

    /** The name an approver accepts a proposal by: {@code procedure shop.add_order}. */
    public String key() {
        return kind.words() + " " + name;
    }

    /** One line for SNS, logs and errors: {@code FAIL extension xml2: not offered by ... -> fix}. */
    public String line() {
        return status + " " + kind.words() + " " + name + ": " + detail + (action == null || action.isEmpty() ? "" : " -> " + action);
    }
}
