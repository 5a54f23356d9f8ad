package dmsrunbook.lake.compaction;

import dmsrunbook.error.TerminalException;

/**
 * Thrown before anything is committed when a compaction or a current-state merge wrote a different number of rows
 * than it read: nothing is published. The lake's own check of its output, unlike the runbook's
 * {@code RowCountMismatchException} (source and target tables differ); the same inputs fail the same way on a retry.
 */
public final class CompactionRowCountException extends TerminalException {

    public CompactionRowCountException(String what, long expected, long actual) {
        super(what + ": expected " + expected + " rows but wrote " + actual + "; nothing was committed",
                "The table's messages return to the queue until they reach the dead-letter queue. Keep the table's DMS files "
                        + "and report it: the lake lost or invented rows while writing.");
    }
}
