package dmsrunbook.schema;

/**
 * One way the target's schema differs from the source's: an object missing on the target, defined differently
 * there, or present only there. {@code source} and {@code target} hold the compared text (null where absent).
 */
public record SchemaDifference(SchemaObject object, Problem problem, String source, String target) {

    /** How the object differs. */
    public enum Problem {
        /** On the source, not on the target. */
        MISSING,
        /** On both, defined differently (e.g. another column type). */
        DIFFERENT,
        /** Only on the target. */
        EXTRA
    }

    /** E.g. {@code column shop.orders.total: numeric(12,2) on the source, text on the target}. */
    public String describe() {
        return switch (problem) {
            case MISSING -> "missing on the target: " + object + (source == null || source.isEmpty() ? "" : " (" + source + ")");
            case DIFFERENT -> object + ": " + source + " on the source, " + target + " on the target";
            case EXTRA -> "only on the target: " + object;
        };
    }
}
