package dmsrunbook.validation.diff;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a key range is cut. By value where that is free: one integer key is cut into equal spans between its
 * smallest and largest value (serial keys are dense; a gap only makes a part smaller, and a part still too large is
 * cut again). By key quantiles otherwise: text, UUID and composite keys have no arithmetic, so the boundaries are
 * every n-th key read from the database, which also gives parts of equal rows.
 */
final class SegmentSplit {

    private SegmentSplit() {
    }

    /** Boundaries cutting the integers {@code [low, high]} into at most {@code parts} spans of equal width. */
    static List<Key> integerBounds(BigInteger low, BigInteger high, int parts) {
        return IntegerCut.of(low, high, parts).bounds();
    }

    /** The boundaries strictly inside {@code range} and strictly ascending: each one cuts off a non-empty span. */
    static List<Key> inside(List<Key> bounds, KeyRange range, KeyOrder order) {
        List<Key> kept = new ArrayList<>();
        for (Key bound : bounds) {
            boolean afterStart = range.after() == null || order.compare(bound, range.after()) > 0;
            boolean beforeEnd = range.through() == null || order.compare(bound, range.through()) < 0;
            boolean ascending = kept.isEmpty() || order.compare(bound, kept.get(kept.size() - 1)) > 0;
            if (afterStart && beforeEnd && ascending) {
                kept.add(bound);
            }
        }
        return kept;
    }

    /** The parts of {@code range} cut at {@code bounds} (ascending, inside the range). */
    static List<KeyRange> parts(KeyRange range, List<Key> bounds) {
        List<KeyRange> parts = new ArrayList<>();
        Key after = range.after();
        for (Key bound : bounds) {
            parts.add(new KeyRange(after, bound));
            after = bound;
        }
        parts.add(new KeyRange(after, range.through()));
        return parts;
    }
}
