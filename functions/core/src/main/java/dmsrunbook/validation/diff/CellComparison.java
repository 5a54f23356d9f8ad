package dmsrunbook.validation.diff;

import java.util.Objects;

/**
 * Whether two fetched cells hold the same value: floats within the tolerance (at single precision when either side
 * stores single precision), JSON in canonical form, everything else as canonical text. NULL equals only NULL.
 */
final class CellComparison {

    private CellComparison() {
    }

    static boolean same(SideColumn column, double tolerance, Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        return switch (column.kind()) {
            case FLOAT -> sameFloat((Double) a, (Double) b, column.single(), tolerance);
            case JSON -> a.equals(b) || Objects.equals(canonical((String) a), canonical((String) b));
            default -> a.equals(b);
        };
    }

    static boolean sameFloat(double a, double b, boolean single, double tolerance) {
        if (single) {
            a = (float) a;
            b = (float) b;
        }
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.isNaN(a) && Double.isNaN(b);
        }
        return a == b || Math.abs(a - b) <= tolerance;
    }

    private static String canonical(String json) {
        String canonical = CanonicalJson.of(json);
        return canonical == null ? json : canonical;
    }
}
