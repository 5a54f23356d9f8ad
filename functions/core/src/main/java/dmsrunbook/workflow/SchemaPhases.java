package dmsrunbook.workflow;

import dmsrunbook.error.SourceSchemaChangedException;
import dmsrunbook.error.TargetSchemaException;
import dmsrunbook.schema.SchemaApplyResult;
import dmsrunbook.schema.SchemaDifference;
import dmsrunbook.schema.SchemaFingerprint;
import dmsrunbook.schema.SchemaSection;
import dmsrunbook.schema.SchemaSlice;
import dmsrunbook.schema.SourceSchemaFingerprints;
import dmsrunbook.schema.TargetSchemaSteps;
import dmsrunbook.schema.VerifiedSchema;
import dmsrunbook.spec.MigrationSpec;
import dmsrunbook.spec.SchemaMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workflow's schema phases: PrepareTargetSchema (pre-data before replication starts), FinishTargetSchema
 * (post-data once the target is in sync, in slices until done) and CheckSourceSchema (the source's schema is still
 * the one the target was made to match, before the approval and again at the cutover). Each asks the databases'
 * families for the steps, so nothing here names an engine; each is safe to run again.
 */
final class SchemaPhases {

    /** Post-data on the largest database finishes within a day; a day means something is wrong. */
    static final Duration FINISH_LIMIT = Duration.ofHours(24);
    /** What a slice leaves of its invocation after the deadline: for the verification and the answer. */
    static final Duration SLICE_MARGIN = Duration.ofSeconds(60);
    /** Differences and changes a message names; the rest are counted there and all are logged. */
    static final int NAMED_IN_MESSAGE = 20;

    private static final Logger LOG = LoggerFactory.getLogger(SchemaPhases.class);

    private final RunbookServices services;

    SchemaPhases(RunbookServices services) {
        this.services = services;
    }

    /**
     * PrepareTargetSchema: with {@code apply}, creates the pre-data part (types, sequences, tables with their primary
     * keys, functions, views); with {@code apply} and {@code verify}, checks that what the load needs matches the
     * source. Always takes the source's schema fingerprint the cutover's DDL checks measure from.
     */
    TargetSchemaState prepare(MigrationSpec spec) {
        SchemaMode mode = spec.schema().mode();
        if (mode == SchemaMode.NONE) {
            SchemaFingerprint fingerprint = services.schemaFingerprints(spec).map(f -> f.take(spec)).orElse(null);
            return TargetSchemaState.prepared(mode, 0, 0, fingerprint, "schema.mode none: the target's schema is left as it is");
        }
        TargetSchemaSteps steps = steps(spec);
        int executed = 0;
        int alreadyPresent = 0;
        if (mode == SchemaMode.APPLY) {
            SchemaApplyResult applied = steps.applyPreData(spec);
            executed = applied.executed().size();
            alreadyPresent = applied.alreadyPresent();
        }
        VerifiedSchema verified = steps.verify(spec, SchemaSection.PRE_DATA);
        requireMatch(verified, spec, "pre-data");
        String detail = mode == SchemaMode.APPLY
                ? "pre-data: " + executed + " statements run, " + alreadyPresent + " already in place; matches the source" + conversion(spec)
                : "pre-data matches the source" + conversion(spec);
        return TargetSchemaState.prepared(mode, executed, alreadyPresent, verified.source(), detail);
    }

    /**
     * One turn of FinishTargetSchema: with {@code apply}, a slice of the post-data part (indexes, constraints,
     * foreign keys NOT VALID then validated, triggers, rules, materialized views) within {@code timeLeft}; once all of
     * it is in place (or with {@code verify}), the whole schema is compared with the source's, and the target's
     * triggers are listed.
     */
    TargetSchemaState finish(MigrationSpec spec, TargetSchemaState previous, Duration timeLeft) {
        if (previous == null) {
            throw new IllegalStateException("FinishTargetSchema needs the state PrepareTargetSchema left (targetSchema)");
        }
        Instant now = services.clock().instant();
        Instant since = previous.finishingSince() == null ? now : previous.finishingSince();
        if (Duration.between(since, now).compareTo(FINISH_LIMIT) > 0) {
            throw new TargetSchemaException("The target's post-data part was not finished within " + FINISH_LIMIT.toHours() + " hours ("
                    + previous.detail() + ")", "look at what the target is busy with (pg_stat_activity); create the remaining indexes "
                    + "and constraints yourself, then start the migration again: it resumes and skips what is there");
        }
        SchemaMode mode = previous.mode();
        Optional<TargetSchemaSteps> steps = services.targetSchema(spec);
        if (mode == SchemaMode.NONE) {
            return previous.finished(since, null, steps.map(s -> s.triggers(spec)).orElse(List.of()),
                    "schema.mode none: the target's schema is left as it is");
        }
        TargetSchemaState state = previous;
        if (mode == SchemaMode.APPLY) {
            // Real time, not the services' clock: the slice races the Lambda's own timeout.
            Instant deadline = Instant.now().plus(timeLeft).minus(SLICE_MARGIN);
            SchemaSlice slice = steps(spec).applyPostData(spec, previous.nextPostDataStatement(), deadline);
            state = previous.afterSlice(slice, since);
            if (!slice.finished()) {
                return state;
            }
        }
        VerifiedSchema verified = steps(spec).verify(spec, SchemaSection.POST_DATA);
        requireMatch(verified, spec, "whole");
        String detail = (mode == SchemaMode.APPLY ? "post-data: " + state.postDataStatements() + " statements in " + state.slices()
                + " slices (" + state.postDataExecuted() + " run); " : "") + "the whole schema matches the source" + conversion(spec);
        return state.finished(since, verified.source(), steps(spec).triggers(spec), detail);
    }

