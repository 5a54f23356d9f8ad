package dmsrunbook.error;

/** A failure that retrying cannot fix: a person has to change the spec, the source or the target. */
public abstract class TerminalException extends RunbookException {

    protected TerminalException(String message, String remediation) {
        super(message, remediation);
    }

    protected TerminalException(String message, String remediation, Throwable cause) {
        super(message, remediation, cause);
    }

    @Override
    public final boolean isRetryable() {
        return false;
    }
}
