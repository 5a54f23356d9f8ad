package dmsrunbook.schema;

import java.util.regex.Pattern;

/**
 * A schema-qualified database object name, schema and name kept apart as the catalog holds them: a name may contain a
 * dot, a quote or capitals, so it is never parsed back out of a joined string.
 */
public record ObjectName(String schema, String name) implements Comparable<ObjectName> {

    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

    public ObjectName {
        if (schema == null || name == null) {
            throw new IllegalArgumentException("an object name needs a schema and a name");
        }
    }

    /** The same object in another schema (the target's, after a schema rename). */
    public ObjectName inSchema(String otherSchema) {
        return new ObjectName(otherSchema, name);
    }

    /** {@code schema.name}, each part in double quotes when it is not a plain lower-case word, for messages. */
    @Override
    public String toString() {
        return display(schema) + "." + display(name);
    }

    @Override
    public int compareTo(ObjectName other) {
        int bySchema = schema.compareTo(other.schema);
        return bySchema != 0 ? bySchema : name.compareTo(other.name);
    }

    /** A name part as a reader can tell where it ends: quoted (quotes doubled) unless it is a plain word. */
    public static String display(String part) {
        return PLAIN.matcher(part).matches() ? part : "\"" + part.replace("\"", "\"\"") + "\"";
    }
}
