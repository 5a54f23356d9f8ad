package dmsrunbook.cutover;

import dmsrunbook.schema.ObjectName;

/**
 * A target sequence the cutover moved forward: set to {@code value} with {@code called} (as {@code setval} takes
 * them), because of {@code reason}: the source's sequence, or the largest value a column fed by it already holds.
 */
public record SequenceMove(ObjectName sequence, long value, boolean called, String reason) {

    /** E.g. {@code shop.orders_id_seq -> 55 (source sequence)}. */
    public String describe() {
        return sequence + " -> " + value + (called ? "" : " (next)") + " (" + reason + ")";
    }
}
