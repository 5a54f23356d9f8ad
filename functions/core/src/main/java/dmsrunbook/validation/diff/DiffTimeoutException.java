package dmsrunbook.validation.diff;

import dmsrunbook.error.TerminalException;

/**
 * Thrown when a table's diff would outlast its time budget (a Lambda has 15 minutes). Retrying the same key range
 * takes as long again, so it is terminal: the range has to be split into smaller ones.
 */
public final class DiffTimeoutException extends TerminalException {

    public DiffTimeoutException(String table, KeyRange range, java.time.Duration budget) {
        super("Diff of " + table + " " + range + " did not finish within " + budget.toSeconds() + " s",
                "split the table into smaller key ranges (KeyRangePlanner with fewer rows per range) and diff each on its own");
    }
}
