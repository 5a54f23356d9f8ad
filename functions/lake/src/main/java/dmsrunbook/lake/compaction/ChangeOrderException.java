package dmsrunbook.lake.compaction;

import dmsrunbook.error.TerminalException;

/**
 * Thrown when two changes claim the same place in the order (the same file merged twice) or a file's changes are
 * not in order: merging on would duplicate or reorder changes, so nothing is written. The same inputs fail the same
 * way on a retry.
 */
public final class ChangeOrderException extends TerminalException {

    public ChangeOrderException(String message) {
        super(message, "Nothing was committed; the table's messages return to the queue until they reach the dead-letter "
                + "queue. Keep the input named above and report it: the lake will not merge these inputs as they are.");
    }
}
