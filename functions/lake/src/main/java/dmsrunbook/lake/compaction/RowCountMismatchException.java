package dmsrunbook.lake.compaction;

/** Thrown before anything is committed when the rows written differ from the rows read: nothing is published. */
public final class RowCountMismatchException extends IllegalStateException {

    public RowCountMismatchException(String what, long expected, long actual) {
        super(what + ": expected " + expected + " rows but wrote " + actual + "; nothing was committed");
    }
}
