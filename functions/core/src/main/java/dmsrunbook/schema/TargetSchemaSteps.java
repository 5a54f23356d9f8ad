package dmsrunbook.schema;

import dmsrunbook.spec.MigrationSpec;
import java.time.Instant;
import java.util.List;

/**
 * What the schema phases ask of a target's database family to prepare its schema from the source's and check it.
 * The plan is rebuilt from the source's catalog at every step (deterministic, and too large for the workflow's
 * state), and every statement is skipped when its effect is already there, so Step Functions may retry or re-run any
 * step. The source is only read.
 */
public interface TargetSchemaSteps {

    /** Creates the pre-data section on the target, in one transaction: all of it or none. */
    SchemaApplyResult applyPreData(MigrationSpec spec);

    /**
     * Applies the post-data section from statement {@code from} on, each statement in its own transaction, while
     * {@code deadline} allows starting another (the first always runs, so every slice makes progress).
     */
    SchemaSlice applyPostData(MigrationSpec spec, int from, Instant deadline);

    /**
     * Compares the target's schema with the source's: what the pre-data section creates ({@link SchemaSection#PRE_DATA},
     * before the load), or everything ({@link SchemaSection#POST_DATA}).
     */
    VerifiedSchema verify(MigrationSpec spec, SchemaSection upTo);

    /** The user triggers on the target's selected tables, each said with whether it fires for replicated rows. */
    List<String> triggers(MigrationSpec spec);

    /**
     * Everything by which the source's schema differs from the target's now (objects only on the target included),
     * with full definitions where both servers render them alike: what names a change made on the source after the
     * target was made to match it.
     */
    List<SchemaDifference> differences(MigrationSpec spec);
}
