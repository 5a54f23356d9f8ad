package dmsrunbook.error;

/** Thrown when at least one preflight check FAILs: the source or target is not ready for this migration. */
public final class PreflightFailedException extends TerminalException {

    public PreflightFailedException(String message, String remediation) {
        super(message, remediation);
    }
}