    /**
     * CheckSourceSchema: the source's schema fingerprint now against the one taken when the target was last made to
     * match it. A change stops the cutover, naming what differs between the source and the target now.
     */
    SourceSchemaCheck check(MigrationSpec spec, TargetSchemaState targetSchema) {
        Instant now = services.clock().instant();
        SchemaFingerprint baseline = targetSchema == null ? null : targetSchema.sourceFingerprint();
        Optional<SourceSchemaFingerprints> fingerprints = services.schemaFingerprints(spec);
        if (fingerprints.isEmpty() || baseline == null) {
            return new SourceSchemaCheck(false, null, null, now, "not checked: the runbook takes no schema fingerprint of a "
                    + spec.source().engine().value() + " source");
        }
        SchemaFingerprint current = fingerprints.get().take(spec);
        if (current.sameSchemaAs(baseline)) {
            return new SourceSchemaCheck(true, current.shortHash(), baseline.takenAt(), now, "the source's schema is unchanged since "
                    + baseline.takenAt() + " (" + current.objects() + " objects)");
        }
        List<String> changes = services.targetSchema(spec).map(steps -> steps.differences(spec)).orElse(List.of()).stream()
                .map(SchemaDifference::describe).toList();
        changes.forEach(change -> LOG.warn("source schema changed: {}", change));
        boolean none = spec.schema().mode() == SchemaMode.NONE;
        String named = changes.isEmpty()
                ? "; comparing it with the target names no object (a body whose text the two servers render differently, or a target "
                + "changed the same way)"
                : (none ? "; the source and the target differ now in (with schema.mode none some may be older than the migration): "
                : "; the source and the target, which matched it then, differ now in: ") + bounded(changes);
        throw new SourceSchemaChangedException("The source's schema changed since " + baseline.takenAt() + " (fingerprint "
                + baseline.shortHash() + " -> " + current.shortHash() + ", " + baseline.objects() + " -> " + current.objects() + " objects)" + named,
                "neither DMS nor logical replication carries DDL whole: make the target match (apply the same change there, or revert it "
                        + "on the source), check that replication still runs, then start the migration again; it resumes");
    }

    private TargetSchemaSteps steps(MigrationSpec spec) {
        return services.targetSchema(spec).orElseThrow(() -> new IllegalStateException("schema.mode " + spec.schema().mode().value()
                + " from " + spec.source().engine().value() + " to " + spec.target().engine().value() + " passed the spec check but has no schema steps"));
    }

    private static void requireMatch(VerifiedSchema verified, MigrationSpec spec, String part) {
        if (verified.verification().matches()) {
            return;
        }
        SchemaMode mode = spec.schema().mode();
        boolean converted = spec.source().engine().family() != spec.target().engine().family();
        List<String> failures = verified.verification().failures();
        failures.forEach(failure -> LOG.warn("target schema differs: {}", failure));
        throw new TargetSchemaException("The target's " + part + " schema differs from the source's" + (converted ? " conversion" : "") + " in "
                + failures.size() + " objects: " + bounded(failures), mode == SchemaMode.APPLY
                ? "an object the runbook created was changed or could not be created as the source has it: correct it on the target (or "
                + "drop it, and the next run creates it again), then start the migration again"
                : converted ? "make the target's schema match the conversion (runbook assess <spec> shows every object's), or set schema.mode "
                + "to apply on an empty target, then start the migration again"
                : "make the target's schema match the source's (pg_dump --schema-only --no-owner --no-privileges <source> shows it), "
                + "or set schema.mode to apply on an empty target, then start the migration again");
    }

    /** Across engines the target is compared with the source's schema converted, not with the source's own types. */
    private static String conversion(MigrationSpec spec) {
        return spec.source().engine().family() == spec.target().engine().family() ? "" : "'s conversion";
    }

    /** The first {@link #NAMED_IN_MESSAGE} lines, joined; the rest counted (all of them are in the function's log). */
    static String bounded(List<String> lines) {
        String shown = String.join("; ", lines.stream().limit(NAMED_IN_MESSAGE).toList());
        return lines.size() <= NAMED_IN_MESSAGE ? shown
                : shown + "; ... and " + (lines.size() - NAMED_IN_MESSAGE) + " more (all of them are in the function's log)";
    }
}
