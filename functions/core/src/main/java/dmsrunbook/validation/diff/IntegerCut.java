package dmsrunbook.validation.diff;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A cut of one integer key's values into spans of equal {@code width} from {@code low}: the boundaries are
 * {@code low + width - 1}, {@code low + 2 * width - 1}, ... (the last of each part, as {@link KeyRange#through()}),
 * and a value's part is a number the database can compute by arithmetic instead of comparing it with every boundary:
 * {@code (least(greatest(key, low), cap) - low) / width}, where {@code cap} is the first value of the last part. The
 * clamps put keys below {@code low} in the first part and keys past the last boundary in the last one, as the parts'
 * open ends do (a row may be written between the span's reading and the checksum's).
 */
public record IntegerCut(BigInteger low, BigInteger width, List<Key> bounds) {

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    public IntegerCut {
        bounds = List.copyOf(bounds);
    }

    /** The integers {@code [low, high]} cut into at most {@code parts} spans of equal width (fewer when they are few). */
    public static IntegerCut of(BigInteger low, BigInteger high, int parts) {
        List<Key> bounds = new ArrayList<>();
        BigInteger values = high.subtract(low).add(BigInteger.ONE);
        if (values.signum() <= 0 || parts < 2) {
            return new IntegerCut(low, values.max(BigInteger.ONE), bounds);
        }
        BigInteger width = values.add(BigInteger.valueOf(parts - 1)).divide(BigInteger.valueOf(parts));
        for (BigInteger bound = low.add(width).subtract(BigInteger.ONE); bound.compareTo(high) < 0; bound = bound.add(width)) {
            bounds.add(Key.of(bound.toString()));
        }
        return new IntegerCut(low, width, bounds);
    }

    /** The first value of the last part: keys from there on fall in the last part. */
    public BigInteger cap() {
        return low.add(width.multiply(BigInteger.valueOf(bounds.size())));
    }

    /**
     * {@code low}, {@code cap} and {@code width} as 64-bit integers, when they and {@code cap - low} fit in one (so the
     * arithmetic cannot overflow in a database's {@code bigint}); empty for a cut beyond that, which is cut by
     * comparing with its boundaries instead.
     */
    public Optional<long[]> asLongs() {
        BigInteger cap = cap();
        boolean fits = fitsLong(low) && fitsLong(cap) && fitsLong(width) && fitsLong(cap.subtract(low));
        return fits ? Optional.of(new long[] {low.longValueExact(), cap.longValueExact(), width.longValueExact()}) : Optional.empty();
    }

    private static boolean fitsLong(BigInteger value) {
        return value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0;
    }
}
