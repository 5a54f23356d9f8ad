package dmsrunbook.cutover;

import java.math.BigInteger;
import java.util.Optional;

/**
 * Decides where a target sequence must stand at cutover: at least where the source's stands, past every value a
 * column it feeds on the target already holds, and never back from where the target's already is. "Ahead" follows
 * the sequence's direction (down for a negative increment).
 */
public final class SequenceAdvance {

    private SequenceAdvance() {
    }

    /**
     * The move to make, or empty when the target is already far enough.
     *
     * @param target        the target sequence as it stands
     * @param source        the source's sequence of the same name, or null (none, or a source without sequences)
     * @param columnExtreme the largest value (smallest for a descending sequence) of the target columns it feeds, or null
     * @param columns       those columns, for the reason (e.g. {@code shop.orders.id})
     */
    public static Optional<SequenceMove> decide(SequenceState target, SequenceState source, BigInteger columnExtreme, String columns) {
        int direction = target.direction();
        BigInteger current = target.position();
        BigInteger fromSource = source == null ? null : source.position();
        boolean sourceLeads = fromSource != null && (columnExtreme == null || ahead(fromSource, columnExtreme, direction) >= 0);
        BigInteger wanted = sourceLeads ? fromSource : columnExtreme;
        if (wanted == null || ahead(wanted, current, direction) <= 0) {
            return Optional.empty();
        }
        if (sourceLeads) {
            return Optional.of(new SequenceMove(target.name(), source.lastValue(), source.called(), "source sequence"));
        }
        return Optional.of(new SequenceMove(target.name(), columnExtreme.longValueExact(), true,
                (direction > 0 ? "max(" : "min(") + columns + ")"));
    }

    /** Positive when {@code a} is further along the sequence's direction than {@code b}. */
    private static int ahead(BigInteger a, BigInteger b, int direction) {
        return a.compareTo(b) * direction;
    }
}
