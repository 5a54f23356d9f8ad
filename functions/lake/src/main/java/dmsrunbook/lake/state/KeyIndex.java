package dmsrunbook.lake.state;

import java.util.BitSet;

/**
 * For every primary key seen in a merge, the latest change: its sequence number, whether it deleted the key, and
 * which row (by ordinal across the merge's inputs) carries it. Pass one of the merge fills it from key columns only;
 * then {@link #markWinners} turns it into a bitset of rows, so pass two keeps rows without a single lookup.
 */
interface KeyIndex {

    /**
     * Records change {@code seqs[r]} (a delete when {@code deletes[r]}) of row ordinal {@code firstOrdinal + r} for
     * the key of each row; keeps the later change.
     */
    void offer(KeyColumns keys, int rows, long[] seqs, boolean[] deletes, int firstOrdinal);

    /** Sets the ordinal of every key's latest change. */
    void markWinners(BitSet winners);

    int size();

    static KeyIndex forKeys(KeyColumns keys) {
        return keys.singleIntegral() ? new LongKeyIndex() : new GenericKeyIndex();
    }
}
