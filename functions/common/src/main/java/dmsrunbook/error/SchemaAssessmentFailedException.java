package dmsrunbook.error;

/**
 * Thrown when the schema assessment finds what cannot work on the target (an object the target cannot have, a table
 * the engine cannot capture, a check DMS's own premigration assessment failed), or cannot judge the target at all:
 * before any data moves, with every failure and its fix.
 */
public final class SchemaAssessmentFailedException extends TerminalException {

    public SchemaAssessmentFailedException(String message, String remediation) {
        super(message, remediation);
    }
}
