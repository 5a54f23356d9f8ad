package dmsrunbook.schema;

import dmsrunbook.preflight.CheckStatus;
import java.util.List;

/**
 * What a schema conversion did with one source object, for the assessment report: the object on the source and what it
 * became on the target (null when nothing was created), both as text a person reads (a column's type, default and
 * NULL-ness; an index's definition; a routine's full source), whether the conversion is mechanical or {@link
 * Outcome#NEEDS_A_PERSON}, and how the report should flag it: PASS (same behaviour), WARN (converted, but behaves
 * differently or lost something: {@code note} says what), FAIL (the migration cannot proceed as it is: {@code note}
 * says the fix).
 *
 * @param refersTo for what needs a person: the target tables its source text names, whose converted definitions a
 *                 reviewer (or a model asked for a proposal) needs beside it
 */
public record ObjectConversion(SchemaObject source, String sourceText, SchemaObject target, String targetText,
                               Outcome outcome, CheckStatus status, String note, List<ObjectName> refersTo) {

    /** Whether the conversion was mechanical. */
    public enum Outcome {
        /** Created on the target by the plan. */
        CONVERTED("converted"),
        /** Not created: no mechanical translation exists (procedural code, views, events ...); a person writes it. */
        NEEDS_A_PERSON("needs a person");

        private final String words;

        Outcome(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    public ObjectConversion {
        refersTo = List.copyOf(refersTo);
    }

    public static ObjectConversion converted(SchemaObject source, String sourceText, SchemaObject target, String targetText, String note) {
        return new ObjectConversion(source, sourceText, target, targetText, Outcome.CONVERTED, CheckStatus.PASS, note, List.of());
    }

    public static ObjectConversion changed(SchemaObject source, String sourceText, SchemaObject target, String targetText, String note) {
        return new ObjectConversion(source, sourceText, target, targetText, Outcome.CONVERTED, CheckStatus.WARN, note, List.of());
    }

    public static ObjectConversion needsAPerson(SchemaObject source, String sourceText, CheckStatus status, String reason, List<ObjectName> refersTo) {
        return new ObjectConversion(source, sourceText, null, null, Outcome.NEEDS_A_PERSON, status, reason, refersTo);
    }

    /** One line for logs and reports, e.g. {@code WARN column shop.t.flag -> column public.t.flag boolean: values other than 0 and 1 ...}. */
    public String line() {
        return status + " " + source + (target == null ? " (" + outcome.words() + ")" : " -> " + target + (targetText == null ? "" : " " + targetText))
                + (note == null || note.isEmpty() ? "" : ": " + note);
    }
}
