package dmsrunbook.workflow;

import dmsrunbook.schema.SchemaFingerprint;
import dmsrunbook.schema.SchemaSlice;
import dmsrunbook.spec.SchemaMode;
import java.time.Instant;
import java.util.List;

/**
 * The target's schema as the state carries it from PrepareTargetSchema through the FinishTargetSchema loop: the mode,
 * whether the post-data part is in place and verified ({@code finished}, what IsTargetSchemaFinished? reads), the
 * progress of applying it slice by slice (the next statement of how many), what ran and what was already there (a
 * retry or a re-run), the source's schema fingerprint as last compared (the cutover's DDL checks measure from it),
 * and once finished, the target's triggers (at most {@link #NAMES_KEPT}).
 *
 * @param finishingSince when the first FinishTargetSchema slice ran (the loop's limit counts from it)
 */
public record TargetSchemaState(SchemaMode mode, boolean finished, int preDataExecuted, int postDataStatements,
                                int nextPostDataStatement, int postDataExecuted, int alreadyPresent, int slices,
                                Instant finishingSince, SchemaFingerprint sourceFingerprint, List<String> triggers, String detail) {

    /** Triggers named in the state; the rest are counted in {@code detail}. */
    public static final int NAMES_KEPT = 25;

    /** After PrepareTargetSchema. */
    static TargetSchemaState prepared(SchemaMode mode, int preDataExecuted, int alreadyPresent, SchemaFingerprint source, String detail) {
        return new TargetSchemaState(mode, false, preDataExecuted, 0, 0, 0, alreadyPresent, 0, null, source, List.of(), detail);
    }

    /** After one more slice of the post-data part. */
    TargetSchemaState afterSlice(SchemaSlice slice, Instant since) {
        return new TargetSchemaState(mode, false, preDataExecuted, slice.total(), slice.next(), postDataExecuted + slice.executed().size(),
                alreadyPresent + slice.alreadyPresent(), slices + 1, since, sourceFingerprint, triggers,
                "post-data: " + slice.next() + " of " + slice.total() + " statements done");
    }

    /** The post-data part in place and the schema verified (or nothing to do): the loop ends. */
    TargetSchemaState finished(Instant since, SchemaFingerprint source, List<String> allTriggers, String detail) {
        List<String> kept = allTriggers.stream().limit(NAMES_KEPT).toList();
        String more = allTriggers.size() > NAMES_KEPT ? " (" + allTriggers.size() + " triggers, the first " + NAMES_KEPT + " named)" : "";
        return new TargetSchemaState(mode, true, preDataExecuted, postDataStatements, nextPostDataStatement, postDataExecuted,
                alreadyPresent, slices, since, source == null ? sourceFingerprint : source, kept, detail + more);
    }
}
