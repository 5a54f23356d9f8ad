package dmsrunbook.validation.diff;

import static dmsrunbook.validation.diff.TypeFamily.BOOLEAN;
import static dmsrunbook.validation.diff.TypeFamily.DECIMAL;
import static dmsrunbook.validation.diff.TypeFamily.FLOAT4;
import static dmsrunbook.validation.diff.TypeFamily.FLOAT8;
import static dmsrunbook.validation.diff.TypeFamily.INTEGER;
import static dmsrunbook.validation.diff.TypeFamily.JSON;
import static dmsrunbook.validation.diff.TypeFamily.TEXT;
import static dmsrunbook.validation.diff.TypeFamily.TINYINT_ONE;
import static dmsrunbook.validation.diff.TypeFamily.UUID;

import java.util.Set;

/**
 * Pairs a column's type on the source with its type on the target into the one {@link ValueKind} both sides compare
 * it as, the way DMS maps types between engines: {@code tinyint(1)} against {@code boolean} is a boolean, an integer
 * against a {@code numeric} is a decimal, {@code longtext} against {@code jsonb} is JSON, {@code float} against
 * {@code double precision} is a float compared at single precision. Exact numerics are rendered at the larger of the
 * two declared scales (exact on both sides); when either side is unconstrained, with trailing zeros trimmed.
 */
public final class ColumnKinds {

    /** The kind, the scale to render decimals at (null: trimmed), and whether floats compare at single precision. */
    public record Resolved(ValueKind kind, Integer scale, boolean single) {
    }

    private static final Set<TypeFamily> EXACT = Set.of(INTEGER, TINYINT_ONE, DECIMAL);
    private static final Set<TypeFamily> FLOATS = Set.of(FLOAT4, FLOAT8);

    private ColumnKinds() {
    }

    public static Resolved resolve(ColumnType source, ColumnType target) {
        TypeFamily a = source.family();
        TypeFamily b = target.family();
        if (a == JSON || b == JSON) {
            return of(a == b || a == TEXT || b == TEXT ? ValueKind.JSON : ValueKind.OTHER);
        }
        if (a == BOOLEAN || b == BOOLEAN) {
            Set<TypeFamily> booleanLike = Set.of(BOOLEAN, TINYINT_ONE, INTEGER);
            return of(booleanLike.contains(a) && booleanLike.contains(b) ? ValueKind.BOOLEAN : ValueKind.OTHER);
        }
        if (FLOATS.contains(a) || FLOATS.contains(b)) {
            boolean numeric = (FLOATS.contains(a) || EXACT.contains(a)) && (FLOATS.contains(b) || EXACT.contains(b));
            return numeric ? new Resolved(ValueKind.FLOAT, null, a == FLOAT4 || b == FLOAT4) : of(ValueKind.OTHER);
        }
        if (EXACT.contains(a) && EXACT.contains(b)) {
            if (a != DECIMAL && b != DECIMAL) {
                return of(ValueKind.INTEGER);
            }
            Integer scale = source.scale() == null && a == DECIMAL || target.scale() == null && b == DECIMAL ? null
                    : Math.max(scaleOf(source), scaleOf(target));
            return new Resolved(ValueKind.DECIMAL, scale, false);
        }
        if (a == UUID || b == UUID) {
            return of(a == b || a == TEXT || b == TEXT ? ValueKind.UUID : ValueKind.OTHER);
        }
        if (a == b) {
            return of(switch (a) {
                case TEXT -> ValueKind.TEXT;
                case BINARY -> ValueKind.BINARY;
                case DATE -> ValueKind.DATE;
                case TIME -> ValueKind.TIME;
                case TIMESTAMP -> ValueKind.TIMESTAMP;
                default -> ValueKind.OTHER;
            });
        }
        return of(ValueKind.OTHER);
    }

    private static int scaleOf(ColumnType type) {
        return type.family() == DECIMAL && type.scale() != null ? type.scale() : 0;
    }

    private static Resolved of(ValueKind kind) {
        return new Resolved(kind, null, false);
    }
}
