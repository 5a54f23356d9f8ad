package dmsrunbook.database.postgres;

import dmsrunbook.schema.ObjectName;

/**
 * Quotes names and text for PostgreSQL statements built in Java. Identifiers are always double-quoted (quotes
 * doubled), so a name with a dot, a quote, capitals or a keyword reaches the server as the catalog holds it.
 */
public final class PostgresQuoting {

    private PostgresQuoting() {
    }

    public static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    public static String qualified(ObjectName name) {
        return identifier(name.schema()) + "." + identifier(name.name());
    }

    /** A string constant; standard_conforming_strings (on since PostgreSQL 9.1) keeps backslashes as they are. */
    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** The qualified name as a string constant, for {@code to_regclass(...)} and {@code ::regclass}. */
    public static String qualifiedLiteral(ObjectName name) {
        return literal(qualified(name));
    }
}
