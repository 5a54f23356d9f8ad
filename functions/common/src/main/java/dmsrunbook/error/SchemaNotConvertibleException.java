package dmsrunbook.error;

/**
 * The source's schema cannot be converted for the target as it is: a column type without a cast (a geometry without
 * PostGIS), two source names that the mappings turn into one target name, a primary key on such a column. The message
 * lists each with its fix; applying a plan without them would only fail later, when DMS writes the rows.
 */
public final class SchemaNotConvertibleException extends TerminalException {

    public SchemaNotConvertibleException(String message, String remediation) {
        super(message, remediation);
    }
}
