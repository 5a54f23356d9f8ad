package dmsrunbook.error;

/**
 * Thrown when the target's schema does not match the source's (schema.mode verify, or a check after applying it), or
 * cannot be finished in the time the runbook gives it; the message names the objects that differ.
 */
public final class TargetSchemaException extends TerminalException {

    public TargetSchemaException(String message, String remediation) {
        super(message, remediation);
    }
}
