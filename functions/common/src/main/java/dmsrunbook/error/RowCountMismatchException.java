package dmsrunbook.error;

/** Thrown when a selected table does not hold the same number of rows on the source and the target. */
public final class RowCountMismatchException extends TerminalException {

    public RowCountMismatchException(String message, String remediation) {
        super(message, remediation);
    }
}
