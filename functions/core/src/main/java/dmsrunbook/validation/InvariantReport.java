package dmsrunbook.validation;

import java.util.List;

/** Every business invariant's outcome, in the spec's order. */
public record InvariantReport(List<InvariantResult> results) {

    public InvariantReport {
        results = List.copyOf(results);
    }

    public List<InvariantResult> failures() {
        return results.stream().filter(r -> !r.passed()).toList();
    }

    public boolean passed() {
        return failures().isEmpty();
    }
}
