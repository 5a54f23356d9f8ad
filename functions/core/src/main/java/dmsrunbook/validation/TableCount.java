package dmsrunbook.validation;

/**
 * One table's row counts: source and target names (they differ under transformation rules), the exact counts,
 * and the verdict: {@code match}, {@code in-flight} (a small difference while writes go on) or {@code mismatch}.
 * {@code target} is null when the target table does not exist.
 */
public record TableCount(String sourceTable, String targetTable, long source, Long target, String verdict) {

    public long difference() {
        return target == null ? source : target - source;
    }
}
