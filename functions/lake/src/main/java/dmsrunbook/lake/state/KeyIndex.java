package dmsrunbook.lake.state;

/**
 * For every primary key seen in a merge, the latest change: its sequence number and whether it deleted the key.
 * Pass one of the merge fills it from key columns only; pass two keeps exactly the rows it names.
 */
interface KeyIndex {

    /** Records change {@code seq} for the key at {@code row}; keeps the later one. */
    void offer(KeyColumns keys, int row, long seq, boolean delete);

    /** The latest change for the key at {@code row}: its sequence number, negated when it is a delete; 0 if unseen. */
    long latest(KeyColumns keys, int row);

    int size();

    static KeyIndex forKeys(KeyColumns keys) {
        return keys.singleIntegral() ? new LongKeyIndex() : new GenericKeyIndex();
    }
}
