package dmsrunbook.error;

/**
 * Thrown when the target does not hold the source's data: a table whose rows differ (named with its first keys, never
 * values), a business invariant that does not hold, or a table AWS DMS's own validation found mismatched. The cutover
 * must not go ahead.
 */
public final class DataMismatchException extends TerminalException {

    public DataMismatchException(String message, String remediation) {
        super(message, remediation);
    }
}
