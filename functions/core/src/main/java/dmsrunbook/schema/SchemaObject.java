package dmsrunbook.schema;

/**
 * One object of a schema (a schema itself is named with an empty name): its kind, the schema-qualified name it lives under and, for what belongs to a table or has
 * overloads, the member: a column, constraint, trigger or rule of the table {@code name}, or a function's argument
 * types. Indexes, sequences, views and types have no member (their names are unique in their schema).
 */
public record SchemaObject(ObjectKind kind, ObjectName name, String member) implements Comparable<SchemaObject> {

    public SchemaObject {
        if (kind == null || name == null) {
            throw new IllegalArgumentException("a schema object needs a kind and a name");
        }
    }

    public static SchemaObject of(ObjectKind kind, ObjectName name) {
        return new SchemaObject(kind, name, null);
    }

    public static SchemaObject of(ObjectKind kind, ObjectName name, String member) {
        return new SchemaObject(kind, name, member);
    }

    /** The same object with its schema renamed (a source object as the target should hold it). */
    public SchemaObject inSchema(String schema) {
        return new SchemaObject(kind, name.inSchema(schema), member);
    }

    /** E.g. {@code column shop.orders.total}, {@code function shop.tax(numeric)}, {@code index shop.orders_idx}. */
    @Override
    public String toString() {
        if (kind == ObjectKind.SCHEMA) {
            return "schema " + ObjectName.display(name.schema());
        }
        if (member == null) {
            return kind.words() + " " + name;
        }
        return kind.words() + " " + name + (kind == ObjectKind.FUNCTION || kind == ObjectKind.PROCEDURE
                ? "(" + member + ")" : "." + ObjectName.display(member));
    }

    @Override
    public int compareTo(SchemaObject other) {
        int byName = name.compareTo(other.name);
        if (byName != 0) {
            return byName;
        }
        int byKind = kind.compareTo(other.kind);
        if (byKind != 0) {
            return byKind;
        }
        return String.valueOf(member).compareTo(String.valueOf(other.member));
    }
}
