package dmsrunbook.validation.diff;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Merges the two sides' rows, both streamed in key order, as a merge join: a key only on the source is missing on
 * the target, a key only on the target is extra, a key on both is compared cell by cell. It checks that each stream
 * really arrives in key order (by {@link KeyOrder}), since a database ordering by its own collation would otherwise
 * make equal tables look different.
 */
final class RowMerge {

    /** What the merge finds; {@code previous} is the greatest key merged before this one (null: none yet). */
    interface Listener {
        void missing(Key key, Key previous);

        void extra(Key key, Key previous);

        /** A key on both sides; {@code changedColumns} is empty when the rows are equal. */
        void pair(Key key, List<String> changedColumns, Key previous);
    }

    private final RowCursor source;
    private final RowCursor target;
    private final KeyOrder order;
    private final List<SideColumn> columns;
    private final double tolerance;
    private FetchedRow sourceHead;
    private FetchedRow targetHead;
    private boolean started;
    private Key previous;
    private Key lastSource;
    private Key lastTarget;
    long sourceRows;
    long targetRows;

    RowMerge(RowCursor source, RowCursor target, KeyOrder order, List<SideColumn> columns, double tolerance, Key start) {
        this.source = source;
        this.target = target;
        this.order = order;
        this.columns = columns;
        this.tolerance = tolerance;
        this.previous = start;
    }

    /** Merges every row whose key is at most {@code bound} (every row left, when null). */
    void mergeThrough(Key bound, Listener listener) throws SQLException {
        start();
        while (sourceHead != null || targetHead != null) {
            int side = sourceHead == null ? 1 : targetHead == null ? -1 : order.compare(sourceHead.key(), targetHead.key());
            Key key = side <= 0 ? sourceHead.key() : targetHead.key();
            if (bound != null && order.compare(key, bound) > 0) {
                return;
            }
            if (side < 0) {
                listener.missing(key, previous);
                advanceSource();
            } else if (side > 0) {
                listener.extra(key, previous);
                advanceTarget();
            } else {
                listener.pair(key, changedColumns(sourceHead, targetHead), previous);
                advanceSource();
                advanceTarget();
            }
            previous = key;
        }
    }

    /** Reads past every row whose key is at most {@code bound} (every row left, when null) without comparing them. */
    void skipThrough(Key bound) throws SQLException {
        start();
        while (sourceHead != null && (bound == null || order.compare(sourceHead.key(), bound) <= 0)) {
            advanceSource();
        }
        while (targetHead != null && (bound == null || order.compare(targetHead.key(), bound) <= 0)) {
            advanceTarget();
        }
        if (bound != null && (previous == null || order.compare(bound, previous) > 0)) {
            previous = bound;
        }
    }

    private List<String> changedColumns(FetchedRow a, FetchedRow b) {
        List<String> changed = new ArrayList<>(0);
        for (int i = 0; i < columns.size(); i++) {
            if (!CellComparison.same(columns.get(i), tolerance, a.cells()[i], b.cells()[i])) {
                changed.add(columns.get(i).name());
            }
        }
        return changed;
    }

    private void start() throws SQLException {
        if (!started) {
            started = true;
            advanceSource();
            advanceTarget();
        }
    }

    private void advanceSource() throws SQLException {
        sourceHead = source.next();
        if (sourceHead != null) {
            sourceRows++;
            // The source's key is unique: each key must be strictly greater than the last.
            checkOrder(lastSource, sourceHead.key(), true, "source");
            lastSource = sourceHead.key();
        }
    }

    private void advanceTarget() throws SQLException {
        targetHead = target.next();
        if (targetHead != null) {
            targetRows++;
            // A target without the unique key may repeat a key: each repeat is an extra row.
            checkOrder(lastTarget, targetHead.key(), false, "target");
            lastTarget = targetHead.key();
        }
    }

    private void checkOrder(Key last, Key next, boolean strictly, String side) {
        if (last != null) {
            int c = order.compare(next, last);
            if (c < 0 || strictly && c == 0) {
                throw new IllegalStateException("The " + side + " returned key " + next + " after " + last
                        + ": its rows are not in key order, so they cannot be merged");
            }
        }
    }
}
