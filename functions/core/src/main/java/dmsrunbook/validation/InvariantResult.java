package dmsrunbook.validation;

/**
 * One business invariant's outcome: whether it holds; whether both sides returned the same rows (compared as a
 * multiset, whatever their order) and, when the spec expects a value, whether they match it. Values are shown only
 * for a one-row, one-column result (a count, a sum): whole result sets may hold personal data. {@code problem} says
 * what failed, in words, or is null.
 */
public record InvariantResult(String name, boolean passed, boolean sidesEqual, Boolean matchesExpected, long sourceRows, long targetRows,
                              String sourceValue, String targetValue, String problem) {

    /** One line for the report and the alert. */
    public String line() {
        return (passed ? "PASS " : "FAIL ") + name + (problem == null ? "" : ": " + problem);
    }
}
