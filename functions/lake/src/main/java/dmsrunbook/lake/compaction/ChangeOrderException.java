package dmsrunbook.lake.compaction;

/**
 * Thrown when two changes claim the same place in the order (the same file merged twice) or a file's changes are
 * not in order: merging on would duplicate or reorder changes, so nothing is written.
 */
public final class ChangeOrderException extends IllegalStateException {

    public ChangeOrderException(String message) {
        super(message);
    }
}
