package dmsrunbook.error;

/**
 * Thrown when the source's schema changed during the migration (DDL that neither DMS nor logical replication carries
 * whole): the cutover stops, naming the objects that changed.
 */
public final class SourceSchemaChangedException extends TerminalException {

    public SourceSchemaChangedException(String message, String remediation) {
        super(message, remediation);
    }
}
