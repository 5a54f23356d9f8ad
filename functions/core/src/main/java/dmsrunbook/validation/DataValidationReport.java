package dmsrunbook.validation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dmsrunbook.validation.diff.Evidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a validation found: every table's verdict (keys of the rows that differ, never values), the business
 * invariants (null until they ran), and how many re-checks it took. Kept whole in the validation store for the
 * sign-off; {@link #summary()} is the line the state, the approval request and the completion report carry.
 */
public record DataValidationReport(ValidationRun run, int round, List<JudgedTable> tables, InvariantReport invariants) {

    public DataValidationReport {
        tables = List.copyOf(tables);
    }

    @JsonIgnore
    public List<JudgedTable> refused() {
        return tables.stream().filter(t -> t.verdict().refuses()).toList();
    }

    @JsonIgnore
    public List<InvariantResult> failedInvariants() {
        return invariants == null ? List.of() : invariants.failures();
    }

    /** Nothing refuses the cutover: no table differs or failed, and at the final validation every invariant holds. */
    @JsonIgnore
    public boolean passed() {
        return refused().isEmpty() && (run == ValidationRun.IN_FLIGHT || failedInvariants().isEmpty());
    }

    public long sourceRows() {
        return tables.stream().map(JudgedTable::result).filter(Objects::nonNull).mapToLong(r -> r.sourceRows()).sum();
    }

    public long targetRows() {
        return tables.stream().map(JudgedTable::result).filter(Objects::nonNull).mapToLong(r -> r.targetRows()).sum();
    }

    public int count(TableVerdict verdict) {
        return (int) tables.stream().filter(t -> t.verdict() == verdict).count();
    }

    /** Tables equal now that differed at first and were re-checked. */
    public int resolvedOnRecheck() {
        return (int) tables.stream().filter(t -> t.verdict() == TableVerdict.EQUAL && t.result().rechecks() > 0).count();
    }

    /** Tables whose evidence is weaker than checksums: counts only, or one whole-table checksum for want of a key. */
    public int weakerEvidence() {
        return (int) tables.stream().map(JudgedTable::result).filter(Objects::nonNull)
                .filter(r -> r.evidence() == Evidence.COUNTS || r.evidence() == Evidence.WHOLE_TABLE_CHECKSUM).count();
    }

    /** The invariants in a few words, e.g. "2 of 2 invariants hold"; empty when there are none. */
    public String invariantsLine() {
        if (invariants == null || invariants.results().isEmpty()) {
            return "";
        }
        int held = invariants.results().size() - invariants.failures().size();
        return held + " of " + invariants.results().size() + " invariants hold"
                + (run == ValidationRun.IN_FLIGHT && held < invariants.results().size()
                ? " (before the cutover, while writes go on; the final validation requires all)" : "");
    }

    /** One line: tables and rows compared, what was re-checked or weaker, and the invariants. */
    public String summary() {
        List<String> parts = new ArrayList<>();
        parts.add(count(TableVerdict.EQUAL) + " of " + tables.size() + " tables equal");
        if (count(TableVerdict.IN_FLIGHT) > 0) {
            parts.add(count(TableVerdict.IN_FLIGHT) + " within the in-flight tolerance (counts only, settled at the final validation)");
        }
        if (!refused().isEmpty()) {
            parts.add(refused().size() + " differ or could not be compared");
        }
        parts.add(sourceRows() + " rows on the source, " + targetRows() + " on the target");
        if (resolvedOnRecheck() > 0) {
            parts.add(resolvedOnRecheck() + " differed while changes were in flight and were equal on re-check");
        }
        if (weakerEvidence() > 0) {
            parts.add(weakerEvidence() + " compared by counts or one whole-table checksum only");
        }
        if (!invariantsLine().isEmpty()) {
            parts.add(invariantsLine());
        }
        return String.join("; ", parts);
    }

    /** What refuses the cutover, a line each, at most {@code limit} tables (the report has them all). */
    public String problems(int limit) {
        List<String> lines = new ArrayList<>();
        List<JudgedTable> refused = refused();
        refused.stream().limit(limit).forEach(t -> lines.add(t.line()));
        if (refused.size() > limit) {
            lines.add("and " + (refused.size() - limit) + " more tables");
        }
        if (run == ValidationRun.FINAL) {
            failedInvariants().forEach(i -> lines.add("invariant " + i.line()));
        }
        return String.join("\n", lines);
    }
}
