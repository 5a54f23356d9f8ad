package dmsrunbook.lake.commit;

import dmsrunbook.error.RetryableException;

/** Thrown when other invocations kept committing the same table first: the messages go back to the queue. */
public final class CommitContendedException extends RetryableException {

    public CommitContendedException(TableConfig table, int attempts) {
        super("table " + table.schema() + "." + table.table() + " was committed by other invocations " + attempts
                + " times in a row while this one tried", "Nothing to do: SQS redelivers the messages. If it persists, lower "
                + "the lake function's reserved concurrency.", null);
    }
}
